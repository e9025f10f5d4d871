using StackExchange.Redis;

namespace Millwright.Server.Features.RateLimits;

/// <summary>
/// The same fixed clock-minute windows as <see cref="FixedWindowCounters"/>, counted in Redis so that every
/// Millwright process pointed at it shares one limit. One Lua script per request checks every partition and,
/// only when all have room, increments them all (a refusal counts against none), atomically. Keys carry the
/// window number and expire shortly after it ends. The window comes from the injected clock, so nodes need
/// synchronised clocks (NTP), as their <c>Retry-After</c> promises do anyway.
/// While Redis cannot be reached the process falls back to its own in-memory counters (logged): a per-node
/// limit is better than refusing all traffic or none.
/// </summary>
internal sealed partial class RedisWindowCounters(
    RedisConnection redis, FixedWindowCounters fallback, TimeProvider time, ILogger<RedisWindowCounters> logger) : IRateLimitCounters
{
    // KEYS: one counter per partition; ARGV: their limits, then the expiry in ms.
    // Returns {0, index} when partition `index` (1-based) is spent, else {1, count1, count2, …}.
    private const string Script = """
        local n = #KEYS
        for i = 1, n do
          local used = tonumber(redis.call('GET', KEYS[i]) or '0')
          if used >= tonumber(ARGV[i]) then return {0, i} end
        end
        local result = {1}
        for i = 1, n do
          local used = redis.call('INCR', KEYS[i])
          if used == 1 then redis.call('PEXPIRE', KEYS[i], ARGV[n + 1]) end
          result[i + 1] = used
        end
        return result
        """;

    private static readonly TimeSpan ExpirySlack = TimeSpan.FromSeconds(10);

    public async ValueTask<RateLimitDecision> TryAcquireAsync(IReadOnlyList<RateLimitPartition> partitions, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfZero(partitions.Count);
        var (window, resetSeconds) = RateLimitWindow.At(time);
        // One hash tag (the first partition: the account) keeps every key of a request in one cluster slot.
        var tag = partitions[0].Key;
        var keys = partitions.Select(p => (RedisKey)$"mw:rl:{{{tag}}}:{p.Key}:{window}").ToArray();
        var args = partitions.Select(p => (RedisValue)p.Limit)
            .Append((long)(TimeSpan.FromSeconds(resetSeconds) + ExpirySlack).TotalMilliseconds).ToArray();
        RedisResult[] result;
        try
        {
            var database = await redis.DatabaseAsync();
            result = (RedisResult[])(await database.ScriptEvaluateAsync(Script, keys, args))!;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            LogFallback(ex);
            return fallback.TryAcquire(partitions);
        }

        if ((long)result[0] == 0)
        {
            var refused = partitions[(int)(long)result[1] - 1];
            return new RateLimitDecision(false, refused.Limit, 0, resetSeconds);
        }

        return RateLimitWindow.Admitted(partitions, [.. result.Skip(1).Select(r => (long)r)], resetSeconds);
    }

    public async ValueTask<RateLimitDecision> PeekAsync(RateLimitPartition partition, CancellationToken cancellationToken)
    {
        var (window, resetSeconds) = RateLimitWindow.At(time);
        long used;
        try
        {
            var database = await redis.DatabaseAsync();
            // The same key TryAcquireAsync uses for a request whose first partition is this one.
            var value = await database.StringGetAsync($"mw:rl:{{{partition.Key}}}:{partition.Key}:{window}");
            used = value.IsNull ? 0 : (long)value;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            LogFallback(ex);
            return fallback.Peek(partition);
        }

        return new RateLimitDecision(used < partition.Limit, partition.Limit, (int)Math.Max(0, partition.Limit - used), resetSeconds);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis unreachable for rate-limit counters; counting in this process meanwhile")]
    private partial void LogFallback(Exception ex);
}
