using System.ComponentModel;
using Millwright.Client.Keys;
using Millwright.Server.Hosting.Errors;

namespace Millwright.Server.Features.Auth;

[Description("How long the rotated secret keeps working beside its successor.")]
internal sealed record RotateBody(
    [property: Description("Seconds the old secret keeps working: 0 revokes it at once, at most 604800 (7 days); 86400 (24 hours) when omitted.")]
    int? GracePeriodSeconds);

/// <summary>The grace period of a rotation: 24 hours unless the caller chooses, 0 to revoke now, at most 7 days.</summary>
internal static class GracePeriod
{
    public static readonly TimeSpan Default = TimeSpan.FromHours(24);

    public static TimeSpan From(RotateBody? body) => body?.GracePeriodSeconds switch
    {
        null => Default,
        < 0 or > RotateRequest.MaxGracePeriodSeconds => throw ApiException.Validation("grace_period_seconds",
            $"grace_period_seconds must be between 0 (revoke at once) and {RotateRequest.MaxGracePeriodSeconds} (7 days)."),
        { } seconds => TimeSpan.FromSeconds(seconds),
    };

    /// <summary>When the old secret stops: never later than an expiry it already had.</summary>
    public static DateTimeOffset End(DateTimeOffset now, TimeSpan grace, DateTimeOffset? existing) =>
        existing is { } e && e < now + grace ? e : now + grace;
}
