using System.Collections.Concurrent;

namespace Millwright.Sandbox.Common;

/// <summary>
/// A fixed window per key, driven by an injected <see cref="TimeProvider"/> so tests can move time.
/// Vendors describe their limits this way ("N requests per 60 seconds", a reset countdown), which a
/// sliding or token-bucket limiter would not reproduce header for header.
/// </summary>
public sealed class SandboxRateLimiter(int permitsPerWindow, TimeSpan window, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Window> windows = new(StringComparer.Ordinal);

    public int PermitsPerWindow { get; } = permitsPerWindow > 0
        ? permitsPerWindow
        : throw new ArgumentOutOfRangeException(nameof(permitsPerWindow), permitsPerWindow, "The limit must be positive.");

    /// <summary>Counts one request for <paramref name="key"/> and says whether it is within the limit.</summary>
    public RateLimitDecision Acquire(string key)
    {
        var now = time.GetUtcNow();
        var state = windows.GetOrAdd(key, _ => new Window());
        lock (state)
        {
            if (state.Count == 0 || now >= state.Start + window)
            {
                state.Start = now;
                state.Count = 0;
            }

            var reset = (int)Math.Ceiling((state.Start + window - now).TotalSeconds);
            reset = Math.Max(reset, 1);
            if (state.Count >= PermitsPerWindow)
            {
                return new RateLimitDecision(false, PermitsPerWindow, 0, reset);
            }

            state.Count++;
            return new RateLimitDecision(true, PermitsPerWindow, PermitsPerWindow - state.Count, reset);
        }
    }

    /// <summary>Forgets every window (used when faults are reset).</summary>
    public void Reset() => windows.Clear();

    private sealed class Window
    {
        public DateTimeOffset Start { get; set; }

        public int Count { get; set; }
    }
}

/// <summary>Outcome of one <see cref="SandboxRateLimiter.Acquire"/>: what the rate-limit headers should say.</summary>
public readonly record struct RateLimitDecision(bool Allowed, int Limit, int Remaining, int ResetSeconds);
