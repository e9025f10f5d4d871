using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.RequestLogs;

/// <summary>
/// Retention: every <see cref="RequestLogOptions.CleanupInterval"/> (on the injected clock) deletes log
/// entries, upstream calls and health hours older than <see cref="RequestLogOptions.RetentionDays"/>. Each
/// node runs it; the deletes are idempotent, so running it twice costs a query and nothing more.
/// </summary>
internal sealed partial class RequestLogCleanup(IServiceScopeFactory scopes, IOptions<RequestLogOptions> options, TimeProvider time, ILogger<RequestLogCleanup> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CleanupInterval, time);
        try
        {
            do
            {
                try
                {
                    await CleanAsync(stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    LogFailed(ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }
    }

    /// <summary>Deletes everything older than the retention period; returns how many log entries went.</summary>
    public async Task<int> CleanAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - TimeSpan.FromDays(options.Value.RetentionDays);
        var cutoffHour = cutoff.ToUnixTimeSeconds() / 3600;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MillwrightDb>();
        var logs = await db.RequestLogs.Where(r => r.CreatedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        // Calls of deleted entries, and old calls of entries still kept (a sync run older than the cutoff).
        await db.UpstreamCalls.Where(c => c.StartedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        await db.UpstreamHealthHours.Where(h => h.Hour < cutoffHour).ExecuteDeleteAsync(cancellationToken);
        if (logs > 0)
        {
            LogCleaned(logs, options.Value.RetentionDays);
        }

        return logs;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} request log entries older than {Days} days")]
    private partial void LogCleaned(int count, int days);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request log cleanup failed; it retries at the next interval")]
    private partial void LogFailed(Exception ex);
}
