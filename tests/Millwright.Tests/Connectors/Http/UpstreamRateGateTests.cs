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
    public void TryTake_GreedyCaller_NeverExceedsTheBudgetInAnyMinute(int budget)
    {
        using var gate = new ConnectionGate(budget, time);
        var granted = new List<DateTimeOffset>();
        var end = time.GetUtcNow().AddMinutes(5);
        while (time.GetUtcNow() < end)
        {
            if (gate.TryTake(time.GetUtcNow()) is { } wait)
            {
                time.Advance(wait);
            }
            else
            {
                granted.Add(time.GetUtcNow());
            }
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
