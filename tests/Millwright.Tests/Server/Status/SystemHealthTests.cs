using Millwright.Server.Features.RequestLogs;
using Millwright.Server.Features.Status;

namespace Millwright.Tests.Server.Status;

/// <summary>Hour statuses and incidents from hourly counts (the thresholds of the status page).</summary>
public sealed class SystemHealthTests
{
    private const long Now = 500_000;

    [Theory]
    [InlineData(0, 0, 0, "no_data")]
    [InlineData(100, 0, 0, "operational")]
    [InlineData(100, 4, 0, "operational")]
    [InlineData(100, 5, 0, "degraded")]
    [InlineData(100, 49, 0, "degraded")]
    [InlineData(100, 50, 0, "down")]
    [InlineData(2, 2, 0, "degraded")]
    [InlineData(3, 3, 0, "down")]
    [InlineData(100, 0, 25, "degraded")]
    [InlineData(100, 0, 24, "operational")]
    [InlineData(4, 0, 2, "operational")]
    public void HourStatus_Counts_FollowTheThresholds(int calls, int failures, int rateLimited, string expected) =>
        Assert.Equal(expected, SystemHealth.HourStatus(calls, failures, rateLimited));

    [Fact]
    public void Incidents_BadHoursEndedByAnOperationalHour_OneEndedIncidentWithFailureTimes()
    {
        var hours = SystemHealth.Hours(
        [
            Row(Now - 10, 100, 60, firstMs: Ms(Now - 10, 17), lastMs: Ms(Now - 10, 3000)),
            Row(Now - 8, 100, 10, firstMs: Ms(Now - 8, 5), lastMs: Ms(Now - 8, 2000), error: "timeout"),
            Row(Now - 7, 100, 0),
            Row(Now, 50, 0),
        ], Now);

        var incident = Assert.Single(SystemHealth.Incidents("maintainx", "MaintainX", "live", hours));

        Assert.Equal("down", incident.Status);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(Ms(Now - 10, 17)), incident.StartedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(Ms(Now - 8, 2000)), incident.EndedAt);
        Assert.Equal("70 of 200 calls failed; last error: timeout.", incident.Summary);
        Assert.Equal("operational", SystemHealth.Current(hours));
    }

    [Fact]
    public void Incidents_LastHourStillBad_IncidentOngoing()
    {
        var hours = SystemHealth.Hours([Row(Now - 3, 100, 0), Row(Now - 1, 10, 10), Row(Now, 10, 2)], Now);

        var incident = Assert.Single(SystemHealth.Incidents("maintainx", "MaintainX", "live", hours));

        Assert.Null(incident.EndedAt);
        Assert.Equal("down", incident.Status);
        Assert.Equal("degraded", SystemHealth.Current(hours));
        Assert.Equal(24, hours.Count);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds((Now - 23) * 3600), hours[0].Hour.Start);
    }

    private static long Ms(long hour, long offsetSeconds) => ((hour * 3600) + offsetSeconds) * 1000;

    private static UpstreamHealthHourRow Row(long hour, int calls, int failures, long? firstMs = null, long? lastMs = null, string? error = null) => new()
    {
        System = "maintainx",
        Environment = "live",
        Hour = hour,
        Calls = calls,
        Failures = failures,
        FirstFailureAtMs = firstMs ?? (failures > 0 ? Ms(hour, 1) : null),
        LastFailureAtMs = lastMs ?? (failures > 0 ? Ms(hour, 2) : null),
        LastError = error ?? (failures > 0 ? "HTTP 500" : null),
    };
}
