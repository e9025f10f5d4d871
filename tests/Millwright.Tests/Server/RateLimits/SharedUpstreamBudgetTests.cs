using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Millwright.Connectors.Http;
using Millwright.Sandbox.MaintainX;
using Millwright.Server.Features.RateLimits;
using Millwright.Tests.Server.Sync;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.RateLimits;

/// <summary>
/// The per-connection vendor budget (outbound pacing) shared through the real redis-server test.sh starts, so that
/// several nodes calling one vendor for one connection together stay within its limit (issue 17).
/// </summary>
public sealed class SharedUpstreamBudgetTests
{
    private static readonly string? Redis = RedisFactAttribute.ConnectionString;

    [RedisFact]
    public async Task TwoNodes_SharingRedis_GreedyCallersNeverExceedTheBudgetInAnyMinute()
    {
        const int budget = 30;
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero));
        // Two multiplexers, as two nodes would have.
        await using var firstRedis = new RedisConnection(Redis!);
        await using var secondRedis = new RedisConnection(Redis!);
        RedisUpstreamBudget[] nodes =
        [
            new(firstRedis, time, NullLogger<RedisUpstreamBudget>.Instance),
            new(secondRedis, time, NullLogger<RedisUpstreamBudget>.Instance),
        ];
        var connection = "conn_" + Guid.NewGuid().ToString("n");

        var granted = new List<long>();
        var end = time.GetUtcNow().AddMinutes(5);
        while (time.GetUtcNow() < end)
        {
            // Both nodes take what they can; when neither can, time moves to the sooner of their next slots.
            var waits = new List<TimeSpan>();
            foreach (var node in nodes)
            {
                // A zero longest wait: only a slot that is free now is taken.
                var answer = await node.TryTakeAsync(connection, new UpstreamBudget(budget), TimeSpan.Zero, CancellationToken.None);
                Assert.True(answer.Reached);
                if (answer.Taken)
                {
                    Assert.Equal(TimeSpan.Zero, answer.Wait);
                    granted.Add(time.GetUtcNow().UtcTicks);
                }
                else
                {
                    waits.Add(answer.Wait);
                }
            }

            if (waits.Count == nodes.Length)
            {
                time.Advance(waits.Min());
            }
        }

        AssertWithinBudget(granted, budget, TimeSpan.TicksPerMinute);
        // Shared, not starved: the two nodes together still get at least 85 % of the budget.
        Assert.True(granted.Count >= budget * 5 * 85 / 100, $"only {granted.Count} calls in 5 minutes");
    }

    /// <summary>
    /// Callers on two nodes waiting for one connection's slots get them in the order they asked, one period apart: each
    /// reserves the next slot at once, rather than asking again when it might be free, when whoever asks first wins
    /// (in the three-node cluster one node's callers waited out the whole 70 s that way, and were refused).
    /// </summary>
    [RedisFact]
    public async Task TwoNodes_CallersWaitingForSlots_ReserveThemInTheOrderTheyAsked()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero));
        await using var firstRedis = new RedisConnection(Redis!);
        await using var secondRedis = new RedisConnection(Redis!);
        RedisUpstreamBudget[] nodes =
        [
            new(firstRedis, time, NullLogger<RedisUpstreamBudget>.Instance),
            new(secondRedis, time, NullLogger<RedisUpstreamBudget>.Instance),
        ];
        var connection = "conn_" + Guid.NewGuid().ToString("n");
        var budget = new UpstreamBudget(60);
        // Redis counts in whole microseconds.
        var period = TimeSpan.FromTicks(budget.Period.Ticks / 10 * 10);
        for (var i = 0; i < budget.Burst; i++)
        {
            Assert.Equal(SharedBudgetAnswer.Reserved(TimeSpan.Zero), await nodes[0].TryTakeAsync(connection, budget, TimeSpan.Zero, CancellationToken.None));
        }

        for (var i = 1; i <= 6; i++)
        {
            var answer = await nodes[i % 2].TryTakeAsync(connection, budget, TimeSpan.FromMinutes(1), CancellationToken.None);
            Assert.Equal(SharedBudgetAnswer.Reserved(period * i), answer);
        }

        // A caller that will not wait that long takes nothing: the next one still gets the seventh slot.
        Assert.Equal(SharedBudgetAnswer.WaitFor(period * 7), await nodes[0].TryTakeAsync(connection, budget, period, CancellationToken.None));
        Assert.Equal(SharedBudgetAnswer.Reserved(period * 7), await nodes[1].TryTakeAsync(connection, budget, TimeSpan.FromMinutes(1), CancellationToken.None));

        // One node's vendor pause holds the other's callers, and is what a caller that reserved a slot checks before going.
        await nodes[0].PauseAsync(connection, time.GetUtcNow().AddSeconds(30), CancellationToken.None);
        Assert.Equal(TimeSpan.FromSeconds(30), await nodes[1].PausedForAsync(connection, CancellationToken.None));
        Assert.Equal(SharedBudgetAnswer.WaitFor(TimeSpan.FromSeconds(30)), await nodes[1].TryTakeAsync(connection, budget, TimeSpan.FromMinutes(1), CancellationToken.None));
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Null(await nodes[1].PausedForAsync(connection, CancellationToken.None));
    }

    [Fact]
    public async Task Gate_RedisUnreachable_PacesInThisProcess()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero));
        // Port 9 (discard) on loopback: nothing listens, so the multiplexer stays disconnected.
        await using var redis = new RedisConnection("127.0.0.1:9,connectRetry=0");
        var shared = new RedisUpstreamBudget(redis, time, NullLogger<RedisUpstreamBudget>.Instance);
        var gate = new UpstreamRateGate(time, Options.Create(new UpstreamHttpOptions()), shared);

        var answer = await shared.TryTakeAsync("c1", new UpstreamBudget(60), TimeSpan.FromMinutes(1), CancellationToken.None);
        for (var i = 0; i < 6; i++)
        {
            await gate.AcquireAsync("c1", 60, CancellationToken.None);
        }

        var seventh = gate.AcquireAsync("c1", 60, CancellationToken.None);

        Assert.False(answer.Reached);
        Assert.False(seventh.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(2));
        await seventh.WaitAsync(TimeSpan.FromSeconds(5));
    }

    /// <summary>
    /// Two Millwright servers on one store and one Redis, both calling one sandbox for one connection (passthrough from
    /// several clients on each): the requests the sandbox receives stay inside the budget's envelope (burst + one per
    /// period), which two per-node budgets would exceed about twice over.
    /// </summary>
    [RedisFact]
    public async Task TwoServers_SharingRedis_SandboxSeesNoMoreThanOneBudget()
    {
        var received = new ConcurrentQueue<long>();
        var sandboxSettings = new MaintainXSandboxSettings { RequestsPerMinute = 200, WorkOrderCount = 20, AssetCount = 10 };
        var module = new MaintainXSandboxModule();
        await using var sandbox = await LoopbackHost.StartAsync(app =>
        {
            app.Use(async (HttpContext context, RequestDelegate next) =>
            {
                if (context.Request.Path.StartsWithSegments(module.Prefix + "/v1"))
                {
                    received.Enqueue(Stopwatch.GetTimestamp());
                }

                await next(context);
            });
            module.Map(app, module.Prefix, sandboxSettings, TimeProvider.System);
        });
        var apiBase = MaintainXSandboxModule.ApiBaseUrl(new Uri(sandbox.BaseAddress, module.Prefix.TrimStart('/') + "/"));
        var settings = new Dictionary<string, string?> { ["Millwright:Redis"] = Redis };
        using var first = new MillwrightHost(SyncTestData.FastSettings(settings));
        using var second = new MillwrightHost(SyncTestData.FastSettings(settings), dataDirectory: first.DataDirectory);
        var account = await first.CreateAccountAsync();
        var connectionId = await SyncTestData.InsertConnectionAsync(first, account, "maintainx",
            new Dictionary<string, string> { ["base_url"] = apiBase.ToString() },
            new Dictionary<string, string> { ["api_key"] = MaintainXSandboxSettings.DemoApiKey });

        foreach (var host in new[] { first, second })
        {
            // Warm: a first call pays for connections and JIT, which would bunch the burst behind it at the sandbox.
            using var http = host.Http(account.TestSecretKey);
            http.DefaultRequestHeaders.Add("Millwright-Connection", connectionId);
            (await http.PostAsJsonAsync("/v1/passthrough", new { method = "GET", path = "workorders", query = new { limit = 1 } })).Dispose();
        }

        var calling = Stopwatch.StartNew();
        var answers = new ConcurrentBag<HttpStatusCode>();
        var clients = Enumerable.Range(0, 6).Select(i => Task.Run(async () =>
        {
            using var http = (i % 2 == 0 ? first : second).Http(account.TestSecretKey);
            http.DefaultRequestHeaders.Add("Millwright-Connection", connectionId);
            while (calling.Elapsed < TimeSpan.FromSeconds(6))
            {
                using var response = await http.PostAsJsonAsync("/v1/passthrough", new { method = "GET", path = "workorders", query = new { limit = 1 } });
                answers.Add(response.StatusCode);
            }
        })).ToArray();
        await Task.WhenAll(clients);

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.OK, status));
        // MaintainX states its limit (X-Rate-Limit-Limit), and each node uses it from its warm-up call on.
        var budget = new UpstreamBudget(sandboxSettings.RequestsPerMinute);
        // Both servers are in this process, so they and the sandbox share one clock; a second covers the trip on a
        // busy machine, and is far from the second burst that two per-node budgets would add.
        AssertWithinEnvelope([.. received.Order()], budget.Burst, Stopwatch.Frequency * budget.Period.Ticks / TimeSpan.TicksPerSecond,
            slack: Stopwatch.Frequency);
        // Paced, not idle: the budget's burst and then its steady rate were used.
        Assert.True(received.Count > budget.Burst + 4, $"only {received.Count} calls reached the sandbox");
    }

    /// <summary>No 60 s window holds more than the budget.</summary>
    private static void AssertWithinBudget(List<long> at, int budget, long minute)
    {
        for (var i = 0; i < at.Count; i++)
        {
            var inWindow = at.Skip(i).TakeWhile(t => t < at[i] + minute).Count();
            Assert.True(inWindow <= budget, $"{inWindow} calls within a minute, budget {budget}");
        }
    }

    /// <summary>No span of time between two calls holds more than <paramref name="burst"/> plus one per <paramref name="period"/>.</summary>
    private static void AssertWithinEnvelope(List<long> at, int burst, long period, long slack = 0)
    {
        for (var i = 0; i < at.Count; i++)
        {
            for (var j = i; j < at.Count; j++)
            {
                var allowed = burst + ((at[j] - at[i] + slack) / period);
                Assert.True(j - i + 1 <= allowed, $"{j - i + 1} calls within {(at[j] - at[i]) / (double)period:0.0} periods; at most {allowed} allowed");
            }
        }
    }

    [Fact]
    public void AssertWithinEnvelope_TwoBurstsAtOnce_Fails()
    {
        // The check itself can fail: two per-node buckets side by side give two bursts at once.
        var twoBursts = Enumerable.Range(0, 20).Select(i => (long)i).ToList();
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertWithinEnvelope(twoBursts, 10, 1000));
    }
}
