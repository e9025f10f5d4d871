namespace Millwright.Sandbox.Sap;

/// <summary>
/// One entity set's rows, keyed by their key predicate (<c>MaintenanceOrder='4000001'</c>) in key order, as
/// Gateway returns them without <c>$orderby</c>. Rows are never changed in place: a write replaces the row
/// under the lock, and readers get a cached snapshot rebuilt only after a write.
/// </summary>
internal sealed class SapTable(EdmEntitySet set)
{
    private readonly Lock gate = new();
    private readonly SortedDictionary<string, IReadOnlyDictionary<string, object?>> rows = new(StringComparer.Ordinal);
    private IReadOnlyDictionary<string, object?>[]? snapshot;

    public EdmEntitySet Set { get; } = set;

    public IReadOnlyDictionary<string, object?>[] Snapshot()
    {
        lock (gate)
        {
            return snapshot ??= [.. rows.Values];
        }
    }

    public IReadOnlyDictionary<string, object?>? Find(string key)
    {
        lock (gate)
        {
            return rows.GetValueOrDefault(key);
        }
    }

    public void Put(IReadOnlyDictionary<string, object?> row)
    {
        lock (gate)
        {
            rows[KeyOf(Set.Type, row)] = row;
            snapshot = null;
        }
    }

    /// <summary>Adds <paramref name="row"/> unless its key exists. Callers that number a new row hold <see cref="Gate"/> (reentrant) across
    /// numbering and adding, so that two creates never draw the same number.</summary>
    public bool TryAdd(IReadOnlyDictionary<string, object?> row)
    {
        lock (gate)
        {
            if (!rows.TryAdd(KeyOf(Set.Type, row), row))
            {
                return false;
            }

            snapshot = null;
            return true;
        }
    }

    public Lock Gate => gate;

    /// <summary>Replaces the row under <paramref name="key"/> by <paramref name="change"/>'s result, atomically; null if missing.</summary>
    public IReadOnlyDictionary<string, object?>? Update(string key, Func<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>> change)
    {
        lock (gate)
        {
            if (!rows.TryGetValue(key, out var current))
            {
                return null;
            }

            var updated = change(current);
            rows[key] = updated;
            snapshot = null;
            return updated;
        }
    }

    /// <summary>The canonical key predicate: <c>'4000001'</c> for one key, <c>Equipment='1',ValidityEndDate=datetime'…'</c> for several.</summary>
    public static string KeyOf(EdmEntityType type, IReadOnlyDictionary<string, object?> row) =>
        type.Keys.Count == 1
            ? SapValues.Literal(row[type.Keys[0]])
            : string.Join(',', type.Keys.Select(k => $"{k}={SapValues.Literal(row[k])}"));
}

/// <summary>Every entity set of every service of one sandbox instance; sets the seed does not fill are empty.</summary>
internal sealed class SapSandboxData
{
    private readonly Dictionary<(string Service, string Set), SapTable> tables = [];

    public SapSandboxData()
    {
        foreach (var service in SapService.All.Values)
        {
            foreach (var set in service.Sets.Values)
            {
                tables[(service.Name, set.Name)] = new SapTable(set);
            }
        }
    }

    public SapTable Table(string service, string set) => tables[(service, set)];

    /// <summary>A new row of <paramref name="set"/> with every property at its initial value, then <paramref name="values"/>.</summary>
    public IReadOnlyDictionary<string, object?> Add(string service, string set, IReadOnlyDictionary<string, object?> values)
    {
        var table = Table(service, set);
        var row = table.Set.Type.Properties.ToDictionary(p => p.Name, SapValues.Initial, StringComparer.Ordinal);
        foreach (var (name, value) in values)
        {
            if (!table.Set.Type.ByName.TryGetValue(name, out var property) || !SapValues.TryConvert(property.Type, value, out var converted))
            {
                throw new InvalidOperationException($"Seed value {name}={value} does not fit {set} in the metadata of {service}.");
            }

            row[name] = converted;
        }

        table.Put(row);
        return row;
    }
}
