using Microsoft.Extensions.Options;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.RequestLogs;

/// <summary>
/// Drains <see cref="LogQueue"/> in batches: whatever is waiting (up to <see cref="RequestLogOptions.BatchSize"/>)
/// goes into one transaction, inserted with plain statements (<see cref="PlainInserts"/>: nothing to track, and a
/// busy API logs a row per request). After a batch that was not full it pauses for
/// <see cref="RequestLogOptions.WriteInterval"/> (a flush ends the pause), so that a busy API commits a few times a second
/// rather than after every request or two. A failed batch is logged and dropped: logs must never take the API down.
/// On shutdown it writes what is left.
/// </summary>
internal sealed partial class LogWriter(
    LogQueue queue, IServiceScopeFactory scopes, IOptions<RequestLogOptions> options, TimeProvider time, ILogger<LogWriter> logger)
    : BackgroundService
{
    private readonly SyncLogOwners syncOwners = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = queue.Reader;
        var batch = new List<LogItem>(options.Value.BatchSize);
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                Drain(batch);
                await WriteAsync(batch, CancellationToken.None);
                // A batch cut at a flush goes straight on: its caller was waiting, and more may be queued behind it.
                if (batch.Count < options.Value.BatchSize && batch is not [.., FlushItem])
                {
                    await queue.PauseAsync(options.Value.WriteInterval, time, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: write what is already queued.
            queue.Complete();
            while (reader.TryPeek(out _))
            {
                Drain(batch);
                await WriteAsync(batch, CancellationToken.None);
            }
        }
    }

    private void Drain(List<LogItem> batch)
    {
        batch.Clear();
        while (batch.Count < options.Value.BatchSize && queue.Reader.TryRead(out var item))
        {
            batch.Add(item);
            if (item is FlushItem)
            {
                break;
            }
        }
    }

    private async Task WriteAsync(List<LogItem> batch, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MillwrightDb>();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var calls = batch.OfType<CallItem>().ToList();
            var rows = new LogBatch();
            LogRows.AddApiCalls(rows, batch.OfType<ApiCallItem>());
            await syncOwners.AddStreamedCallsAsync(db, rows, calls, cancellationToken);
            await PlainInserts.InsertAsync(db, rows.Entries, cancellationToken);
            await PlainInserts.InsertAsync(db, rows.Calls, cancellationToken);
            await HealthCounts.AddAsync(db, calls.Select(c => c.Call), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception ex)
        {
            syncOwners.Forget();
            LogBatchFailed(ex, batch.Count);
        }
        finally
        {
            var flushes = 0;
            foreach (var flush in batch.OfType<FlushItem>())
            {
                flush.Done.TrySetResult();
                flushes++;
            }

            queue.Flushed(flushes);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing {Count} request log entries failed; they are lost")]
    private partial void LogBatchFailed(Exception ex, int count);
}
