using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Millwright.Client.Connections;
using Millwright.Client.Errors;
using Millwright.Client.Models;
using Millwright.Connectors.Core;
using Millwright.Server.Features.Auth;
using Millwright.Server.Features.Records;
using Millwright.Server.Features.Secrets;
using Millwright.Server.Hosting;
using Millwright.Server.Hosting.Errors;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Writes;

/// <summary>
/// One write request end to end: target and capability check, idempotency claim, body validation, mapping
/// inversion, the vendor call, read-your-writes storage with its event, and the answer (stored for replay).
/// </summary>
internal sealed class RecordWrites(
    WriteTargets targets, WriteBody bodies, WrittenRecords records, IdempotencyKeys keys, CredentialProtector protector,
    WriteCredentialFailures credentialFailures)
{
    public async Task<IResult> RunAsync(HttpContext http, WriteOperation operation, EntityInfo info, string? id, JsonObject? body, CancellationToken cancellationToken)
    {
        var connection = http.GetConnection();
        var caller = http.GetCaller();
        var target = await targets.ResolveAsync(connection, info, operation, cancellationToken);
        var key = operation == WriteOperation.Delete ? null : KeyOf(http);
        if (key is not null)
        {
            var hash = IdempotencyKeys.HashOf(connection.Id, http.Request.Method, http.Request.Path, body?.ToJsonString() ?? "");
            if (await keys.ClaimAsync(caller.AccountId, caller.Environment, key, hash, cancellationToken) is { } replay)
            {
                http.Response.Headers[IdempotencyKeys.ReplayedHeader] = "true";
                return Answer(http, replay);
            }
        }

        StoredAnswer answer;
        try
        {
            answer = await ExecuteAsync(http, target, operation, id, body, cancellationToken);
        }
        catch when (key is not null)
        {
            // Refusals and failures are not kept: the same key may be retried (throttling and outages pass).
            await keys.ReleaseAsync(caller.AccountId, caller.Environment, key);
            throw;
        }

        if (key is not null)
        {
            await keys.CompleteAsync(caller.AccountId, caller.Environment, key, answer, CancellationToken.None);
        }

        return Answer(http, answer);
    }

    private async Task<StoredAnswer> ExecuteAsync(HttpContext http, WriteTarget target, WriteOperation operation, string? id, JsonObject? body, CancellationToken cancellationToken)
    {
        if (target.Connection.Status == ConnectionStatuses.ReauthRequired)
        {
            throw new ApiException(StatusCodes.Status409Conflict, ErrorCodes.ConnectionReauthRequired,
                $"{target.Connector.Descriptor.Name} rejected this connection's credentials; writes resume once new ones are supplied (PUT /v1/connections/{{id}}/credentials).",
                ErrorSource.ConnectedSystem);
        }

        var requestId = RequestIdMiddleware.Get(http);
        RecordRow? stored = null;
        if (id is not null)
        {
            stored = await records.FindAsync(target, id, cancellationToken)
                ?? throw ApiException.NotFound($"{target.Info.Singular.Replace('_', ' ')} '{(id.Length > 64 ? id[..64] + "…" : id)}'");
        }

        var context = ContextFor(target);
        switch (operation)
        {
            case WriteOperation.Create:
                {
                    var values = await bodies.ReadAsync(target, operation, body!, null, cancellationToken);
                    var request = new CreateRequest(target.Info.Entity, target.Plan.ToSource(values.Values), values.Status);
                    var created = await target.Connector.CreateAsync(context, request, cancellationToken);
                    var row = await records.SaveAsync(target, created.IsSuccess ? created.Value! : throw await FailureAsync(target, created.Failure!), requestId, cancellationToken);
                    return new StoredAnswer(StatusCodes.Status201Created, records.Render(target, row), $"/v1/{target.Info.Path}/{row.Id}");
                }

            case WriteOperation.Update:
                {
                    var values = await bodies.ReadAsync(target, operation, body!, WrittenRecords.Parse(stored!.Data), cancellationToken);
                    var request = new UpdateRequest(target.Info.Entity, stored.RemoteId, target.Plan.ToSource(values.Values), values.Status, WrittenRecords.Parse(stored.Raw));
                    var updated = await target.Connector.UpdateAsync(context, request, cancellationToken);
                    var row = await records.SaveAsync(target, updated.IsSuccess ? updated.Value! : throw await FailureAsync(target, updated.Failure!), requestId, cancellationToken);
                    return new StoredAnswer(StatusCodes.Status200OK, records.Render(target, row), null);
                }

            default:
                {
                    var deleted = await target.Connector.DeleteAsync(context, new DeleteRequest(target.Info.Entity, stored!.RemoteId, WrittenRecords.Parse(stored.Raw)), cancellationToken);
                    await records.DeleteAsync(target, stored.Id, deleted.IsSuccess ? deleted.Value! : throw await FailureAsync(target, deleted.Failure!), requestId, cancellationToken);
                    return new StoredAnswer(StatusCodes.Status204NoContent, "", null);
                }
        }
    }

    /// <summary>The answer to a failed vendor call; rejected credentials also move the connection to <c>reauth_required</c>.</summary>
    private async Task<ApiException> FailureAsync(WriteTarget target, ConnectorFailure failure)
    {
        if (failure.Category == FailureCategory.AuthFailed)
        {
            await credentialFailures.MarkReauthRequiredAsync(target.Connection.Id, failure, CancellationToken.None);
        }

        return WriteFailures.ToApiException(failure, target.Connector.Descriptor.Name);
    }

    private ConnectionContext ContextFor(WriteTarget target)
    {
        try
        {
            return protector.ContextFor(target.Connection);
        }
        catch (CryptographicException)
        {
            throw new ApiException(StatusCodes.Status409Conflict, ErrorCodes.ConnectionReauthRequired,
                "The connection's credentials cannot be decrypted with this installation's key; supply them again.", ErrorSource.Platform);
        }
    }

    private static string? KeyOf(HttpContext http)
    {
        if (!http.Request.Headers.TryGetValue(IdempotencyKeys.Header, out var values))
        {
            return null;
        }

        var key = values.ToString();
        if (values.Count != 1 || key.Length is 0 or > IdempotencyKeys.MaxKeyLength || key.Any(c => c is < '!' or > '~'))
        {
            throw new ApiException(StatusCodes.Status400BadRequest, ErrorCodes.InvalidQueryParameter,
                $"The Idempotency-Key header must be one value of 1 to {IdempotencyKeys.MaxKeyLength} visible ASCII characters (a UUID is a good key).",
                details: [new ErrorDetail(IdempotencyKeys.Header, "invalid")]);
        }

        return key;
    }

    private static IResult Answer(HttpContext http, StoredAnswer answer)
    {
        if (answer.Location is not null)
        {
            http.Response.Headers.Location = answer.Location;
        }

        return answer.Status == StatusCodes.Status204NoContent
            ? TypedResults.NoContent()
            : TypedResults.Text(answer.Body, "application/json; charset=utf-8", null, answer.Status);
    }
}
