namespace Millwright.Sandbox.Maximo;

/// <summary>Result sets of <c>stablePaging</c> requests: ordered keys, forward-only, expiring on the sandbox clock.</summary>
internal sealed class MxmStablePages(TimeProvider time, TimeSpan lifetime)
{
    private const int Capacity = 200;
    private readonly Lock gate = new();
    private readonly Dictionary<string, Entry> sets = new(StringComparer.Ordinal);

    public string Create(List<string> keys, int servedPage)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            foreach (var stale in sets.Where(s => s.Value.Expires <= now).Select(s => s.Key).ToList())
            {
                sets.Remove(stale);
            }

            if (sets.Count >= Capacity)
            {
                sets.Remove(sets.MinBy(s => s.Value.Expires).Key);
            }

            var id = Guid.NewGuid().ToString("N");
            sets[id] = new Entry(keys, servedPage, now + lifetime);
            return id;
        }
    }

    /// <summary>The keys of the set, recording that <paramref name="page"/> is served; 410 when expired, unknown or already past.</summary>
    public List<string> Take(string id, int page)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (!sets.TryGetValue(id, out var entry) || entry.Expires <= now || page <= entry.LastPage)
            {
                throw MxmError.StablePageGone();
            }

            sets[id] = entry with { LastPage = page, Expires = now + lifetime };
            return entry.Keys;
        }
    }

    public void Remove(string id)
    {
        lock (gate)
        {
            sets.Remove(id);
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            sets.Clear();
        }
    }

    private sealed record Entry(List<string> Keys, int LastPage, DateTimeOffset Expires);
}
