using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Audit;

/// <summary>
/// Retention: every <see cref="AuditOptions.CleanupInterval"/> (on the injected clock) deletes audit events
/// older than <see cref="AuditOptions.RetentionDays"/>; lists also hide them at once, so the promise holds
/// between runs. Each node runs it; the delete is idempotent.
/// </summary>
internal sealed partial class AuditCleanup(IServiceScopeFactory scopes, IOptions<AuditOptions> options, TimeProvider time, ILogger<AuditCleanup> logger)
    : BackgroundService
{
    public DateTimeOffset Cutoff => time.GetUtcNow() - TimeSpan.FromDays(options.Value.RetentionDays);

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

    public async Task<int> CleanAsync(CancellationToken cancellationToken)
    {
        var cutoff = Cutoff;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MillwrightDb>();
        var deleted = await db.AuditEvents.Where(e => e.CreatedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        if (deleted > 0)
        {
            LogCleaned(deleted, options.Value.RetentionDays);
        }

        return deleted;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} audit events older than {Days} days")]
    private partial void LogCleaned(int count, int days);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit cleanup failed; it retries at the next interval")]
    private partial void LogFailed(Exception ex);
}
