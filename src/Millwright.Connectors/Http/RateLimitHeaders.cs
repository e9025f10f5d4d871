using System.Globalization;
using System.Net;

namespace Millwright.Connectors.Http;

/// <summary>
/// Reads how long a vendor asks us to wait: standard <c>Retry-After</c> (seconds or HTTP date) first,
/// then the de-facto <c>X-Rate-Limit-Reset</c> / <c>X-RateLimit-Reset</c> seconds (MaintainX sends
/// the former on every response; see Vendors/MaintainX/README.md).
/// </summary>
internal static class RateLimitHeaders
{
    private static readonly string[] ResetHeaders = ["X-Rate-Limit-Reset", "X-RateLimit-Reset"];
    private static readonly string[] RemainingHeaders = ["X-Rate-Limit-Remaining", "X-RateLimit-Remaining"];
    private static readonly string[] LimitHeaders = ["X-Rate-Limit-Limit", "X-RateLimit-Limit"];

    // A reset further away than this is a unix timestamp or nonsense, not a delay in seconds.
    private static readonly TimeSpan MaxPlausibleDelay = TimeSpan.FromHours(1);

    public static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        var retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return Clamp(delta);
        }

        if (retryAfter?.Date is { } date)
        {
            return Clamp(date - now);
        }

        return Reset(response);
    }

    /// <summary>The wait until the vendor's window resets, when the vendor says none are left in it; else null.</summary>
    public static TimeSpan? ExhaustedFor(HttpResponseMessage response)
    {
        var remaining = ReadNumber(response, RemainingHeaders);
        return remaining is <= 0 ? Reset(response) ?? TimeSpan.FromSeconds(1) : null;
    }

    /// <summary>The cap the vendor says applies to this caller, when it says and the value is plausible.</summary>
    public static int? Limit(HttpResponseMessage response) =>
        ReadNumber(response, LimitHeaders) is { } limit && limit is >= 1 and <= 1_000_000 ? (int)limit : null;

    private static TimeSpan? Reset(HttpResponseMessage response) =>
        ReadNumber(response, ResetHeaders) is { } seconds ? Clamp(TimeSpan.FromSeconds(seconds)) : null;

    private static TimeSpan? Clamp(TimeSpan delay) =>
        delay < TimeSpan.Zero ? TimeSpan.Zero : delay > MaxPlausibleDelay ? null : delay;

    private static double? ReadNumber(HttpResponseMessage response, string[] names)
    {
        foreach (var name in names)
        {
            if (response.Headers.TryGetValues(name, out var values)
                && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                && double.IsFinite(number))
            {
                return number;
            }
        }

        return null;
    }

    public static bool IsRateLimited(HttpResponseMessage response) => response.StatusCode == HttpStatusCode.TooManyRequests;
}
