namespace Millwright.Server.Features.Sync;

/// <summary>
/// When a connection's scheduled runs happen. The connection row (<c>next_sync_at</c>) is the source of
/// truth; the recurring Hangfire job is only the clock that looks at it. That job ticks every
/// gcd(interval, 60) minutes — a cron step that divides the hour, so any interval works — at a minute offset
/// derived from the connection id, which spreads connections over the hour instead of syncing them all
/// at :00. A tick starts a run only when <c>next_sync_at</c> is due.
/// </summary>
internal static class SyncSchedule
{
    public const int MaxIntervalMinutes = 7 * 24 * 60;

    /// <summary>A tick this close before <c>next_sync_at</c> counts as due (timers fire a little early or late).</summary>
    public static readonly TimeSpan Slack = TimeSpan.FromSeconds(30);

    public static bool IsValidInterval(int minutes) => minutes is >= 1 and <= MaxIntervalMinutes;

    public static string RecurringJobId(string connectionId) => "sync-" + connectionId;

    public static string Cron(string connectionId, int intervalMinutes)
    {
        var (step, offset) = Ticks(connectionId, intervalMinutes);
        return step switch
        {
            1 => "* * * * *",
            60 => $"{offset} * * * *",
            _ => $"{offset}/{step} * * * *",
        };
    }

    /// <summary>The first tick of the connection's recurring job at or after <paramref name="after"/>.</summary>
    public static DateTimeOffset NextTick(string connectionId, int intervalMinutes, DateTimeOffset after)
    {
        var (step, offset) = Ticks(connectionId, intervalMinutes);
        // The step divides 60, so "minute of the hour % step" equals "minutes since the epoch % step".
        var sinceEpoch = after.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var minute = (sinceEpoch + TimeSpan.TicksPerMinute - 1) / TimeSpan.TicksPerMinute;
        var behind = ((minute - offset) % step + step) % step;
        if (behind != 0)
        {
            minute += step - behind;
        }

        return DateTimeOffset.UnixEpoch.AddTicks(minute * TimeSpan.TicksPerMinute);
    }

    /// <summary>The next scheduled run when the schedule is set, or a scheduled run starts, at <paramref name="now"/>.</summary>
    public static DateTimeOffset NextDue(string connectionId, int intervalMinutes, DateTimeOffset now) =>
        NextTick(connectionId, intervalMinutes, now + TimeSpan.FromMinutes(intervalMinutes) - Slack);

    /// <summary>
    /// The next scheduled run of a connection whose system is failing, after <paramref name="failures"/> failed runs in
    /// a row: the interval doubled per failure (2×, 4×, 8×…), never longer than <paramref name="cap"/> (nor shorter
    /// than the interval itself), on one of the connection's ticks.
    /// </summary>
    public static DateTimeOffset BackoffDue(string connectionId, int intervalMinutes, int failures, DateTimeOffset now, TimeSpan cap)
    {
        var interval = TimeSpan.FromMinutes(intervalMinutes);
        var bound = cap > interval ? cap : interval;
        var delay = interval * Math.Pow(2, Math.Clamp(failures, 0, 16));
        return NextTick(connectionId, intervalMinutes, now + (delay < bound ? delay : bound) - Slack);
    }

    public static bool IsDue(DateTimeOffset? nextSyncAt, DateTimeOffset now) => nextSyncAt is null || now >= nextSyncAt.Value - Slack;

    private static (int Step, int Offset) Ticks(string connectionId, int intervalMinutes)
    {
        var step = Gcd(intervalMinutes, 60);
        return (step, (int)(Fnv1a(connectionId) % (uint)step));
    }

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);

    // string.GetHashCode differs per process; nodes must agree on the offset.
    private static uint Fnv1a(string value)
    {
        var hash = 2166136261u;
        foreach (var c in value)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
