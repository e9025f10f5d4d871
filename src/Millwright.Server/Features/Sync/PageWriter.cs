using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Millwright.Client.Models;
using Millwright.Connectors.Core;
using Millwright.Connectors.Mapping;
using Millwright.Server.Features.Mappings;
using Millwright.Server.Features.Records;
using Millwright.Server.Hosting.Telemetry;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Sync;

/// <summary>One entity's reading within a run: what it maps with and whether it reads everything.</summary>
/// <param name="Info">The entity.</param>
/// <param name="Mapping">The connector's default mapping; each page maps with it plus the connection's overrides in force (<see cref="ConnectionMappings"/>).</param>
/// <param name="Full">True when this pass reads every record (no modified-since filter): records it does not see are deleted.</param>
internal sealed record EntityPass(EntityInfo Info, EntityMapping Mapping, bool Full);

/// <summary>What one page changed.</summary>
internal readonly record struct PageCounts(int Added, int Updated, int Deleted);

/// <summary>
/// Writes one page in one transaction: the records (batch lookup by stable id, insert or update, hash
/// compare), the entity's checkpoint, the run's progress, and whatever observers add. A process killed at
/// any point therefore resumes from a checkpoint that matches the stored records exactly: nothing lost,
/// nothing applied twice (and applying twice would be harmless anyway: upserts are idempotent).
/// </summary>
internal sealed class PageWriter(
    MillwrightDb db, IEnumerable<ISyncObserver> observers, IOptions<SyncOptions> options, TimeProvider time, ConnectionMappings mappings)
{
    /// <summary>Writes the page; null when the run is no longer this worker's (cancelled, connection deleted, lease lost).</summary>
    /// <exception cref="MappingException">The entity's mapping does not validate.</exception>
    public async Task<PageCounts?> WriteAsync(
        RunState run, EntityPass pass, RawPage page, string? nextCursor, DateTimeOffset? pendingWatermark, CancellationToken cancellationToken)
    {
        using var activity = MillwrightTelemetry.Store.StartActivity("store write page");
        activity?.SetTag(MillwrightTelemetry.EntityTag, pass.Info.Path);
        activity?.SetTag(MillwrightTelemetry.RowsTag, page.Records.Count);
        var now = SyncClock.Now(time);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await RunLease.EnterPageAsync(db, run, pass.Info.Path, now + options.Value.LeaseDuration, cancellationToken))
        {
            return null;
        }

        // Read inside the transaction, after waiting for any mapping change in progress: a page never
        // stores records mapped with a version that a change has already replaced.
        var mapping = await mappings.ForWriteAsync(run.ConnectionId, pass.Info, pass.Mapping, cancellationToken);
        var changes = await UpsertAsync(run, pass with { Mapping = mapping }, page, now, cancellationToken);

        var entityDone = nextCursor is null;
        if (entityDone && pass.Full)
        {
            changes.AddRange(await DeleteUnseenAsync(run, pass, now, cancellationToken));
        }

        await SaveCheckpointAsync(run, pass, nextCursor, pendingWatermark, now, cancellationToken);

        var counts = new PageCounts(
            changes.Count(c => c.Kind == RecordChangeKind.Created),
            changes.Count(c => c.Kind == RecordChangeKind.Updated),
            changes.Count(c => c.Kind == RecordChangeKind.Deleted));
        int added = run.Added + counts.Added, updated = run.Updated + counts.Updated, deleted = run.Deleted + counts.Deleted;
        var errors = run.ErrorsJson();
        await db.SyncRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Added, added)
            .SetProperty(r => r.Updated, updated)
            .SetProperty(r => r.Deleted, deleted)
            .SetProperty(r => r.ErrorsJson, errors), cancellationToken);

        if (changes.Count > 0)
        {
            var pageChanges = new SyncPageChanges(run.Id, run.ConnectionId, pass.Info.Entity, now, changes);
            foreach (var observer in observers)
            {
                await observer.OnPageWritingAsync(db, pageChanges, cancellationToken);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return counts;
    }

    private async Task<List<RecordChange>> UpsertAsync(RunState run, EntityPass pass, RawPage page, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // A vendor may list a record twice in one page (it changed while being paged): the last copy wins.
        var latest = new Dictionary<string, RawRecord>(StringComparer.Ordinal);
        foreach (var raw in page.Records)
        {
            latest[raw.RemoteId] = raw;
        }

        var ids = latest.Keys.ToDictionary(remoteId => remoteId, remoteId => StableIds.For(run.ConnectionId, pass.Info.Entity, remoteId), StringComparer.Ordinal);
        var idList = ids.Values.ToList();
        var existing = await db.Records.AsNoTracking().Where(r => idList.Contains(r.Id)).ToDictionaryAsync(r => r.Id, StringComparer.Ordinal, cancellationToken);

        // Written below with plain statements (PlainInserts, RecordBatch), not tracked: the page's SQL is most of a sync's time.
        var changes = new List<RecordChange>();
        var inserts = new List<RecordRow>();
        var updates = new List<RecordRow>();
        var seen = new List<string>();
        foreach (var (remoteId, raw) in latest)
        {
            var id = ids[remoteId];
            existing.TryGetValue(id, out var row);
            var rawJson = raw.Data.ToJsonString();
            var hash = Hash(rawJson);

            if (raw.RemoteDeletedAt is { } deletedAt)
            {
                // A record deleted before we ever saw it has nothing to tell anyone.
                if (row is not null && row.DeletedAt is null)
                {
                    row.DeletedAt = deletedAt;
                    row.UpdatedAt = now;
                    row.Raw = rawJson;
                    row.RawHash = hash;
                    row.RemoteUpdatedAt = raw.RemoteUpdatedAt ?? row.RemoteUpdatedAt;
                    row.LastSeenRunId = run.Id;
                    updates.Add(row);
                    changes.Add(new RecordChange(RecordChangeKind.Deleted, row));
                }
                else if (row is not null)
                {
                    seen.Add(row.Id);
                }

                continue;
            }

            if (row is null)
            {
                row = new RecordRow
                {
                    Id = id,
                    ConnectionId = run.ConnectionId,
                    Entity = pass.Info.Path,
                    RemoteId = remoteId,
                    Data = MappingEngine.Apply(pass.Mapping, raw, run.ConnectionId).ToJsonString(),
                    Raw = rawJson,
                    RawHash = hash,
                    CreatedAt = now,
                    UpdatedAt = now,
                    RemoteCreatedAt = raw.RemoteCreatedAt,
                    RemoteUpdatedAt = raw.RemoteUpdatedAt,
                    LastSeenRunId = run.Id,
                };
                inserts.Add(row);
                changes.Add(new RecordChange(RecordChangeKind.Created, row));
            }
            else if (row.DeletedAt is null && row.RawHash.StartsWith(Writes.WrittenRecords.WrittenMarker, StringComparison.Ordinal)
                && MappingEngine.Apply(pass.Mapping, raw, run.ConnectionId).ToJsonString() == row.Data)
            {
                // Stored from a write's answer, which may be shaped unlike this list: the same unified record is the
                // sync confirming the write (no event, updated_at stays), not a change.
                row.Raw = rawJson;
                row.RawHash = hash;
                row.RemoteUpdatedAt = raw.RemoteUpdatedAt ?? row.RemoteUpdatedAt;
                row.LastSeenRunId = run.Id;
                updates.Add(row);
            }
            else if (row.RawHash != hash || row.DeletedAt is not null)
            {
                // Changed at the source, or back after a deletion: both are updates of the unified record.
                row.Data = MappingEngine.Apply(pass.Mapping, raw, run.ConnectionId).ToJsonString();
                row.Raw = rawJson;
                row.RawHash = hash;
                row.UpdatedAt = now;
                row.DeletedAt = null;
                row.RemoteCreatedAt = raw.RemoteCreatedAt ?? row.RemoteCreatedAt;
                row.RemoteUpdatedAt = raw.RemoteUpdatedAt ?? row.RemoteUpdatedAt;
                row.LastSeenRunId = run.Id;
                updates.Add(row);
                changes.Add(new RecordChange(RecordChangeKind.Updated, row));
            }
            else
            {
                // Unchanged: not an update, updated_at stays; only remember that this run saw it.
                seen.Add(row.Id);
            }
        }

        await PlainInserts.InsertAsync(db, inserts, cancellationToken);
        await RecordBatch.UpdateAsync(db, updates, cancellationToken);
        await RecordBatch.MarkSeenAsync(db, seen, run.Id, cancellationToken);
        return changes;
    }

    /// <summary>End of a full read: whatever of the entity this run did not see is gone at the source.</summary>
    private async Task<List<RecordChange>> DeleteUnseenAsync(RunState run, EntityPass pass, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var unseen = await db.Records
            // A record a write stored after the run started may sit behind pages this run had already read: not unseen.
            .Where(r => r.ConnectionId == run.ConnectionId && r.Entity == pass.Info.Path && r.DeletedAt == null && r.LastSeenRunId != run.Id
                && !(r.RawHash.StartsWith(Writes.WrittenRecords.WrittenMarker) && r.UpdatedAt >= run.StartedAt))
            .ToListAsync(cancellationToken);
        foreach (var row in unseen)
        {
            row.DeletedAt = now;
            row.UpdatedAt = now;
        }

        return [.. unseen.Select(row => new RecordChange(RecordChangeKind.Deleted, row))];
    }

    private async Task SaveCheckpointAsync(
        RunState run, EntityPass pass, string? nextCursor, DateTimeOffset? pendingWatermark, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var checkpoint = await db.SyncCheckpoints.FindAsync([run.ConnectionId, pass.Info.Path], cancellationToken);
        if (checkpoint is null)
        {
            checkpoint = new SyncCheckpointRow { ConnectionId = run.ConnectionId, Entity = pass.Info.Path };
            db.SyncCheckpoints.Add(checkpoint);
        }

        // RunId = this run with no cursor marks the entity as done for this run (a resumed run skips it).
        checkpoint.RunId = run.Id;
        checkpoint.UpdatedAt = now;
        if (nextCursor is not null)
        {
            checkpoint.PageCursor = nextCursor;
            checkpoint.PendingWatermark = pendingWatermark;
            return;
        }

        // The watermark never passes the run's start: a record changed while we paged may have moved
        // behind the cursor, and its change time is after the start, so the next run reads it again.
        if (pendingWatermark is { } seen)
        {
            var safe = seen < run.StartedAt ? seen : run.StartedAt;
            checkpoint.Watermark = checkpoint.Watermark is { } old && old > safe ? old : safe;
        }

        checkpoint.PageCursor = null;
        checkpoint.PendingWatermark = null;
    }

    private static string Hash(string json) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
}
