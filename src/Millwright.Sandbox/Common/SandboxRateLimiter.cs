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
                state.Refused = 0;
            }

            state.Received++;

            var reset = (int)Math.Ceiling((state.Start + window - now).TotalSeconds);
            reset = Math.Max(reset, 1);
            if (state.Count >= PermitsPerWindow)
            {
                state.Refused++;
                state.TotalRefused++;
                return new RateLimitDecision(false, PermitsPerWindow, 0, reset);
            }

            state.Count++;
            return new RateLimitDecision(true, PermitsPerWindow, PermitsPerWindow - state.Count, reset);
        }
    }

    /// <summary>Forgets every window (used when faults are reset).</summary>
    public void Reset() => windows.Clear();

    /// <summary>
    /// What this limiter counted, per key without the key (<c>GET {prefix}/_sandbox/requests</c>): the current
    /// window's start, its allowed and refused requests, and every request since the key's first (or the last reset).
    /// </summary>
    public IReadOnlyList<RateLimitWindow> Windows()
    {
        var list = new List<RateLimitWindow>();
        foreach (var state in windows.Values)
        {
            lock (state)
            {
                list.Add(new RateLimitWindow(state.Start, (int)window.TotalSeconds, state.Count, state.Refused, state.Received, state.TotalRefused));
            }
        }

        return list;
    }

    private sealed class Window
    {
        public DateTimeOffset Start { get; set; }

        public int Count { get; set; }

        public int Refused { get; set; }

        public long Received { get; set; }

        public long TotalRefused { get; set; }
    }
}

/// <summary>One key's counts in <see cref="SandboxRateLimiter.Windows"/>.</summary>
/// <param name="StartedAt">When the current window began (the first request after the previous one ended).</param>
/// <param name="WindowSeconds">The window's length.</param>
/// <param name="Allowed">Requests allowed in the current window.</param>
/// <param name="Refused">Requests refused (429) in the current window.</param>
/// <param name="RequestsTotal">Every request counted for the key, allowed or refused.</param>
/// <param name="RefusedTotal">Every request refused for the key.</param>
public sealed record RateLimitWindow(DateTimeOffset StartedAt, int WindowSeconds, int Allowed, int Refused, long RequestsTotal, long RefusedTotal);

/// <summary>Outcome of one <see cref="SandboxRateLimiter.Acquire"/>: what the rate-limit headers should say.</summary>
public readonly record struct RateLimitDecision(bool Allowed, int Limit, int Remaining, int ResetSeconds);
