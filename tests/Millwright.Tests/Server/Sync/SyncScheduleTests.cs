using Millwright.Server.Features.Sync;

namespace Millwright.Tests.Server.Sync;

public sealed class SyncScheduleTests
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(15, 15)]
    [InlineData(7, 1)]
    [InlineData(90, 30)]
    [InlineData(1440, 60)]
    public void NextTick_AnyInterval_FallsOnTheCronStep(int interval, int step)
    {
        var tick = SyncSchedule.NextTick("conn_a", interval, Noon.AddSeconds(1));

        Assert.Equal(0, tick.Second);
        Assert.True(tick > Noon && tick <= Noon.AddMinutes(step));
        Assert.Equal(tick.Minute % step, SyncSchedule.NextTick("conn_a", interval, tick).Minute % step);
        var cron = SyncSchedule.Cron("conn_a", interval);
        Assert.Equal(step == 1 ? "* * * * *" : step == 60 ? $"{tick.Minute} * * * *" : $"{tick.Minute % step}/{step} * * * *", cron);
    }

    [Fact]
    public void NextDue_ScheduledRunStartsOnATick_NextOneIsOneIntervalLater()
    {
        var tick = SyncSchedule.NextTick("conn_b", 15, Noon);
        var startedLate = tick.AddMilliseconds(700);

        var next = SyncSchedule.NextDue("conn_b", 15, startedLate);

        Assert.Equal(tick.AddMinutes(15), next);
        Assert.True(SyncSchedule.IsDue(next, next.AddMilliseconds(-300)));
        Assert.False(SyncSchedule.IsDue(next, tick.AddMinutes(14)));
    }

    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(4, 240)]
    [InlineData(5, 240)]
    [InlineData(40, 240)]
    public void BackoffDue_FailuresInARow_IntervalDoublesUpToTheCap(int failures, int minutes)
    {
        var due = SyncSchedule.BackoffDue("conn_c", 15, failures, Noon, TimeSpan.FromHours(4));

        Assert.Equal(SyncSchedule.NextTick("conn_c", 15, Noon.AddMinutes(minutes) - SyncSchedule.Slack), due);
        Assert.True(due - Noon <= TimeSpan.FromMinutes(minutes + 15));
    }

    [Fact]
    public void BackoffDue_CapBelowTheInterval_NeverSoonerThanTheInterval()
    {
        var due = SyncSchedule.BackoffDue("conn_d", 24 * 60, 3, Noon, TimeSpan.FromHours(4));

        Assert.Equal(SyncSchedule.NextDue("conn_d", 24 * 60, Noon), due);
    }

    [Fact]
    public void Cron_DifferentConnections_SpreadOverTheHour()
    {
        var offsets = Enumerable.Range(0, 50).Select(i => SyncSchedule.NextTick($"conn_{i}", 60, Noon).Minute).Distinct().Count();
        Assert.True(offsets > 20, $"only {offsets} distinct minutes");
    }
}
