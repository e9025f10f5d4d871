using System.Collections.Concurrent;

namespace Millwright.Connectors.Core;

/// <summary>
/// Small per-connection values a connector derives from the vendor and reuses for a while (a location
/// hierarchy, an organisation name), with an expiry read from <see cref="TimeProvider"/>. Bounded: when
/// full, it is emptied (entries are cheap to rebuild).
/// </summary>
internal sealed class ConnectionCache<T>(TimeProvider time, TimeSpan lifetime, int capacity = 1_000)
    where T : class
{
    private readonly ConcurrentDictionary<string, (T Value, DateTimeOffset Expires)> entries = new(StringComparer.Ordinal);

    public T? Get(string key) =>
        entries.TryGetValue(key, out var entry) && entry.Expires > time.GetUtcNow() ? entry.Value : null;

    public void Set(string key, T value)
    {
        if (entries.Count >= capacity)
        {
            entries.Clear();
        }

        entries[key] = (value, time.GetUtcNow() + lifetime);
    }

    public void Remove(string key) => entries.TryRemove(key, out _);
}
