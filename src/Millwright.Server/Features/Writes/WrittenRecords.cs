using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Millwright.Connectors.Core;
using Millwright.Connectors.Mapping;
using Millwright.Server.Features.Connections;
using Millwright.Server.Features.Mappings;
using Millwright.Server.Features.Records;
using Millwright.Server.Features.Records.Query;
using Millwright.Server.Features.Sync;
using Millwright.Server.Hosting.Telemetry;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Writes;

/// <summary>
/// Read-your-writes: the record the system returned is mapped with the connection's mapping and stored at once,
/// with its event, in one transaction. Its raw hash is marked (<see cref="WrittenMarker"/>): the system's answer to a
/// write may be shaped differently from the list a sync reads, so the next sync compares the mapped record instead
/// of the raw document, and a record that maps the same is confirmed silently: no duplicate, no revert, one event.
/// </summary>
internal sealed class WrittenRecords(MillwrightDb db, ConnectionMappings mappings, IEnumerable<ISyncObserver> observers, RecordSchemas schemas, TimeProvider time)
{
    /// <summary>Prefix of <see cref="RecordRow.RawHash"/> for a row last stored from a write's answer (see PageWriter).</summary>
    public const string WrittenMarker = "w:";

    public async Task<RecordRow?> FindAsync(WriteTarget target, string id, CancellationToken cancellationToken) =>
        await db.Records.AsNoTracking().FirstOrDefaultAsync(
            r => r.Id == id && r.ConnectionId == target.Connection.Id && r.Entity == target.Info.Path && r.DeletedAt == null, cancellationToken);

    /// <summary>Stores the written record and raises its event (once: an unchanged record raises none).</summary>
    public async Task<RecordRow> SaveAsync(WriteTarget target, RawRecord raw, string requestId, CancellationToken cancellationToken)
    {
        using var activity = MillwrightTelemetry.Store.StartActivity("store write record");
        activity?.SetTag(MillwrightTelemetry.EntityTag, target.Info.Path);
        var connectionId = target.Connection.Id;
        var now = StoreTime.Now(time);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var mapping = await mappings.ForWriteAsync(connectionId, target.Info, target.Connector.DefaultMappings[target.Info.Entity], cancellationToken);
        var id = StableIds.For(connectionId, target.Info.Entity, raw.RemoteId);
        var row = await db.Records.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        var data = MappingEngine.Apply(mapping, raw, connectionId).ToJsonString();
        var rawJson = raw.Data.ToJsonString();
        var hash = WrittenMarker + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(rawJson)));
        RecordChange? change = null;
        if (row is null)
        {
            row = new RecordRow
            {
                Id = id,
                ConnectionId = connectionId,
                Entity = target.Info.Path,
                RemoteId = raw.RemoteId,
                Data = data,
                Raw = rawJson,
                RawHash = hash,
                CreatedAt = now,
                UpdatedAt = now,
                RemoteCreatedAt = raw.RemoteCreatedAt,
                RemoteUpdatedAt = raw.RemoteUpdatedAt,
            };
            db.Records.Add(row);
            change = new RecordChange(RecordChangeKind.Created, row);
        }
        else
        {
            if (row.Data != data || row.DeletedAt is not null)
            {
                row.Data = data;
                row.UpdatedAt = now;
                row.DeletedAt = null;
                change = new RecordChange(RecordChangeKind.Updated, row);
            }

            row.Raw = rawJson;
            row.RawHash = hash;
            row.RemoteCreatedAt = raw.RemoteCreatedAt ?? row.RemoteCreatedAt;
            row.RemoteUpdatedAt = raw.RemoteUpdatedAt ?? row.RemoteUpdatedAt;
        }

        await db.SaveChangesAsync(cancellationToken);
        await NotifyAsync(target, change, requestId, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return row;
    }

    /// <summary>Marks a record the system deleted, with its <c>.deleted</c> event.</summary>
    public async Task<RecordRow?> DeleteAsync(WriteTarget target, string id, DeletedRecord deleted, string requestId, CancellationToken cancellationToken)
    {
        using var activity = MillwrightTelemetry.Store.StartActivity("store delete record");
        activity?.SetTag(MillwrightTelemetry.EntityTag, target.Info.Path);
        var now = StoreTime.Now(time);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await MappingLock.ForRecordWriteAsync(db, target.Connection.Id, cancellationToken);
        var row = await db.Records.FirstOrDefaultAsync(r => r.Id == id && r.ConnectionId == target.Connection.Id && r.DeletedAt == null, cancellationToken);
        if (row is not null)
        {
            row.DeletedAt = deleted.RemoteDeletedAt ?? now;
            row.UpdatedAt = now;
            await db.SaveChangesAsync(cancellationToken);
            await NotifyAsync(target, new RecordChange(RecordChangeKind.Deleted, row), requestId, now, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return row;
    }

    private async Task NotifyAsync(WriteTarget target, RecordChange? change, string requestId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (change is null)
        {
            return;
        }

        // The same observers as a sync page (webhook events), inside the same transaction as the record.
        var changes = new SyncPageChanges(requestId, target.Connection.Id, target.Info.Entity, now, [change]);
        foreach (var observer in observers)
        {
            await observer.OnPageWritingAsync(db, changes, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The record as <c>GET /v1/{entity}/{id}</c> returns it.</summary>
    public string Render(WriteTarget target, RecordRow row)
    {
        var stored = new StoredRecord(row.Id, row.RemoteId, row.CreatedAt, row.UpdatedAt, row.DeletedAt, row.RemoteCreatedAt, row.RemoteUpdatedAt, row.Data, null);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            RecordJsonWriter.WriteRecord(writer, new RecordSet(schemas[target.Info.Entity], [stored], false, []), stored);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static JsonObject? Parse(string? json) => json is null ? null : JsonNode.Parse(json) as JsonObject;
}
