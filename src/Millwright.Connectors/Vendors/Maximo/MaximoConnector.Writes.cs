using System.Text.Json.Nodes;
using Millwright.Client.Errors;
using Millwright.Client.Models;
using Millwright.Connectors.Core;
using Millwright.Connectors.Http;

namespace Millwright.Connectors.Vendors.Maximo;

/// <summary>
/// Writes through the object structures the reads use (README.md, "Writing"): <c>POST /os/&lt;os&gt;</c> creates, answering
/// with the record through the <c>properties</c> header (the read's selection, so the same mapping applies); an update finds the
/// record's URI and <c>_rowstamp</c> by its key, sends the changed attributes with <c>x-method-override: PATCH</c> and
/// <c>If-Match</c>, then the status through <c>wsmethod:changeStatus</c>, as IBM's REST API Guide describes.
/// </summary>
internal sealed partial class MaximoConnector
{
    public async Task<ConnectorResult<RawRecord>> CreateAsync(ConnectionContext connection, CreateRequest request, CancellationToken cancellationToken)
    {
        if (request.Entity == Entity.MeterReadings)
        {
            return await CreateReadingAsync(connection, request.Document, cancellationToken).ConfigureAwait(false);
        }

        if (!MaximoWriteTarget.All.TryGetValue(request.Entity, out var target))
        {
            return NotSupported(request.Entity, "create");
        }

        var settings = MaximoSettings.Read(connection);
        if (!settings.IsSuccess)
        {
            return settings.Failure!;
        }

        var (body, problem) = target.Body(request.Document);
        if (body is null)
        {
            return Invalid(problem!);
        }

        var (baseUrl, auth) = settings.Value;
        var endpoint = MaximoEndpoint.All[request.Entity];
        var created = await Api().SendAsync(connection, new Uri(baseUrl, $"{auth.Route}/os/{endpoint.ObjectStructure}?lean=1"), body,
            [new("properties", endpoint.Select)], MaximoWriteKind.Create, cancellationToken).ConfigureAwait(false);
        if (!created.IsSuccess)
        {
            return created.Failure!;
        }

        return created.Value is { } document && Record(endpoint, document) is { } record
            ? ConnectorResult<RawRecord>.Ok(record)
            : UpstreamFailures.InvalidResponse(MaximoSettings.SystemName, $"a created {endpoint.ObjectStructure.ToUpperInvariant()} record without its key");
    }

    public async Task<ConnectorResult<RawRecord>> UpdateAsync(ConnectionContext connection, UpdateRequest request, CancellationToken cancellationToken)
    {
        if (!MaximoWriteTarget.All.TryGetValue(request.Entity, out var target))
        {
            return NotSupported(request.Entity, "change");
        }

        string? remoteStatus = null;
        if (request.Status is { } wanted && (remoteStatus = wanted.RemoteStatus ?? target.Statuses.GetValueOrDefault(wanted.Status)) is null)
        {
            return new ConnectorFailure(FailureCategory.Permanent, ErrorCodes.StatusTransitionNotAllowed,
                $"{MaximoSettings.SystemName} has no status for '{wanted.Status}' on {EntityInfo.Of(request.Entity).Path}.");
        }

        var settings = MaximoSettings.Read(connection);
        if (!settings.IsSuccess)
        {
            return settings.Failure!;
        }

        var (body, problem) = target.Body(request.Changes);
        if (body is null)
        {
            return Invalid(problem!);
        }

        var (baseUrl, auth) = settings.Value;
        var endpoint = MaximoEndpoint.All[request.Entity];
        var api = Api();
        var found = await FindAsync(api, connection, baseUrl, auth, endpoint, request.RemoteId, cancellationToken).ConfigureAwait(false);
        if (!found.IsSuccess)
        {
            return found.Failure!;
        }

        var (href, rowstamp, current) = found.Value;
        var document = current;
        if (body.Count > 0)
        {
            var headers = new List<KeyValuePair<string, string>> { new("x-method-override", "PATCH"), new("properties", endpoint.Select) };
            if (body.Any(p => p.Value is JsonArray))
            {
                // Without MERGE, Maximo replaces a child array and deletes the rows not sent (REST API Guide, update).
                headers.Add(new("patchtype", "MERGE"));
            }

            if (rowstamp is not null)
            {
                headers.Add(new("If-Match", rowstamp));
            }

            var patched = await api.SendAsync(connection, new Uri(href + "?lean=1"), body, headers, MaximoWriteKind.Update, cancellationToken).ConfigureAwait(false);
            if (!patched.IsSuccess)
            {
                return patched.Failure!;
            }

            document = patched.Value ?? document;
        }

        if (remoteStatus is not null && MaximoComputed.Text(document["status"]) != remoteStatus)
        {
            var moved = await api.SendAsync(connection, new Uri(href + "?lean=1&action=wsmethod:changeStatus"), new JsonObject { ["status"] = remoteStatus },
                [new("x-method-override", "PATCH"), new("properties", endpoint.Select)], MaximoWriteKind.Transition, cancellationToken).ConfigureAwait(false);
            if (!moved.IsSuccess)
            {
                return moved.Failure!;
            }

            document = moved.Value ?? document;
        }

        if (ReferenceEquals(document, current) || document["href"] is null)
        {
            var read = await api.GetAsync(connection, new Uri($"{href}?lean=1&oslc.select={Uri.EscapeDataString(endpoint.Select)}"), listCall: false, cancellationToken)
                .ConfigureAwait(false);
            if (!read.IsSuccess)
            {
                return read.Failure!;
            }

            document = read.Value!;
        }

        return Record(endpoint, document) is { } record
            ? ConnectorResult<RawRecord>.Ok(record)
            : UpstreamFailures.InvalidResponse(MaximoSettings.SystemName, $"a {endpoint.ObjectStructure.ToUpperInvariant()} record without its key");
    }

