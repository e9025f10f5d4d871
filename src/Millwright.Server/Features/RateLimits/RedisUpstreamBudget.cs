using Millwright.Connectors.Http;
using StackExchange.Redis;

namespace Millwright.Server.Features.RateLimits;

/// <summary>
/// The connections' vendor budgets (outbound pacing, <see cref="UpstreamBudget"/>) on the same Redis as the inbound
/// counters, so that N nodes calling one vendor for one connection together stay within its limit. One Lua script
/// per call runs GCRA, the token bucket of the per-process limiter kept as one "theoretical arrival time" per
/// connection: a slot is free when that time is at most <c>burst × period</c> ahead of now. Now comes from the
/// injected clock (nodes need NTP, as for the inbound windows); a vendor pause is a second key checked first.
/// While Redis cannot be reached every node counts alone (logged once per outage; the <c>redis</c> health check
/// shows it on the status page).
/// </summary>
internal sealed partial class RedisUpstreamBudget(RedisConnection redis, TimeProvider time, ILogger<RedisUpstreamBudget> logger)
    : ISharedUpstreamBudget
{
    // KEYS: arrival time, pause-until (µs since the Unix epoch); ARGV: now, period, capacity (µs).
    // Returns 0 when a slot was taken, else the µs to wait. Doubles hold µs exactly (< 2^53), '%.0f' keeps every digit.
    private const string TakeScript = """
        local now = tonumber(ARGV[1])
        local paused = tonumber(redis.call('GET', KEYS[2]) or '0')
        if paused > now then return paused - now end
        local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
        if tat < now then tat = now end
        local period = tonumber(ARGV[2])
        local wait = tat + period - tonumber(ARGV[3]) - now
        if wait > 0 then return wait end
        tat = tat + period
        redis.call('SET', KEYS[1], string.format('%.0f', tat), 'PX', math.ceil((tat - now) / 1000) + 1000)
        return 0
        """;

    // KEYS: pause-until; ARGV: until, now (µs). Only ever extends a pause.
    private const string PauseScript = """
        local until = tonumber(ARGV[1])
        local current = tonumber(redis.call('GET', KEYS[1]) or '0')
        if until > current then
          redis.call('SET', KEYS[1], ARGV[1], 'PX', math.ceil((until - tonumber(ARGV[2])) / 1000) + 1000)
        end
        return 0
        """;

    private int unavailable;

    public async ValueTask<SharedBudgetAnswer> TryTakeAsync(string connectionId, UpstreamBudget budget, CancellationToken cancellationToken)
    {
        var period = Micros(budget.Period);
        RedisKey[] keys = [$"mw:ub:{{{connectionId}}}:at", $"mw:ub:{{{connectionId}}}:pause"];
        RedisValue[] args = [Micros(time.GetUtcNow()), period, period * budget.Burst];
        var wait = await EvaluateAsync(TakeScript, keys, args);
        return wait switch
        {
            null => SharedBudgetAnswer.Unavailable,
            0 => SharedBudgetAnswer.Taken,
            var micros => SharedBudgetAnswer.WaitFor(TimeSpan.FromTicks(micros.Value * 10)),
        };
    }

    public async ValueTask PauseAsync(string connectionId, DateTimeOffset until, CancellationToken cancellationToken)
    {
        RedisKey[] keys = [$"mw:ub:{{{connectionId}}}:pause"];
        RedisValue[] args = [Micros(until), Micros(time.GetUtcNow())];
        await EvaluateAsync(PauseScript, keys, args);
    }

    /// <summary>The script's integer answer, or null when Redis cannot be reached (then each node counts alone).</summary>
    private async Task<long?> EvaluateAsync(string script, RedisKey[] keys, RedisValue[] args)
    {
        try
        {
            var multiplexer = await redis.MultiplexerAsync();
            // A disconnected multiplexer would queue the command until its timeout: each vendor call would wait 2 s.
            if (!multiplexer.IsConnected)
            {
                throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, "Redis is not connected.");
            }

            var answer = (long)(await multiplexer.GetDatabase().ScriptEvaluateAsync(script, keys, args));
            if (Interlocked.Exchange(ref unavailable, 0) == 1)
            {
                LogShared();
            }

            return answer;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            if (Interlocked.Exchange(ref unavailable, 1) == 0)
            {
                LogFallback(ex);
            }

            return null;
        }
    }

    private static long Micros(TimeSpan span) => span.Ticks / 10;

    private static long Micros(DateTimeOffset at) => (at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis unreachable for vendor budgets; each node paces its calls to connected systems alone meanwhile")]
    private partial void LogFallback(Exception ex);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis reachable again; vendor budgets are shared by every node")]
    private partial void LogShared();
}
