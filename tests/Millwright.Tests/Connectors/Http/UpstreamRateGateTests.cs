using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Millwright.Connectors.Http;

namespace Millwright.Tests.Connectors.Http;

public sealed class UpstreamRateGateTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2024, 3, 5, 10, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData(100)]
    [InlineData(7)]
    [InlineData(1)]
    public void Reserve_GreedyCaller_NeverExceedsTheBudgetInAnyMinute(int budget)
    {
        using var gate = new ConnectionGate(budget, time);
        var granted = new List<DateTimeOffset>();
        var end = time.GetUtcNow().AddMinutes(5);
        while (time.GetUtcNow() < end)
        {
            // The caller goes when its reserved slot is due.
            var (taken, wait) = gate.Reserve(time.GetUtcNow(), TimeSpan.FromMinutes(2));
            Assert.True(taken);
            time.Advance(wait);
            granted.Add(time.GetUtcNow());
        }

        for (var i = 0; i < granted.Count; i++)
        {
            var inWindow = granted.Skip(i).TakeWhile(t => t < granted[i].AddMinutes(1)).Count();
            Assert.True(inWindow <= budget, $"{inWindow} calls within a minute from {granted[i]:O}, budget {budget}");
        }

        // And it is not needlessly slow: at least 85 % of the budget over the long run.
        Assert.True(granted.Count >= budget * 5 * 85 / 100, $"only {granted.Count} calls in 5 minutes");
    }

    [Fact]
    public async Task AcquireAsync_SlotFreesUp_WaitsOnTheTimeProvider()
    {
        var gate = new UpstreamRateGate(time, Options.Create(new UpstreamHttpOptions()));
        for (var i = 0; i < 6; i++)
        {
            await gate.AcquireAsync("c1", 60, CancellationToken.None);
        }

        var seventh = gate.AcquireAsync("c1", 60, CancellationToken.None);
        Assert.False(seventh.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(2));
        await seventh.WaitAsync(TimeSpan.FromSeconds(5));
        await gate.AcquireAsync("c2", 60, CancellationToken.None);
    }

    [Fact]
    public async Task AcquireAsync_CallersQueuedForSlots_GoInTheOrderTheyAskedOnePeriodApart()
    {
        var gate = new UpstreamRateGate(time, Options.Create(new UpstreamHttpOptions()));
        var period = new UpstreamBudget(60).Period;
        for (var i = 0; i < 6; i++)
        {
            await gate.AcquireAsync("c1", 60, CancellationToken.None);
        }

        // Each later caller asks a little later, and none may overtake one that asked before it.
        var queued = new List<Task>();
        for (var i = 0; i < 4; i++)
        {
            queued.Add(gate.AcquireAsync("c1", 60, CancellationToken.None));
            time.Advance(period / 10);
        }

        for (var i = 0; i < queued.Count; i++)
        {
            time.Advance(period - (period / 10));
            await queued[i].WaitAsync(TimeSpan.FromSeconds(5));
            Assert.All(queued.Skip(i + 1), later => Assert.False(later.IsCompleted));
            time.Advance(period / 10);
        }
    }

    [Fact]
    public void Reserve_NextSlotBeyondTheLongestWait_TakesNothing()
    {
        using var gate = new ConnectionGate(60, time);
        var period = new UpstreamBudget(60).Period;
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal((true, TimeSpan.Zero), gate.Reserve(time.GetUtcNow(), TimeSpan.Zero));
        }

        Assert.Equal((false, period), gate.Reserve(time.GetUtcNow(), period / 2));
        Assert.Equal((true, period), gate.Reserve(time.GetUtcNow(), period));
        Assert.Equal((true, period * 2), gate.Reserve(time.GetUtcNow(), period * 2));
    }

    [Fact]
    public async Task AcquireAsync_VendorPausesWhileACallWaitsForItsSlot_TheCallWaitsOutThePause()
    {
        var gate = new UpstreamRateGate(time, Options.Create(new UpstreamHttpOptions()));
        for (var i = 0; i < 6; i++)
        {
            await gate.AcquireAsync("c1", 60, CancellationToken.None);
        }

        var waiting = gate.AcquireAsync("c1", 60, CancellationToken.None);
        await gate.PauseAsync("c1", TimeSpan.FromSeconds(10), CancellationToken.None);
        time.Advance(new UpstreamBudget(60).Period);
        Assert.False(waiting.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(10));
        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task AcquireAsync_VendorPausedLongerThanAllowed_RefusesWithRetryAfter()
    {
        var gate = new UpstreamRateGate(time, Options.Create(new UpstreamHttpOptions { MaxRateGateWait = TimeSpan.FromSeconds(10) }));
        await gate.AcquireAsync("c1", 100, CancellationToken.None);

        await gate.PauseAsync("c1", TimeSpan.FromSeconds(45), CancellationToken.None);
        var refused = await Assert.ThrowsAsync<UpstreamRateGateException>(() => gate.AcquireAsync("c1", 100, CancellationToken.None));

        Assert.Equal(TimeSpan.FromSeconds(45), refused.RetryAfter);
    }

    [Fact]
    public async Task Learn_NewVendorLimit_KeepsAPendingPause()
    {
        var gate = new UpstreamRateGate(time, Options.Create(new UpstreamHttpOptions { MaxRateGateWait = TimeSpan.FromSeconds(1) }));
        await gate.AcquireAsync("c1", 100, CancellationToken.None);

        await gate.PauseAsync("c1", TimeSpan.FromSeconds(30), CancellationToken.None);
        gate.Learn("c1", 1000);

        await Assert.ThrowsAsync<UpstreamRateGateException>(() => gate.AcquireAsync("c1", 100, CancellationToken.None));
        time.Advance(TimeSpan.FromSeconds(31));
        await gate.AcquireAsync("c1", 100, CancellationToken.None);
    }
}
