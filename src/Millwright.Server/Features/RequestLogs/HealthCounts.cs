using Microsoft.EntityFrameworkCore;
using Millwright.Connectors.Http;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.RequestLogs;

/// <summary>
/// Adds upstream outcomes to <c>upstream_health_hours</c> with one upsert per system, environment and hour.
/// <c>INSERT … ON CONFLICT DO UPDATE</c> reads the same on SQLite and PostgreSQL and lets several nodes
/// add to the same row without losing counts.
/// </summary>
internal static class HealthCounts
{
    public static async Task AddAsync(MillwrightDb db, IEnumerable<UpstreamCall> calls, CancellationToken cancellationToken)
    {
        var groups = calls.Where(c => c.Outcome != UpstreamOutcome.Cancelled)
            .GroupBy(c => (c.System, Environment: c.Environment ?? "live", Hour: c.StartedAt.ToUnixTimeSeconds() / 3600));
        foreach (var group in groups)
        {
            var failures = group.Where(IsFailure).OrderBy(c => c.StartedAt).ToList();
            var callCount = group.Count();
            var rateLimited = group.Count(c => c.Outcome == UpstreamOutcome.RateLimited);
            var timeouts = group.Count(c => c.Outcome == UpstreamOutcome.TimedOut);
            long? first = failures.Count > 0 ? failures[0].StartedAt.ToUnixTimeMilliseconds() : null;
            long? last = failures.Count > 0 ? failures[^1].StartedAt.ToUnixTimeMilliseconds() : null;
            var lastError = failures.Count > 0 ? Describe(failures[^1]) : null;
            var (system, environment, hour) = group.Key;
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO upstream_health_hours (system, environment, hour, calls, failures, rate_limited, timeouts, first_failure_at_ms, last_failure_at_ms, last_error)
                VALUES ({system}, {environment}, {hour}, {callCount}, {failures.Count}, {rateLimited}, {timeouts}, {first}, {last}, {lastError})
                ON CONFLICT (system, environment, hour) DO UPDATE SET
                    calls = upstream_health_hours.calls + excluded.calls,
                    failures = upstream_health_hours.failures + excluded.failures,
                    rate_limited = upstream_health_hours.rate_limited + excluded.rate_limited,
                    timeouts = upstream_health_hours.timeouts + excluded.timeouts,
                    first_failure_at_ms = CASE WHEN upstream_health_hours.first_failure_at_ms IS NULL
                        OR excluded.first_failure_at_ms < upstream_health_hours.first_failure_at_ms
                        THEN COALESCE(excluded.first_failure_at_ms, upstream_health_hours.first_failure_at_ms) ELSE upstream_health_hours.first_failure_at_ms END,
                    last_failure_at_ms = CASE WHEN upstream_health_hours.last_failure_at_ms IS NULL
                        OR excluded.last_failure_at_ms > upstream_health_hours.last_failure_at_ms
                        THEN COALESCE(excluded.last_failure_at_ms, upstream_health_hours.last_failure_at_ms) ELSE upstream_health_hours.last_failure_at_ms END,
                    last_error = COALESCE(excluded.last_error, upstream_health_hours.last_error)
                """, cancellationToken);
        }
    }

    /// <summary>The system failed: a 5xx, a timeout, or no answer. A 429 or a 4xx is counted apart.</summary>
    public static bool IsFailure(UpstreamCall call) =>
        call.Outcome is UpstreamOutcome.Failed or UpstreamOutcome.TimedOut or UpstreamOutcome.Unreachable;

    private static string Describe(UpstreamCall call) => call.Status is { } status ? $"HTTP {status}" : call.Error ?? "no answer";
}
