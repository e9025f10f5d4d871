using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Webhooks;

/// <summary>
/// Status-page component <c>webhook_delivery</c>: how many deliveries are due and how long the oldest has
/// waited. Degraded when the oldest due delivery has waited over a minute (the dispatcher is behind or
/// stopped); retries scheduled for later do not count.
/// </summary>
internal sealed class WebhookHealthCheck(MillwrightDb db, TimeProvider time) : IHealthCheck
{
    public static readonly TimeSpan Behind = TimeSpan.FromMinutes(1);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var due = db.WebhookDeliveries.AsNoTracking().Where(d => d.Status == WebhookValues.Pending && d.NextAttemptAt <= now);
        var backlog = await due.CountAsync(cancellationToken);
        var oldest = backlog == 0 ? null : await due.MinAsync(d => d.NextAttemptAt, cancellationToken);
        var age = oldest is { } at ? now - at : TimeSpan.Zero;
        var data = new Dictionary<string, object>
        {
            ["backlog"] = backlog,
            ["oldest_pending_age_seconds"] = (long)age.TotalSeconds,
        };
        return age > Behind
            ? HealthCheckResult.Degraded($"{backlog} deliveries due; the oldest has waited {(long)age.TotalSeconds} s.", data: data)
            : HealthCheckResult.Healthy(backlog == 0 ? "No deliveries waiting." : $"{backlog} deliveries due.", data);
    }
}
