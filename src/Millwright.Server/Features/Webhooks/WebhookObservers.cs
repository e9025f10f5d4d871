using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Millwright.Client.Connections;
using Millwright.Client.Webhooks;
using Millwright.Server.Features.Connections;
using Millwright.Server.Features.Records.Query;
using Millwright.Server.Features.Sync;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Webhooks;

/// <summary>Account and environment of connections: they never change, so one lookup per connection and process.</summary>
internal sealed class ConnectionOwners
{
    private readonly ConcurrentDictionary<string, (string AccountId, string Environment)> owners = new(StringComparer.Ordinal);

    public async Task<(string AccountId, string Environment)?> FindAsync(MillwrightDb db, string connectionId, CancellationToken cancellationToken)
    {
        if (owners.TryGetValue(connectionId, out var known))
        {
            return known;
        }

        var row = await db.Connections.AsNoTracking().Where(c => c.Id == connectionId)
            .Select(c => new { c.AccountId, c.Environment }).FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        return owners[connectionId] = (row.AccountId, row.Environment);
    }
}

/// <summary>Record changes (inside the sync page's transaction) and finished runs become events.</summary>
internal sealed class WebhookSyncObserver(WebhookOutbox outbox, ConnectionOwners owners, RecordSchemas schemas, IServiceScopeFactory scopes, TimeProvider time) : ISyncObserver
{
    public async Task OnPageWritingAsync(MillwrightDb db, SyncPageChanges page, CancellationToken cancellationToken)
    {
        if (await owners.FindAsync(db, page.ConnectionId, cancellationToken) is not { } owner)
        {
            return;
        }

        var schema = schemas[page.Entity];
        var events = page.Changes.Select(c => new NewEvent(
            WebhookEventTypes.ForRecord(page.Entity, c.Kind switch
            {
                RecordChangeKind.Created => "created",
                RecordChangeKind.Updated => "updated",
                _ => "deleted",
            }),
            page.ConnectionId,
            EventPayloads.Record(schema, c.Record, page.At))).ToList();
        await outbox.InsertAsync(db, owner.AccountId, owner.Environment, events, cancellationToken);
    }

    public async Task OnRunFinishedAsync(SyncRunFinished finished, CancellationToken cancellationToken)
    {
        var run = finished.Run;
        if (run.Status is not (SyncValues.Succeeded or SyncValues.Failed))
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MillwrightDb>();
        if (await owners.FindAsync(db, run.ConnectionId, cancellationToken) is not { } owner)
        {
            return;
        }

        var type = run.Status == SyncValues.Succeeded ? WebhookEventTypes.SyncCompleted : WebhookEventTypes.SyncFailed;
        await outbox.AddAsync(db, owner.AccountId, owner.Environment,
            [new NewEvent(type, run.ConnectionId, EventPayloads.Object(run.ToWire(time.GetUtcNow())))], cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary><c>connection.created</c>, <c>connection.status_changed</c>, <c>connection.deleted</c>, inside the changing transaction.</summary>
internal sealed class WebhookConnectionObserver(WebhookOutbox outbox) : IConnectionObserver
{
    public async Task OnChangedAsync(MillwrightDb db, ConnectionChange change, CancellationToken cancellationToken)
    {
        var type = change.Kind switch
        {
            ConnectionChangeKind.Created => WebhookEventTypes.ConnectionCreated,
            ConnectionChangeKind.StatusChanged => WebhookEventTypes.ConnectionStatusChanged,
            _ => WebhookEventTypes.ConnectionDeleted,
        };
        var data = new ConnectionChangedData(change.Connection.ToWire(), change.StatusBefore, change.Reason);
        await outbox.AddAsync(db, change.Connection.AccountId, change.Connection.Environment,
            [new NewEvent(type, change.Connection.Id, EventPayloads.Object(data))], cancellationToken);
    }
}
