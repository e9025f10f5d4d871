namespace Millwright.Server.Features.Status;

/// <summary>Body of <c>/status.json</c> and the data of <c>/status</c>.</summary>
/// <param name="Status">Worst of the platform components: <c>operational</c>, <c>degraded</c> or <c>down</c>.</param>
internal sealed record StatusReport(
    string Status,
    DateTimeOffset GeneratedAt,
    IReadOnlyList<ComponentStatus> Components,
    IReadOnlyList<SystemStatus> Systems,
    IReadOnlyList<Incident> Incidents,
    StatusThresholds Thresholds);

/// <summary>A platform component, from the health checks tagged <c>status</c>.</summary>
internal sealed record ComponentStatus(string Name, string Status, string? Description);

/// <summary>One connected system in one environment over the last 24 hours, oldest hour first.</summary>
/// <param name="Status">The latest hour with calls among the current and the previous one; <c>no_data</c> without calls.</param>
internal sealed record SystemStatus(string System, string Name, string Environment, string Status, IReadOnlyList<HourStatus> Hours);

/// <summary>Upstream outcomes of one hour. <c>failures</c> counts 5xx, timeouts and unreachable; 429s are <c>rate_limited</c>.</summary>
internal sealed record HourStatus(DateTimeOffset Start, string Status, int Calls, int Failures, int RateLimited, int Timeouts);

/// <summary>A run of degraded or down hours of one system.</summary>
/// <param name="EndedAt">Time of the last failure; null while it goes on (the current or the previous hour is still bad).</param>
/// <param name="Summary">What failed, in words.</param>
internal sealed record Incident(string System, string Name, string Environment, string Status, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, string Summary);

/// <summary>How an hour's status is decided (documented in the README).</summary>
internal sealed record StatusThresholds(double DownFailureRatio, int DownMinFailures, double DegradedFailureRatio, double DegradedRateLimitedRatio, int DegradedMinRateLimited);

internal static class StatusValues
{
    public const string Operational = "operational";
    public const string Degraded = "degraded";
    public const string Down = "down";
    public const string NoData = "no_data";

    public static int Severity(string status) => status switch
    {
        Down => 3,
        Degraded => 2,
        Operational => 1,
        _ => 0,
    };
}
