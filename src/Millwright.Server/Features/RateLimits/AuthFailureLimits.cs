using Microsoft.Extensions.Options;
using Millwright.Client.Errors;
using Millwright.Server.Hosting.Errors;
using Millwright.Server.Hosting.Telemetry;

namespace Millwright.Server.Features.RateLimits;

/// <summary>
/// Brute-force limits on the same counters as the request budgets (in memory, or Redis shared by every node):
/// failed bearer authentication per client address, failed dashboard sign-ins per address and per account.
/// Only failures are counted; once a partition is spent, every attempt it covers is refused with 429
/// <c>RATE_LIMIT_EXCEEDED</c> before the secret is even looked at, until the clock minute ends, so a correct
/// guess among refused attempts cannot get through.
/// </summary>
internal sealed class AuthFailureLimits(IRateLimitCounters counters, IOptions<RateLimitOptions> options, MillwrightMetrics? metrics = null)
{
    public RateLimitPartition Bearer(HttpContext http) =>
        new($"authfail:{ClientAddress.Of(http)}", options.Value.FailedAuthPerAddressPerMinute);

    public RateLimitPartition SignInAddress(HttpContext http) =>
        new($"signinfail:{ClientAddress.Of(http)}", options.Value.FailedSignInPerAddressPerMinute);

    public RateLimitPartition SignInAccount(string accountId) =>
        new($"signinfail:account:{accountId}", options.Value.FailedSignInPerAccountPerMinute);

    /// <summary>Throws 429 with <c>Retry-After</c> when one of the partitions has no failures left this minute.</summary>
    public async Task ThrowIfLimitedAsync(IEnumerable<RateLimitPartition> partitions, CancellationToken cancellationToken)
    {
        foreach (var partition in partitions)
        {
            var decision = await counters.PeekAsync(partition, cancellationToken);
            if (!decision.Allowed)
            {
                metrics?.RateLimitRefused(partition.Key.StartsWith("authfail:", StringComparison.Ordinal) ? "failed_auth" : "failed_sign_in");
                throw Limited(decision.ResetSeconds);
            }
        }
    }

    /// <summary>Counts one failure against each partition; returns those this failure used up (the start of a burst, once per minute each).</summary>
    public async Task<IReadOnlyList<RateLimitPartition>> CountFailureAsync(IEnumerable<RateLimitPartition> partitions, CancellationToken cancellationToken)
    {
        var exhausted = new List<RateLimitPartition>();
        foreach (var partition in partitions)
        {
            // One partition per call: the Redis counters key a request's partitions under the first one's hash tag.
            var decision = await counters.TryAcquireAsync([partition], cancellationToken);
            if (decision is { Allowed: true, Remaining: 0 })
            {
                exhausted.Add(partition);
            }
        }

        return exhausted;
    }

    /// <summary>True for the first call with this key in the current minute (across nodes with Redis): keeps repeated audit events to one a minute.</summary>
    public async Task<bool> FirstThisMinuteAsync(string key, CancellationToken cancellationToken) =>
        (await counters.TryAcquireAsync([new RateLimitPartition("once:" + key, 1)], cancellationToken)).Allowed;

    public static ApiException Limited(int retryAfterSeconds) =>
        new(StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimitExceeded,
            $"Too many failed authentication attempts from this address. Retry after {retryAfterSeconds} seconds.",
            retryAfterSeconds: retryAfterSeconds);
}
