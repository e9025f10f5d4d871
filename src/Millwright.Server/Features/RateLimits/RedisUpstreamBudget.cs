using Millwright.Connectors.Http;
using StackExchange.Redis;

namespace Millwright.Server.Features.RateLimits;

/// <summary>
/// The connections' vendor budgets (outbound pacing, <see cref="UpstreamBudget"/>) on the same Redis as the inbound
/// counters, so that N nodes calling one vendor for one connection together stay within its limit. One Lua script
/// per call runs GCRA, the token bucket of the per-process limiter kept as one "theoretical arrival time" per
/// connection: a slot is free when that time is at most <c>burst × period</c> ahead of now, and a caller reserves the
/// next one (up to its longest wait) rather than asking again later, so callers on every node go in the order they asked. Now comes from the
/// injected clock (nodes need NTP, as for the inbound windows); a vendor pause is a second key checked first.
/// While Redis cannot be reached every node counts alone (logged once per outage; the <c>redis</c> health check
/// shows it on the status page).
/// </summary>
internal sealed partial class RedisUpstreamBudget(RedisConnection redis, TimeProvider time, ILogger<RedisUpstreamBudget> logger)
    : ISharedUpstreamBudget
{
    // KEYS: arrival time, pause-until (µs since the Unix epoch); ARGV: now, period, capacity, longest wait (µs).
    // Returns {1, wait} when the next slot, due after wait, was reserved; {0, wait} when nothing was taken (paused, or
    // the slot is further than the longest wait). Doubles hold µs exactly (< 2^53), '%.0f' keeps every digit.
    private const string TakeScript = """
        local now = tonumber(ARGV[1])
        local paused = tonumber(redis.call('GET', KEYS[2]) or '0')
        if paused > now then return {0, paused - now} end
        local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
        if tat < now then tat = now end
        local period = tonumber(ARGV[2])
        local wait = tat + period - tonumber(ARGV[3]) - now
        if wait < 0 then wait = 0 end
        if wait > tonumber(ARGV[4]) then return {0, wait} end
        tat = tat + period
        redis.call('SET', KEYS[1], string.format('%.0f', tat), 'PX', math.ceil((tat - now) / 1000) + 1000)
        return {1, wait}
        """;

    // KEYS: pause-until; ARGV: until, now (µs). Only ever extends a pause. ('until' is a Lua keyword: as a variable
    // name it made the script fail to compile, which read as Redis unreachable and shared no pause.)
    private const string PauseScript = """
        local ends = tonumber(ARGV[1])
        local current = tonumber(redis.call('GET', KEYS[1]) or '0')
        if ends > current then
          redis.call('SET', KEYS[1], ARGV[1], 'PX', math.ceil((ends - tonumber(ARGV[2])) / 1000) + 1000)
        end
        return 0
        """;

    // KEYS: pause-until; ARGV: now (µs). Returns the µs the pause still holds, or 0.
    private const string PausedScript = """
        local paused = tonumber(redis.call('GET', KEYS[1]) or '0')
        local now = tonumber(ARGV[1])
        if paused > now then return paused - now end
        return 0
        """;

    private int unavailable;

    public async ValueTask<SharedBudgetAnswer> TryTakeAsync(string connectionId, UpstreamBudget budget, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var period = Micros(budget.Period);
        RedisKey[] keys = [ArrivalKey(connectionId), PauseKey(connectionId)];
        RedisValue[] args = [Micros(time.GetUtcNow()), period, period * budget.Burst, Micros(maxWait)];
        if (await EvaluateAsync(TakeScript, keys, args) is not { } answer)
        {
            return SharedBudgetAnswer.Unavailable;
        }

        var (taken, wait) = ((long)answer[0], TimeSpan.FromTicks((long)answer[1] * 10));
        return taken == 1 ? SharedBudgetAnswer.Reserved(wait) : SharedBudgetAnswer.WaitFor(wait);
    }

    public async ValueTask PauseAsync(string connectionId, DateTimeOffset until, CancellationToken cancellationToken)
    {
        RedisKey[] keys = [PauseKey(connectionId)];
        RedisValue[] args = [Micros(until), Micros(time.GetUtcNow())];
        await EvaluateAsync(PauseScript, keys, args);
    }

    public async ValueTask<TimeSpan?> PausedForAsync(string connectionId, CancellationToken cancellationToken)
    {
        RedisKey[] keys = [PauseKey(connectionId)];
        RedisValue[] args = [Micros(time.GetUtcNow())];
        return await EvaluateAsync(PausedScript, keys, args) is { } answer && (long)answer is > 0 and var micros
            ? TimeSpan.FromTicks(micros * 10)
            : null;
    }

    private static RedisKey ArrivalKey(string connectionId) => $"mw:ub:{{{connectionId}}}:at";

    private static RedisKey PauseKey(string connectionId) => $"mw:ub:{{{connectionId}}}:pause";

    /// <summary>The script's answer, or null when Redis cannot be reached (then each node counts alone).</summary>
    private async Task<RedisResult?> EvaluateAsync(string script, RedisKey[] keys, RedisValue[] args)
    {
        try
        {
            var multiplexer = await redis.MultiplexerAsync();
            // A disconnected multiplexer would queue the command until its timeout: each vendor call would wait 2 s.
            if (!multiplexer.IsConnected)
            {
                throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, "Redis is not connected.");
            }

            var answer = await multiplexer.GetDatabase().ScriptEvaluateAsync(script, keys, args);
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
