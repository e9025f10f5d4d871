using System.Text.Json;

namespace Millwright.Server.Features.Connections;

/// <summary>The JSON text form of the string maps stored on connections and link sessions (settings, metadata).</summary>
internal static class StoredMaps
{
    public static Dictionary<string, string> ReadMap(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];

    /// <summary>
    /// Serialises a string map with the default encoder, which escapes every quote inside keys and values.
    /// Metadata filters rely on that: <see cref="MetadataFragment"/> can then only occur in the stored
    /// text as a real key-value pair, so the filter runs in SQL on both stores.
    /// </summary>
    public static string WriteMap(IReadOnlyDictionary<string, string> map) =>
        JsonSerializer.Serialize(new SortedDictionary<string, string>(map.ToDictionary(), StringComparer.Ordinal));

    public static string MetadataFragment(string key, string value) =>
        JsonSerializer.Serialize(key) + ":" + JsonSerializer.Serialize(value);
}
