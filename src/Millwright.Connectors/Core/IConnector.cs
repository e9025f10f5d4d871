using System.Text.Json.Nodes;
using Millwright.Client.Models;
using Millwright.Connectors.Mapping;

namespace Millwright.Connectors.Core;

/// <summary>
/// One supported system. Implementations live in Vendors/&lt;Vendor&gt;/ and are stateless: everything
/// about a customer's instance arrives in the <see cref="ConnectionContext"/>.
/// </summary>
public interface IConnector
{
    SystemDescriptor Descriptor { get; }

    /// <summary>Default field mappings raw → unified, per entity the system offers.</summary>
    IReadOnlyDictionary<Entity, EntityMapping> DefaultMappings { get; }

    /// <summary>Checks settings and credentials against the system with one cheap call.</summary>
    Task<ConnectorResult<ConnectionCheck>> CheckAsync(ConnectionContext connection, CancellationToken cancellationToken);

    /// <summary>Reads one page of one entity. Only called for entities in <see cref="SystemDescriptor.Capabilities"/>.</summary>
    Task<ConnectorResult<RawPage>> ReadPageAsync(ConnectionContext connection, ReadRequest request, CancellationToken cancellationToken);
}

/// <summary>A customer's instance of a system, as a connector sees it.</summary>
/// <param name="ConnectionId">Millwright connection id (for logs and rate gates, never sent upstream).</param>
/// <param name="Environment"><c>test</c> or <c>live</c>: only test connections may reach loopback (the sandbox).</param>
/// <param name="Settings">Non-secret settings, e.g. <c>base_url</c>, <c>organization_id</c>.</param>
/// <param name="Credentials">Decrypted secrets, e.g. <c>api_key</c>. Never log these.</param>
/// <param name="AccountId">The Millwright account that owns the connection: a test connection reaches only that account's own sandbox tenant.</param>
public sealed record ConnectionContext(
    string ConnectionId,
    string Environment,
    IReadOnlyDictionary<string, string> Settings,
    IReadOnlyDictionary<string, string> Credentials,
    string? AccountId = null);

/// <summary>What a successful credential check learnt.</summary>
/// <param name="DisplayName">Name of the instance or organisation, when the system tells.</param>
public sealed record ConnectionCheck(string? DisplayName);

/// <summary>A request for one page of changes.</summary>
/// <param name="Entity">Which entity.</param>
/// <param name="Cursor">The connector's own cursor from the previous page; null for the first page.</param>
/// <param name="ModifiedSince">Only records changed at or after this time (incremental sync); null for everything.</param>
/// <param name="PageSize">Wanted page size; the connector caps it at the vendor's maximum.</param>
public sealed record ReadRequest(Entity Entity, string? Cursor, DateTimeOffset? ModifiedSince, int PageSize);

/// <summary>One source document.</summary>
/// <param name="RemoteId">The record's id in the system.</param>
/// <param name="Data">The document as the system returned it.</param>
/// <param name="RemoteCreatedAt">Creation time in the system, when known.</param>
/// <param name="RemoteUpdatedAt">Last change time in the system, when known; drives checkpoints.</param>
/// <param name="RemoteDeletedAt">Set when the system reports the record as deleted.</param>
public sealed record RawRecord(
    string RemoteId,
    JsonObject Data,
    DateTimeOffset? RemoteCreatedAt,
    DateTimeOffset? RemoteUpdatedAt,
    DateTimeOffset? RemoteDeletedAt);

/// <summary>One page of source documents and the cursor of the next (null when this was the last).</summary>
public sealed record RawPage(IReadOnlyList<RawRecord> Records, string? NextCursor);
