using Microsoft.EntityFrameworkCore;
using Millwright.Client.Models;
using Millwright.Connectors.Mapping;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Mappings;

/// <summary>The version of a connection's overrides in force (version 0 = the connector's defaults).</summary>
internal sealed record CurrentMappings(int Version, MappingOverrides Overrides, DateTimeOffset? ChangedAt);

/// <summary>
/// Where everything that maps raw records (the sync engine, writes) gets a connection's mapping from.
/// A mapping change and a sync page are serialized on the connection (see <see cref="MappingLock"/>), so a
/// page never stores records mapped with a version that a change has already replaced.
/// </summary>
internal sealed class ConnectionMappings(MillwrightDb db)
{
    public async Task<CurrentMappings> CurrentAsync(string connectionId, CancellationToken cancellationToken)
    {
        var row = await db.FieldMappingVersions.AsNoTracking()
            .Where(v => v.ConnectionId == connectionId)
            .OrderByDescending(v => v.Version)
            .Select(v => new { v.Version, v.OverridesJson, v.CreatedAt })
            .FirstOrDefaultAsync(cancellationToken);
        return row is null
            ? new CurrentMappings(0, MappingOverrides.Empty, null)
            : new CurrentMappings(row.Version, MappingOverrides.FromJson(row.OverridesJson), row.CreatedAt);
    }

    /// <summary>
    /// Inside a write transaction that stores mapped records: waits for a mapping change in progress,
    /// holds off new ones until commit, and returns the entity's mapping in force.
    /// </summary>
    public async Task<EntityMapping> ForWriteAsync(string connectionId, EntityInfo entity, EntityMapping defaults, CancellationToken cancellationToken)
    {
        await MappingLock.ForRecordWriteAsync(db, connectionId, cancellationToken);
        var current = await CurrentAsync(connectionId, cancellationToken);
        return current.Overrides.Apply(entity, defaults);
    }
}

/// <summary>
/// Serializes mapping changes with record writes of the same connection. PostgreSQL: a change takes the
/// connection row <c>FOR UPDATE</c>, a record write <c>FOR KEY SHARE</c> (which ordinary updates of the
/// connection, such as status changes, do not wait for). SQLite: every write transaction already holds
/// the store's single write lock from its start (BEGIN IMMEDIATE), so nothing more is needed.
/// </summary>
internal static class MappingLock
{
    public static Task ForRecordWriteAsync(MillwrightDb db, string connectionId, CancellationToken cancellationToken) =>
        db.StoresTimesAsNumbers
            ? Task.CompletedTask
            : db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM connections WHERE id = {connectionId} FOR KEY SHARE", cancellationToken);

    public static Task ForChangeAsync(MillwrightDb db, string connectionId, CancellationToken cancellationToken) =>
        db.StoresTimesAsNumbers
            ? Task.CompletedTask
            : db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM connections WHERE id = {connectionId} FOR UPDATE", cancellationToken);
}
