namespace Millwright.Server.Features.Webhooks;

/// <summary>
/// When a failed delivery is tried again: 30 s after the first attempt, then doubling (60 s, 2 min, 4 min…)
/// up to 4 h between attempts, each delay lengthened by up to 10 % jitter so that the retries of one
/// receiver's outage do not arrive in lockstep. A receiver's <c>Retry-After</c> (429/503) replaces the
/// computed delay. No retry is scheduled after the delivery's give-up time (creation + 24 h): it is failed.
/// With the defaults that is 14 attempts over about 24 hours.
/// </summary>
internal static class RetrySchedule
{
    /// <summary>The delay after <paramref name="attemptsMade"/> attempts (≥ 1), before jitter.</summary>
    public static TimeSpan BaseDelay(int attemptsMade, WebhookOptions options)
    {
        var exponent = Math.Min(Math.Max(attemptsMade - 1, 0), 30);
        var ticks = Math.Min(options.FirstRetryDelay.Ticks * Math.Pow(2, exponent), options.MaxRetryDelay.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>The next attempt's time, or null when the delivery is to be failed.</summary>
    /// <param name="jitter">A number in [0, 1): the fraction of the 10 % jitter to add.</param>
    public static DateTimeOffset? Next(int attemptsMade, DateTimeOffset now, DateTimeOffset giveUpAt, TimeSpan? retryAfter, double jitter, WebhookOptions options)
    {
        var delay = retryAfter ?? BaseDelay(attemptsMade, options) * (1 + (0.1 * jitter));
        var next = now + delay;
        return next > giveUpAt ? null : next;
    }
}
