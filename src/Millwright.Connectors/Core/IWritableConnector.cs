using System.Text.Json.Nodes;
using Millwright.Client.Models;

namespace Millwright.Connectors.Core;

/// <summary>
/// The write side of a connector: creates, updates (with status transitions) and deletes. Like reads, every member returns a <see cref="ConnectorResult{T}"/> with a
/// classified <see cref="ConnectorFailure"/> and never throws for the vendor.
/// <para>
/// The server does everything that is not vendor-specific before calling: scope and body validation, the
/// inversion of the connection's field mappings into the system's own document shape (Mapping/README.md,
/// "Writing"), reference ids turned into remote ids, idempotency, and storing the returned record.
/// A connector only translates that document into its API's request and reads the record back.
/// </para>
/// Only entities whose <see cref="EntityCapabilities"/> set the matching flag are passed in.
/// </summary>
public interface IWritableConnector : IConnector
{
    /// <summary>
    /// Creates one record and returns it as the system holds it afterwards (its id, numbers and statuses it
    /// assigned), in the same shape <see cref="IConnector.ReadPageAsync"/> returns, so that the same mapping applies.
    /// Never retried by the pipeline: a timeout after the request was sent is a failure with <see cref="ConnectorFailure.OutcomeUnknown"/>.
    /// </summary>
    Task<ConnectorResult<RawRecord>> CreateAsync(ConnectionContext connection, CreateRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Changes one record: the fields in <see cref="UpdateRequest.Changes"/>, then the status transition in
    /// <see cref="UpdateRequest.Status"/> through the system's own mechanism (status endpoint, function
    /// import, status change action). Returns the record as the system holds it afterwards, as <see cref="CreateAsync"/> does.
    /// </summary>
    Task<ConnectorResult<RawRecord>> UpdateAsync(ConnectionContext connection, UpdateRequest request, CancellationToken cancellationToken);

    /// <summary>Deletes one record in the system. Only called where <see cref="EntityCapabilities.Delete"/> is set.</summary>
    Task<ConnectorResult<DeletedRecord>> DeleteAsync(ConnectionContext connection, DeleteRequest request, CancellationToken cancellationToken);
}

/// <summary>
/// The system's own API, reached with the connection's stored credentials (<c>POST /v1/passthrough</c>) for
/// everything the unified model does not cover. Separate from <see cref="IWritableConnector"/> so that a read-only
/// connector can offer it too.
/// </summary>
public interface IPassthroughConnector : IConnector
{
    /// <summary>
    /// Sends one request to the system's own API with the connection's stored credentials
    /// (<c>POST /v1/passthrough</c>). The server has already refused absolute URLs, <c>..</c> segments and
    /// credential headers; the connector resolves <see cref="PassthroughRequest.Path"/> against the connection's
    /// base URL, adds its authentication, and sends it through its typed client (SSRF guard, rate gate and circuit
    /// breaker apply). Any HTTP answer of the system is a success carrying the system's status; only a
    /// transport failure (or a refused setting) is a failure.
    /// </summary>
    Task<ConnectorResult<PassthroughResponse>> PassthroughAsync(ConnectionContext connection, PassthroughRequest request, CancellationToken cancellationToken);
}

/// <summary>A requested status: the unified value and, when the connection's status mapping can be inverted, the system's own value.</summary>
/// <param name="Status">Unified status in snake_case, one of <see cref="EntityCapabilities.StatusTransitions"/> (e.g. <c>completed</c>).</param>
/// <param name="RemoteStatus">The system's value from inverting the connection's status mapping (e.g. MaintainX <c>DONE</c>);
/// null when the mapping is computed (SAP status lines): the connector then picks the transition from <see cref="Status"/>.</param>
public sealed record StatusChange(string Status, string? RemoteStatus);

/// <summary>A record to create.</summary>
/// <param name="Entity">Which entity.</param>
/// <param name="Document">The new record in the system's own document shape, as the mappings read it: each writable unified
/// field placed at its source path with the value inverted (value maps inverted, dates as ISO 8601, <c>ref</c> values as the
/// referenced record's remote id in text: convert to the API's type). Custom fields sit at their source paths too
/// (MaintainX <c>extraFields.…</c>). Only fields the caller sent are present; the connector owns this object.</param>
/// <param name="Status">The initial status when the caller sent one (see <see cref="EntityCapabilities.InitialStatuses"/>).</param>
public sealed record CreateRequest(Entity Entity, JsonObject Document, StatusChange? Status);

/// <summary>A change to one record.</summary>
/// <param name="Entity">Which entity.</param>
/// <param name="RemoteId">The record's id in the system (<see cref="RawRecord.RemoteId"/>).</param>
/// <param name="Changes">Only the changed fields, in the system's document shape as for <see cref="CreateRequest.Document"/>;
/// a JSON null clears a field. Empty when the request only changes the status. Never contains the status field.</param>
/// <param name="Status">The requested transition, or null when the status does not change.</param>
/// <param name="Current">The record as Millwright last stored it (the raw document of the last sync or write), for ETags and
/// the current status; it may be stale, so a connector that needs certainty reads the record first.</param>
public sealed record UpdateRequest(Entity Entity, string RemoteId, JsonObject Changes, StatusChange? Status, JsonObject? Current);

/// <summary>A record to delete.</summary>
/// <param name="Current">The record as Millwright last stored it, as for <see cref="UpdateRequest.Current"/>.</param>
public sealed record DeleteRequest(Entity Entity, string RemoteId, JsonObject? Current);

/// <summary>What the system confirmed about a deletion.</summary>
/// <param name="RemoteId">The deleted record's id in the system.</param>
/// <param name="RemoteDeletedAt">When the system says it deleted it, if it says.</param>
public sealed record DeletedRecord(string RemoteId, DateTimeOffset? RemoteDeletedAt);

/// <summary>One call of the system's own API (<c>POST /v1/passthrough</c>).</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Relative to the connection's base URL, without a leading <c>/</c> (e.g. <c>workorders/42/comments</c>);
/// already checked: no scheme, host, <c>..</c>, <c>?</c> or <c>#</c>.</param>
/// <param name="Query">Query parameters, in order (names may repeat).</param>
/// <param name="Headers">Extra request headers; credential headers (Authorization, Cookie, API-key headers) are already refused.</param>
/// <param name="Body">JSON body, or null.</param>
public sealed record PassthroughRequest(
    HttpMethod Method,
    string Path,
    IReadOnlyList<KeyValuePair<string, string>> Query,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    JsonNode? Body);

/// <summary>The system's answer to a passthrough call, whatever its status.</summary>
/// <param name="Status">The system's HTTP status.</param>
/// <param name="Headers">Every response header (the server keeps a safe subset).</param>
/// <param name="ContentType">The body's media type, when there is a body.</param>
/// <param name="Body">The body, read with the upstream size cap.</param>
public sealed record PassthroughResponse(int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, string? ContentType, byte[] Body);