    /// <summary>Maximo deletes only records without history; work orders, requests and assets are closed, cancelled or decommissioned instead.</summary>
    public Task<ConnectorResult<DeletedRecord>> DeleteAsync(ConnectionContext connection, DeleteRequest request, CancellationToken cancellationToken) =>
        Task.FromResult<ConnectorResult<DeletedRecord>>(NotSupported(request.Entity, "delete"));

    public Task<ConnectorResult<PassthroughResponse>> PassthroughAsync(ConnectionContext connection, PassthroughRequest request, CancellationToken cancellationToken) =>
        Api().PassthroughAsync(connection, request, cancellationToken);

    /// <summary>The record's URI, <c>_rowstamp</c> and current document, found by its key with <c>oslc.where</c> (no rest-id encoding guessed).</summary>
    private static async Task<ConnectorResult<(string Href, string? Rowstamp, JsonObject Document)>> FindAsync(MaximoApi api, ConnectionContext connection, Uri baseUrl,
        MaximoAuth auth, MaximoEndpoint endpoint, string remoteId, CancellationToken cancellationToken)
    {
        var parts = remoteId.Split('/', endpoint.Key.Count);
        if (parts.Length != endpoint.Key.Count || parts.Any(p => p.Length == 0 || p.Contains('"', StringComparison.Ordinal)))
        {
            return new ConnectorFailure(FailureCategory.Permanent, ErrorCodes.UpstreamNotFound,
                $"'{remoteId}' is not a {endpoint.ObjectStructure.ToUpperInvariant()} key ({string.Join("/", endpoint.Key)}).");
        }

        var where = string.Join(" and ", endpoint.Key.Select((k, i) => $"{k}=\"{parts[i]}\""));
        var url = new Uri(baseUrl, $"{auth.Route}/os/{endpoint.ObjectStructure}?lean=1&oslc.where={Uri.EscapeDataString(where)}&oslc.select={Uri.EscapeDataString(endpoint.Select)}");
        var page = await api.GetAsync(connection, url, listCall: true, cancellationToken).ConfigureAwait(false);
        if (!page.IsSuccess)
        {
            return page.Failure!;
        }

        if ((page.Value!["member"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault() is not { } member || MaximoComputed.Text(member["href"]) is not { } href)
        {
            return new ConnectorFailure(FailureCategory.Permanent, ErrorCodes.UpstreamNotFound,
                $"The record {remoteId} does not exist in {MaximoSettings.SystemName} (any more).", null, 404);
        }

        return ConnectorResult<(string, string?, JsonObject)>.Ok((href, MaximoComputed.Text(member["_rowstamp"]), member));
    }

    private static RawRecord? Record(MaximoEndpoint endpoint, JsonObject document)
    {
        var records = Records(endpoint, [document.DeepClone()]);
        return records.Count == 1 ? records[0] : null;
    }

    private static ConnectorFailure Invalid(string message) => new(FailureCategory.Permanent, ErrorCodes.UpstreamValidationFailed, message);

    private static ConnectorFailure NotSupported(Entity entity, string what) =>
        new(FailureCategory.Permanent, ErrorCodes.OperationNotSupported, $"{MaximoSettings.SystemName} cannot {what} {EntityInfo.Of(entity).Path} through Millwright.");
}
