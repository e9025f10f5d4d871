using System.Globalization;
using Millwright.Server.Features.RequestLogs;

namespace Millwright.Server.Features.Status;

/// <summary>
/// Turns hourly upstream counts into hour statuses and incidents. Pure: the rows and "now" go in, the
/// statuses come out, so the thresholds are testable without a clock or a store.
/// </summary>
internal static class SystemHealth
{
    public static readonly StatusThresholds Thresholds = new(
        DownFailureRatio: 0.5, DownMinFailures: 3, DegradedFailureRatio: 0.05, DegradedRateLimitedRatio: 0.25, DegradedMinRateLimited: 3);

    public static string HourStatus(int calls, int failures, int rateLimited)
    {
        if (calls == 0)
        {
            return StatusValues.NoData;
        }

        var t = Thresholds;
        if (failures >= t.DownMinFailures && failures >= calls * t.DownFailureRatio)
        {
            return StatusValues.Down;
        }

        return (failures > 0 && failures >= calls * t.DegradedFailureRatio)
            || (rateLimited >= t.DegradedMinRateLimited && rateLimited >= calls * t.DegradedRateLimitedRatio)
            ? StatusValues.Degraded
            : StatusValues.Operational;
    }

    /// <summary>The 24 hours up to and including the current one, oldest first, for one system and environment.</summary>
    public static List<(HourStatus Hour, UpstreamHealthHourRow? Row)> Hours(IEnumerable<UpstreamHealthHourRow> rows, long currentHour)
    {
        var byHour = rows.ToDictionary(r => r.Hour);
        var hours = new List<(HourStatus, UpstreamHealthHourRow?)>(24);
        for (var hour = currentHour - 23; hour <= currentHour; hour++)
        {
            var start = DateTimeOffset.FromUnixTimeSeconds(hour * 3600);
            hours.Add(byHour.TryGetValue(hour, out var r)
                ? (new HourStatus(start, HourStatus(r.Calls, r.Failures, r.RateLimited), r.Calls, r.Failures, r.RateLimited, r.Timeouts), r)
                : (new HourStatus(start, StatusValues.NoData, 0, 0, 0, 0), null));
        }

        return hours;
    }

    /// <summary>The latest of the current and the previous hour that had calls.</summary>
    public static string Current(IReadOnlyList<(HourStatus Hour, UpstreamHealthHourRow? Row)> hours) =>
        hours.TakeLast(2).Reverse().Select(h => h.Hour.Status).FirstOrDefault(s => s != StatusValues.NoData) ?? StatusValues.NoData;

    /// <summary>
    /// Runs of degraded or down hours. An hour without calls neither starts nor ends an incident; an
    /// operational hour ends it. An incident whose last bad hour is the current or the previous one goes on.
    /// </summary>
    public static List<Incident> Incidents(string system, string name, string environment, IReadOnlyList<(HourStatus Hour, UpstreamHealthHourRow? Row)> hours)
    {
        var incidents = new List<Incident>();
        List<(HourStatus Hour, UpstreamHealthHourRow Row)> open = [];
        for (var i = 0; i < hours.Count; i++)
        {
            var (hour, row) = hours[i];
            if (hour.Status is StatusValues.Degraded or StatusValues.Down)
            {
                open.Add((hour, row!));
            }
            else if (hour.Status == StatusValues.Operational && open.Count > 0)
            {
                incidents.Add(Close(system, name, environment, open, ongoing: false));
                open = [];
            }
        }

        if (open.Count > 0)
        {
            var lastBad = hours.ToList().FindLastIndex(h => h.Hour.Status is StatusValues.Degraded or StatusValues.Down);
            incidents.Add(Close(system, name, environment, open, ongoing: lastBad >= hours.Count - 2));
        }

        return incidents;
    }

    private static Incident Close(string system, string name, string environment, List<(HourStatus Hour, UpstreamHealthHourRow Row)> bad, bool ongoing)
    {
        var first = bad[0];
        var last = bad[^1];
        var startedAt = first.Row.FirstFailureAtMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : first.Hour.Start;
        var endedAt = ongoing ? (DateTimeOffset?)null
            : last.Row.LastFailureAtMs is { } lastMs ? DateTimeOffset.FromUnixTimeMilliseconds(lastMs) : last.Hour.Start.AddHours(1);
        var worst = bad.Any(b => b.Hour.Status == StatusValues.Down) ? StatusValues.Down : StatusValues.Degraded;
        var calls = bad.Sum(b => b.Hour.Calls);
        var failures = bad.Sum(b => b.Hour.Failures);
        var timeouts = bad.Sum(b => b.Hour.Timeouts);
        var limited = bad.Sum(b => b.Hour.RateLimited);
        var lastError = bad.Select(b => b.Row.LastError).LastOrDefault(e => e is not null);
        var summary = string.Create(CultureInfo.InvariantCulture, $"{failures} of {calls} calls failed")
            + (timeouts > 0 ? string.Create(CultureInfo.InvariantCulture, $" ({timeouts} timed out)") : "")
            + (limited > 0 ? string.Create(CultureInfo.InvariantCulture, $"; {limited} rate-limited") : "")
            + (lastError is null ? "." : $"; last error: {lastError}.");
        return new Incident(system, name, environment, worst, startedAt, endedAt, summary);
    }
}
