using System.Text.Json.Nodes;
using Millwright.Client.Errors;
using Millwright.Client.Models;
using Millwright.Connectors.Core;
using Millwright.Connectors.Http;

namespace Millwright.Connectors.Vendors.Sap;

/// <summary>
/// Writes through SAP Gateway (README.md, "Writing"): a create is a <c>POST</c> to the entity set; an update reads the entity
/// first with <c>x-csrf-token: Fetch</c> (its ETag, its current status and a token in one call), sends the changed properties
/// as <c>PATCH</c> with <c>If-Match</c>, then the status change as the function import SAP publishes for it, and reads the
/// entity back. A stale ETag (<c>412</c>) means someone changed the record in between: reported as a conflict, never retried.
/// </summary>
internal sealed partial class SapConnector : IWritableConnector, IPassthroughConnector
{
    public async Task<ConnectorResult<RawRecord>> CreateAsync(ConnectionContext connection, CreateRequest request, CancellationToken cancellationToken)
    {
        if (!SapWriteTarget.All.TryGetValue(request.Entity, out var target))
        {
            return NotSupported(request.Entity, "create");
        }

        var settings = SapSettings.Read(connection);
        if (!settings.IsSuccess)
        {
            return settings.Failure!;
        }

        var (baseUrl, client, _, _) = settings.Value;
        var api = Api();
        var session = new SapSession();
        var created = await api.SendAsync(connection, HttpMethod.Post, SapApi.Url(baseUrl, client, target.Service, target.EntitySet, []),
            target.Body(request.Document, creating: true), null, session, SessionUrl(baseUrl, client, target), SapWriteKind.Create, cancellationToken).ConfigureAwait(false);
        if (!created.IsSuccess)
        {
            return created.Failure!;
        }

        if (created.Value!.D is not { } document || SapComputed.Text(document[target.IdProperty]) is not { } id)
        {
            return UpstreamFailures.InvalidResponse(SapSettings.SystemName, $"a created {target.EntitySet} without its {target.IdProperty}", created.Value.Status);
        }

        // The POST answer is the entity as SAP completed it (numbers, statuses, derived plant data): the same document a read gives.
        return ConnectorResult<RawRecord>.Ok(Record(request.Entity, id, document));
    }

    public async Task<ConnectorResult<RawRecord>> UpdateAsync(ConnectionContext connection, UpdateRequest request, CancellationToken cancellationToken)
    {
        if (!SapWriteTarget.All.TryGetValue(request.Entity, out var target))
        {
            return NotSupported(request.Entity, "change");
        }

        if (request.Status is { } wanted && !SapWriteTarget.StatusTransitions[request.Entity].Contains(wanted.Status))
        {
            return new ConnectorFailure(FailureCategory.Permanent, ErrorCodes.StatusTransitionNotAllowed,
                $"SAP S/4HANA has no status change to '{wanted.Status}' for {EntityInfo.Of(request.Entity).Path}; it offers {string.Join(", ", SapWriteTarget.StatusTransitions[request.Entity])}.");
        }

        var settings = SapSettings.Read(connection);
        if (!settings.IsSuccess)
        {
            return settings.Failure!;
        }

        var (baseUrl, client, _, _) = settings.Value;
        var api = Api();
        var session = new SapSession();
        var entityUrl = SapApi.Url(baseUrl, client, target.Service, target.EntitySet + target.Key(request.RemoteId), []);

        // Read first: the stored copy may be stale, and SAP wants the current ETag; the same read fetches the CSRF token.
        var current = await api.FetchAsync(connection, entityUrl, session, cancellationToken).ConfigureAwait(false);
        if (!current.IsSuccess)
        {
            return current.Failure!;
        }

        var (document, etag) = current.Value;
        if (request.Changes.Count > 0)
        {
            var patched = await api.SendAsync(connection, HttpMethod.Patch, entityUrl, target.Body(request.Changes, creating: false), etag ?? "*",
                session, entityUrl, SapWriteKind.Update, cancellationToken).ConfigureAwait(false);
            if (!patched.IsSuccess)
            {
                return patched.Failure!;
            }

            etag = patched.Value!.ETag;
        }

        if (request.Status is { } status && target.Transition(status.Status, document) is { Length: > 0 } function)
        {
            if (etag is null)
            {
                var reread = await api.FetchAsync(connection, entityUrl, session, cancellationToken).ConfigureAwait(false);
                if (!reread.IsSuccess)
                {
                    return reread.Failure!;
                }

                etag = reread.Value.ETag;
            }

            var moved = await api.SendAsync(connection, HttpMethod.Post, SapApi.Url(baseUrl, client, target.Service, function, target.Parameters(request.RemoteId)),
                null, etag ?? "*", session, entityUrl, SapWriteKind.Transition, cancellationToken).ConfigureAwait(false);
            if (!moved.IsSuccess)
            {
                return moved.Failure! with { Message = $"{moved.Failure.Message} ({function})" };
            }
        }

        // Read back as a sync reads it (an order with its operations' components), so the stored record keeps what the update did not touch.
        var afterUrl = SapApi.Url(baseUrl, client, target.Service, target.EntitySet + target.Key(request.RemoteId), SapEndpoint.All[request.Entity].EntityQuery);
        var after = await api.GetAsync(connection, afterUrl, cancellationToken).ConfigureAwait(false);
        return after.IsSuccess ? ConnectorResult<RawRecord>.Ok(Record(request.Entity, request.RemoteId, after.Value!)) : after.Failure!;
    }

    /// <summary>The services' sets are <c>sap:deletable="false"</c>: SAP flags PM objects for deletion instead (<c>cancelled</c>, <c>retired</c>).</summary>
    public Task<ConnectorResult<DeletedRecord>> DeleteAsync(ConnectionContext connection, DeleteRequest request, CancellationToken cancellationToken) =>
        Task.FromResult<ConnectorResult<DeletedRecord>>(NotSupported(request.Entity, "delete"));

    public Task<ConnectorResult<PassthroughResponse>> PassthroughAsync(ConnectionContext connection, PassthroughRequest request, CancellationToken cancellationToken)
    {
        var settings = SapSettings.Read(connection);
        if (!settings.IsSuccess)
        {
            return Task.FromResult<ConnectorResult<PassthroughResponse>>(settings.Failure!);
        }

        var (baseUrl, client, _, _) = settings.Value;
        return Api().PassthroughAsync(connection, baseUrl, client, request, cancellationToken);
    }

    /// <summary>Where a create fetches its CSRF token: the service document, the cheapest read of the service.</summary>
    private static Uri SessionUrl(Uri baseUrl, string? client, SapWriteTarget target) => SapApi.Url(baseUrl, client, target.Service, "", []);

    private static RawRecord Record(Entity entity, string id, JsonObject document)
    {
        SapComputed.Add(entity, document);
        return Record(SapEndpoint.All[entity], id, document);
    }

    private static ConnectorFailure NotSupported(Entity entity, string what) =>
        new(FailureCategory.Permanent, ErrorCodes.OperationNotSupported, $"SAP S/4HANA cannot {what} {EntityInfo.Of(entity).Path} through its published APIs.");
}
