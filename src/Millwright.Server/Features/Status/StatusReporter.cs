using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Millwright.Connectors.Core;
using Millwright.Server.Features.RequestLogs;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Status;

/// <summary>
/// Builds the status report: components from the health checks tagged <c>status</c>, systems from the
/// hourly upstream counts of the last 24 hours (at most 24 rows per system and environment).
/// </summary>
internal sealed class StatusReporter(HealthCheckService health, MillwrightDb db, ConnectorRegistry connectors, TimeProvider time)
{
    public const string Tag = "status";

    public async Task<StatusReport> BuildAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var components = await ComponentsAsync(cancellationToken);
        var currentHour = now.ToUnixTimeSeconds() / 3600;
        List<UpstreamHealthHourRow> rows;
        try
        {
            rows = await db.UpstreamHealthHours.AsNoTracking().Where(h => h.Hour > currentHour - 24).ToListAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The database component already says the store is down; the systems are then unknown.
            rows = [];
        }

        var names = connectors.All.ToDictionary(c => c.Descriptor.Id, c => c.Descriptor.Name, StringComparer.Ordinal);
        var keys = rows.Select(r => (r.System, r.Environment))
            .Concat(names.Keys.Select(id => (System: id, Environment: "live")))
            .Distinct()
            .OrderBy(k => k.Environment == "live" ? 0 : 1).ThenBy(k => k.System, StringComparer.Ordinal)
            .ToList();
        var systems = new List<SystemStatus>();
        var incidents = new List<Incident>();
        foreach (var (system, environment) in keys)
        {
            var name = names.GetValueOrDefault(system, system);
            var hours = SystemHealth.Hours(rows.Where(r => r.System == system && r.Environment == environment), currentHour);
            systems.Add(new SystemStatus(system, name, environment, SystemHealth.Current(hours), [.. hours.Select(h => h.Hour)]));
            incidents.AddRange(SystemHealth.Incidents(system, name, environment, hours));
        }

        var overall = components.Count == 0 ? StatusValues.Operational
            : components.MaxBy(c => StatusValues.Severity(c.Status))!.Status;
        return new StatusReport(overall, now, components, systems,
            [.. incidents.OrderByDescending(i => i.EndedAt is null).ThenByDescending(i => i.StartedAt)], SystemHealth.Thresholds);
    }

    private async Task<List<ComponentStatus>> ComponentsAsync(CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(r => r.Tags.Contains(Tag), cancellationToken);
        return [.. report.Entries.Select(e => new ComponentStatus(e.Key, e.Value.Status switch
            {
                HealthStatus.Healthy => StatusValues.Operational,
                HealthStatus.Degraded => StatusValues.Degraded,
                _ => StatusValues.Down,
            }, e.Value.Description))];
    }
}
