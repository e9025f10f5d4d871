using System.Globalization;
using System.Text.Json.Nodes;

namespace Millwright.Sandbox.MaintainX;

/// <summary>JSON helpers shared by the per-resource views: MaintainX's timestamp format and arrays.</summary>
internal static class MxJson
{
    /// <summary>MaintainX writes UTC with milliseconds and a Z: <c>2022-01-01T00:00:00.000Z</c>.</summary>
    public static string? Ts(DateTimeOffset? value) =>
        value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static JsonArray Array<T>(IEnumerable<T> items, Func<T, JsonNode?> map) => new([.. items.Select(map)]);

    public static JsonArray Ids(IEnumerable<long> ids) => Array(ids, id => JsonValue.Create(id));

    public static JsonArray Strings(IEnumerable<string> values) => Array(values, v => JsonValue.Create(v));

    public static JsonObject Map(IReadOnlyDictionary<string, string> values)
    {
        var result = new JsonObject();
        foreach (var (key, value) in values)
        {
            result[key] = value;
        }

        return result;
    }

    /// <summary>A decimal string with six places, as in <c>priceDecimal</c>: 25000 cents → "250.000000".</summary>
    public static string Decimal(long cents) => (cents / 100m).ToString("0.000000", CultureInfo.InvariantCulture);

    /// <summary>Sets <paramref name="name"/> only when <paramref name="expand"/> asked for <paramref name="key"/>.</summary>
    public static void AddIf(this JsonObject target, IReadOnlySet<string> expand, string key, string name, Func<JsonNode?> value)
    {
        if (expand.Contains(key))
        {
            target[name] = value();
        }
    }
}
