using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Millwright.Server.Features.Connections;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.RateLimits;

/// <summary>
/// The limits that apply to an account+environment and to a connection: the stored setting
/// (<c>PATCH /v1/account</c>, <c>PATCH /v1/connections/{id}</c>) or the installation's default. Account
/// limits are cached per process for <see cref="RateLimitOptions.SettingsCacheDuration"/> so the hot path
/// rarely reads the store; a change made through this process applies at once, one made through another node
/// within that time. A connection's limit is read from the row the request has loaded anyway
/// (<see cref="Auth.ICallerFeature.Connection"/>), so it applies from the next request on every node.
/// </summary>
internal sealed class RateLimitSettings(IOptions<RateLimitOptions> options, TimeProvider time)
{
    private const int MaxEntries = 50_000;
    private readonly ConcurrentDictionary<string, (int Limit, DateTimeOffset Until)> cache = new(StringComparer.Ordinal);

    public ValueTask<int> AccountLimitAsync(MillwrightDb db, string accountId, string environment, CancellationToken cancellationToken) =>
        GetAsync(AccountKey(accountId, environment), async () =>
            await db.AccountSettings.AsNoTracking()
                .Where(s => s.AccountId == accountId && s.Environment == environment)
                .Select(s => s.RateLimitPerMinute).FirstOrDefaultAsync(cancellationToken)
            ?? options.Value.AccountPerMinute);

    /// <summary>The connection's own limit, or the default (also for a connection the caller cannot see).</summary>
    public int ConnectionLimit(ConnectionRow? connection) => connection?.RateLimitPerMinute ?? options.Value.ConnectionPerMinute;

    /// <summary>Drops cached limits after a change, so this process applies it from the next request.</summary>
    public void ForgetAccount(string accountId, string environment) => cache.TryRemove(AccountKey(accountId, environment), out _);

    private async ValueTask<int> GetAsync(string key, Func<Task<int>> load)
    {
        var now = time.GetUtcNow();
        if (cache.TryGetValue(key, out var cached) && cached.Until > now)
        {
            return cached.Limit;
        }

        var limit = await load();
        if (cache.Count >= MaxEntries)
        {
            cache.Clear();
        }

        cache[key] = (limit, now + options.Value.SettingsCacheDuration);
        return limit;
    }

    private static string AccountKey(string accountId, string environment) => $"a:{accountId}:{environment}";
}
