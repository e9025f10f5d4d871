using System.Buffers;
using System.Text.Json.Nodes;

namespace Millwright.Connectors.Mapping;

/// <summary>
/// The properties of an output object, collected in a pooled array and handed to JsonObject's collection
/// constructor, which allocates its dictionary once at the final size. Filling a <c>new JsonObject()</c> through
/// its indexer grows the dictionary step by step (3, 7, 17, 37 entries, a new array each time): more than a
/// kilobyte of garbage per record for a 20-field entity. Names must be distinct (the constructor refuses a duplicate).
/// </summary>
internal struct PropertyBuffer(int capacity)
{
    private KeyValuePair<string, JsonNode?>[] items = ArrayPool<KeyValuePair<string, JsonNode?>>.Shared.Rent(capacity);
    private int count;

    public void Add(string name, JsonNode? value) => items[count++] = new(name, value);

    /// <summary>Sets the value of a property already added, keeping its place; false when there is none.</summary>
    public readonly bool TryReplace(string name, JsonNode? value)
    {
        for (var i = 0; i < count; i++)
        {
            if (items[i].Key == name)
            {
                items[i] = new(name, value);
                return true;
            }
        }

        return false;
    }

    /// <summary>The object, which takes its properties (and parents their nodes) at once.</summary>
    public readonly JsonObject ToObject() => new(new ArraySegment<KeyValuePair<string, JsonNode?>>(items, 0, count));

    /// <summary>Gives the array back to the pool, cleared so that the pool holds no nodes.</summary>
    public void Return()
    {
        ArrayPool<KeyValuePair<string, JsonNode?>>.Shared.Return(items, clearArray: true);
        items = [];
        count = 0;
    }
}
