using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Millwright.Server.Features.RequestLogs;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Status;

/// <summary>The API answers (this check runs inside it); reports requests logs dropped under load.</summary>
internal sealed class ApiHealthCheck(LogQueue logs) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(logs.Dropped == 0
            ? HealthCheckResult.Healthy("Answering requests.")
            : HealthCheckResult.Healthy($"Answering requests; {logs.Dropped} request log entries were dropped under load since start."));
}

/// <summary>The store answers a query.</summary>
internal sealed class DatabaseHealthCheck(MillwrightDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy("The store answers.")
                : HealthCheckResult.Unhealthy("The store cannot be reached.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The store cannot be reached.");
        }
    }
}

/// <summary>
/// At least one Hangfire server (of any node) with workers has sent a heartbeat recently; without one,
/// syncs and webhook deliveries stay queued.
/// </summary>
internal sealed class JobWorkersHealthCheck(JobStorage storage, TimeProvider time) : IHealthCheck
{
    /// <summary>Hangfire servers beat every 30 s by default; two missed beats mean trouble.</summary>
    private static readonly TimeSpan MaxSilence = TimeSpan.FromMinutes(1);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var servers = storage.GetMonitoringApi().Servers().Where(s => s.WorkersCount > 0).ToList();
            if (servers.Count == 0)
            {
                return Task.FromResult(HealthCheckResult.Unhealthy("No job server is running: syncs and deliveries wait."));
            }

            var now = time.GetUtcNow().UtcDateTime;
            var alive = servers.Count(s => s.Heartbeat is { } beat && now - DateTime.SpecifyKind(beat, DateTimeKind.Utc) <= MaxSilence);
            var workers = servers.Sum(s => s.WorkersCount);
            return Task.FromResult(alive > 0
                ? HealthCheckResult.Healthy($"{servers.Count} job server(s), {workers} workers.")
                : HealthCheckResult.Degraded("Job servers are registered but none has sent a heartbeat in the last minute."));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The job storage cannot be read."));
        }
    }
}
