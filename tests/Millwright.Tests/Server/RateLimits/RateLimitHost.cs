using Microsoft.Extensions.Time.Testing;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.RateLimits;

/// <summary>A server with small per-minute limits and a fake clock; each test uses its own account.</summary>
public sealed class RateLimitHost : IDisposable
{
    public const int AccountPerMinute = 5;
    public const int ConnectionPerMinute = 3;

    public RateLimitHost()
    {
        Server = new MillwrightHost(
            new Dictionary<string, string?>
            {
                ["Millwright:RateLimits:AccountPerMinute"] = AccountPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Millwright:RateLimits:ConnectionPerMinute"] = ConnectionPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            time: Clock);
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));

    public MillwrightHost Server { get; }

    /// <summary>Moves the clock forward into a fresh window, <paramref name="offset"/> after its start.</summary>
    public void StartNewWindowAt(TimeSpan offset)
    {
        var now = Clock.GetUtcNow();
        var minuteStart = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero);
        Clock.SetUtcNow(minuteStart.AddMinutes(1) + offset);
    }

    public void Dispose() => Server.Dispose();
}
