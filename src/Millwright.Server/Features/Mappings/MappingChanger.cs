using Microsoft.EntityFrameworkCore;
using Millwright.Client.Models;
using Millwright.Connectors.Core;
using Millwright.Server.Features.Connections;
using Millwright.Server.Features.Sync;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Mappings;

/// <summary>What a change makes of the overrides in force.</summary>
internal delegate Task<(MappingOverrides Next, int? RestoredVersion)> MappingChange(CurrentMappings current);

/// <summary>
/// Makes a new mapping version take effect in one transaction: lock the connection against record writes
/// (<see cref="MappingLock"/>), validate, re-map the stored records of every entity whose mapping changed,
/// and store the version. When the call returns every read sees the new mapping; when it fails nothing changed.
/// </summary>
internal sealed partial class MappingChanger(
    MillwrightDb db, ConnectionMappings mappings, Remapper remapper, TimeProvider time, ILogger<MappingChanger> logger)
{
    /// <summary>The new version, or the current one when the change changes nothing.</summary>
    public async Task<(FieldMappingVersionRow? Row, CurrentMappings Current)> ChangeAsync(
        ConnectionRow connection, IConnector connector, string change, MappingChange apply, string requestId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await MappingLock.ForChangeAsync(db, connection.Id, cancellationToken);
        var current = await mappings.CurrentAsync(connection.Id, cancellationToken);
        var (next, restored) = await apply(current);
        MappingValidation.ThrowIfInvalid(connector, next);
        if (next.SameAs(current.Overrides))
        {
            return (null, current);
        }

        var started = time.GetTimestamp();
        var now = SyncClock.Now(time);
        var remapped = 0;
        foreach (var info in MappingValidation.Offered(connector))
        {
            var before = current.Overrides.Entities.GetValueOrDefault(info.Path);
            var after = next.Entities.GetValueOrDefault(info.Path);
            if (Same(before, after))
            {
                continue;
            }

            remapped += await remapper.RemapAsync(connection.Id, info, next.Apply(info, connector.DefaultMappings[info.Entity]), now, cancellationToken);
        }

        var row = new FieldMappingVersionRow
        {
            ConnectionId = connection.Id,
            Version = current.Version + 1,
            OverridesJson = next.ToJson(),
            Change = change,
            RestoredVersion = restored,
            RemappedRecords = remapped,
            RequestId = requestId,
            CreatedAt = now,
        };
        db.FieldMappingVersions.Add(row);
        // Two changes cannot both get here with the same version: the lock above serializes them.
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (remapped > 0 && db.StoresTimesAsNumbers)
        {
            // The re-map's page cache was freed at the commit; hand the memory back (NativeHeap).
            NativeHeap.Trim();
        }

        var elapsed = (long)time.GetElapsedTime(started).TotalMilliseconds;
        LogChanged(connection.Id, row.Version, change, remapped, elapsed);
        return (row, new CurrentMappings(row.Version, next, now));
    }

    private static bool Same(SortedDictionary<string, string>? a, SortedDictionary<string, string>? b) =>
        (a is null || a.Count == 0) ? (b is null || b.Count == 0) : b is not null && a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var v) && v == p.Value);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connection {ConnectionId}: field mappings version {Version} ({Change}) in force; {Remapped} records re-mapped in {Milliseconds} ms")]
    private partial void LogChanged(string connectionId, int version, string change, int remapped, long milliseconds);
}
