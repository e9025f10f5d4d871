using Microsoft.EntityFrameworkCore;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.RequestLogs;

/// <summary>
/// Stores the upstream calls of sync runs as they happen, under a request log entry of kind <c>sync</c>
/// whose id is the run id, created with the first call (account and environment from the connection).
/// Only the writer uses it, so it needs no locking.
/// </summary>
internal sealed class SyncLogOwners
{
    private const int MaxRemembered = 10_000;
    private readonly HashSet<string> created = new(StringComparer.Ordinal);

    public async Task AddStreamedCallsAsync(MillwrightDb db, LogBatch batch, IReadOnlyList<CallItem> calls, CancellationToken cancellationToken)
    {
        var streamed = calls.Where(c => c.StreamOwner is not null).GroupBy(c => c.StreamOwner!).ToList();
        if (streamed.Count == 0)
        {
            return;
        }

        var unknown = streamed.Select(g => g.Key).Where(o => !created.Contains(o)).ToList();
        var existing = unknown.Count == 0 ? [] : await db.RequestLogs.Where(r => unknown.Contains(r.Id)).Select(r => r.Id).ToListAsync(cancellationToken);
        var connectionIds = streamed.Select(g => g.First().Call.ConnectionId).OfType<string>().Distinct().ToList();
        var connections = await db.Connections.AsNoTracking().Where(c => connectionIds.Contains(c.Id))
            .Select(c => new { c.Id, c.AccountId, c.Environment }).ToDictionaryAsync(c => c.Id, cancellationToken);
        foreach (var group in streamed)
        {
            var first = group.First().Call;
            if (first.ConnectionId is not { } connectionId || !connections.TryGetValue(connectionId, out var connection))
            {
                // Without a connection the calls belong to no account; the health counts still have them.
                continue;
            }

            if (created.Contains(group.Key) || existing.Contains(group.Key))
            {
                await db.RequestLogs.Where(r => r.Id == group.Key)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.UpstreamCallCount, r => r.UpstreamCallCount + group.Count()), cancellationToken);
            }
            else
            {
                batch.Entries.Add(new RequestLogRow
                {
                    Id = group.Key,
                    Kind = LogRows.SyncKind,
                    AccountId = connection.AccountId,
                    Environment = connection.Environment,
                    ConnectionId = connectionId,
                    UpstreamCallCount = group.Count(),
                    CreatedAt = LogRows.Micros(first.StartedAt),
                });
            }

            if (created.Count >= MaxRemembered)
            {
                created.Clear();
            }

            created.Add(group.Key);
            batch.Calls.AddRange(group.Select(c => LogRows.ToRow(group.Key, c.Call)));
        }
    }

    /// <summary>After a failed batch the rows it meant to create may not exist: look them up again.</summary>
    public void Forget() => created.Clear();
}
