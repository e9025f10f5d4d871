using System.Text.Json.Nodes;

namespace Millwright.Sandbox.Maximo;

/// <summary>
/// The records of one object structure, keyed by their key ('/'-joined key values) and ordered by the
/// unique id. Records are full documents (every attribute and child array) replaced whole on write, so a
/// reader's snapshot never changes under it; the snapshot array is rebuilt only after a write.
/// </summary>
internal sealed class MxmTable(MxmObjectStructure os, IEnumerable<JsonObject> seed)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, JsonObject> rows = seed.ToDictionary(r => MxmJson.KeyOf(os, r), StringComparer.Ordinal);
    private JsonObject[]? snapshot;

    public MxmObjectStructure Structure { get; } = os;

    /// <summary>Every record, by ascending unique id (Maximo's default order).</summary>
    public JsonObject[] Snapshot()
    {
        lock (gate)
        {
            return snapshot ??= [.. rows.Values.OrderBy(r => MxmJson.Long(r[Structure.IdAttribute]))];
        }
    }

    public JsonObject? Find(string key)
    {
        lock (gate)
        {
            return rows.GetValueOrDefault(key);
        }
    }

    /// <summary>Adds <paramref name="record"/> unless its key is taken; false when it is.</summary>
    public bool TryAdd(JsonObject record)
    {
        lock (gate)
        {
            if (!rows.TryAdd(MxmJson.KeyOf(Structure, record), record))
            {
                return false;
            }

            snapshot = null;
            return true;
        }
    }

    /// <summary>Replaces the record under <paramref name="key"/> by <paramref name="change"/>'s result; null when missing.</summary>
    public JsonObject? Update(string key, Func<JsonObject, JsonObject> change)
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

    public bool Remove(string key)
    {
        lock (gate)
        {
            snapshot = null;
            return rows.Remove(key);
        }
    }
}

/// <summary>Everything the tenant holds: one table per object structure, and the counters Maximo keeps.</summary>
internal sealed class MaximoSandboxData
{
    private readonly Lock counters = new();
    private long rowstamp;
    private long nextId = 900_000;
    private long nextNumber;

    public MaximoSandboxData(IReadOnlyDictionary<string, List<JsonObject>> records, long lastRowstamp, long lastNumber)
    {
        Tables = MxmStructures.All.ToDictionary(os => os.Name, os => new MxmTable(os, records.GetValueOrDefault(os.Name) ?? []), StringComparer.Ordinal);
        rowstamp = lastRowstamp;
        nextNumber = lastNumber;
    }

    public IReadOnlyDictionary<string, MxmTable> Tables { get; }

    public MxmTable Table(MxmObjectStructure os) => Tables[os.Name];

    /// <summary>The next <c>_rowstamp</c>: a database-wide counter, as a string (published record).</summary>
    public string NextRowstamp()
    {
        lock (counters)
        {
            return (++rowstamp).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The next unique id (workorderid, assetid, …) of a created record.</summary>
    public long NextId()
    {
        lock (counters)
        {
            return ++nextId;
        }
    }

    /// <summary>The next autokey (wonum, ticketid, ponum): one sequence, as the demo data has it.</summary>
    public string NextNumber()
    {
        lock (counters)
        {
            return (++nextNumber).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
