using System.Text.Json.Nodes;

namespace Millwright.Sandbox.Fiix;

/// <summary>
/// The tenant's objects: one table per class, keyed and ordered by <c>id</c>. Stored objects hold only
/// the fields that have a value; rendering fills in the rest. One lock guards everything, so a request
/// (and a whole single-transaction batch) sees and changes a consistent tenant.
/// </summary>
internal sealed class FiixSandboxData
{
    private Dictionary<string, SortedDictionary<long, JsonObject>> tables;

    public FiixSandboxData(IReadOnlyDictionary<string, List<JsonObject>> seed)
    {
        tables = FxClasses.All.Keys.ToDictionary(
            c => c,
            c => new SortedDictionary<long, JsonObject>(seed.GetValueOrDefault(c)?.Select(Normalize).ToDictionary(o => (long)o["id"]!) ?? []),
            StringComparer.Ordinal);
    }

    /// <summary>
    /// The object as parsed JSON, so every number reads back as any numeric type (values built in code keep
    /// their CLR type, and an <c>int</c> value does not read as <c>long</c>). Nulls are dropped.
    /// </summary>
    public static JsonObject Normalize(JsonObject values)
    {
        var copy = new JsonObject();
        foreach (var (name, value) in values)
        {
            if (value is not null && value.GetValueKind() != System.Text.Json.JsonValueKind.Null)
            {
                copy[name] = JsonNode.Parse(value.ToJsonString());
            }
        }

        return copy;
    }

    /// <summary>Held for the whole of one request.</summary>
    public Lock Gate { get; } = new();

    public IEnumerable<JsonObject> All(string className) => tables[className].Values;

    public JsonObject? Find(string className, long id) => tables[className].GetValueOrDefault(id);

    /// <summary>Stores a new object under the next id of its class and returns that id.</summary>
    public long Add(string className, JsonObject values)
    {
        var table = tables[className];
        var id = table.Count == 0 ? 1 : table.Keys.Max() + 1;
        values["id"] = id;
        table[id] = Normalize(values);
        return id;
    }

    /// <summary>Replaces the stored object with the same id.</summary>
    public void Put(string className, JsonObject values) => tables[className][(long)values["id"]!] = Normalize(values);

    public bool Remove(string className, long id) => tables[className].Remove(id);

    /// <summary>A deep copy of every table, for rolling back a failed single-transaction batch.</summary>
    public Dictionary<string, SortedDictionary<long, JsonObject>> Snapshot() =>
        tables.ToDictionary(t => t.Key, t => new SortedDictionary<long, JsonObject>(t.Value.ToDictionary(r => r.Key, r => r.Value.DeepClone().AsObject())), StringComparer.Ordinal);

    public void Restore(Dictionary<string, SortedDictionary<long, JsonObject>> snapshot) => tables = snapshot;
}
