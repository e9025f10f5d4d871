using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Millwright.Sandbox.MaintainX;

/// <summary>
/// A write body, read field by field with the vendor's validation errors
/// (<c>{"errors":[{"error":"Invalid priority","fieldPath":"priority","fieldValue":"…"}]}</c>).
/// Unknown properties are ignored, as the spec's request schemas do not forbid them.
/// </summary>
internal sealed class MxBody
{
    private readonly JsonObject json;

    private MxBody(JsonObject json) => this.json = json;

    public static async Task<MxBody> ReadAsync(HttpRequest request) => new((await ReadNodeAsync(request)) as JsonObject
        ?? throw new MxValidationError("should be object"));

    public static async Task<JsonNode?> ReadNodeAsync(HttpRequest request)
    {
        try
        {
            return await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
        }
        catch (JsonException)
        {
            throw new MxValidationError("Invalid JSON body");
        }
    }

    public static MxBody From(JsonObject json) => new(json);

    public bool Has(string name) => json.ContainsKey(name);

    public string? String(string name, bool required = false)
    {
        var node = Get(name, required);
        return node switch
        {
            null => null,
            JsonValue value when value.TryGetValue<string>(out var text) => text,
            _ => throw Invalid(name, "should be string"),
        };
    }

    /// <summary>The field if it is a string, otherwise null (for fields that take an id or an email).</summary>
    public string? StringOrNull(string name) => json[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public bool IsNull(string name) => json[name] is null;

    public long? Id(string name, bool required = false)
    {
        var node = Get(name, required);
        return node switch
        {
            null => null,
            JsonValue value when value.TryGetValue<long>(out var id) => id,
            JsonValue value when value.TryGetValue<double>(out var number) && number == Math.Floor(number) => (long)number,
            _ => throw Invalid(name, "should be integer"),
        };
    }

    public double? Number(string name, bool required = false)
    {
        var node = Get(name, required);
        return node switch
        {
            null => null,
            JsonValue value when value.TryGetValue<double>(out var number) => number,
            _ => throw Invalid(name, "should be number"),
        };
    }

    public DateTimeOffset? Time(string name)
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? MaintainXSandboxSeed.Millis(time)
            : throw Invalid(name, "should match format \"date-time\"");
    }

    /// <summary>An enum field; a wrong value fails as "Invalid &lt;name&gt;", like the spec's example for priority.</summary>
    public string? Enum(string name, IReadOnlyCollection<string> allowed, bool required = false)
    {
        var value = String(name, required);
        return value is null || allowed.Contains(value) ? value : throw Invalid(name, $"Invalid {name}");
    }

    public IReadOnlyList<long>? Ids(string name) => Items(name)?
        .Select(n => n is JsonValue v && v.TryGetValue<long>(out var id) ? id : throw Invalid(name, "should be array of integers")).ToList();

    public IReadOnlyList<string>? Strings(string name) => Items(name)?
        .Select(n => n is JsonValue v && v.TryGetValue<string>(out var text) ? text : throw Invalid(name, "should be array of strings")).ToList();

    public IReadOnlyDictionary<string, string>? Map(string name)
    {
        var node = Get(name, required: false);
        if (node is null)
        {
            return null;
        }

        return node is JsonObject map
            ? map.ToDictionary(p => p.Key, p => p.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw Invalid($"{name}.{p.Key}", "should be string"))
            : throw Invalid(name, "should be object");
    }

    /// <summary>An object field as a body of its own.</summary>
    public MxBody Object(string name) => Get(name, required: true) is JsonObject o ? new MxBody(o) : throw Invalid(name, "should be object");

    /// <summary>The objects of an array field, each as a body of its own.</summary>
    public IReadOnlyList<MxBody>? Objects(string name) =>
        Items(name)?.Select(n => n is JsonObject o ? new MxBody(o) : throw Invalid(name, "should be array of objects")).ToList();

    public MxValidationError Invalid(string name, string message) => new(message, name, json[name]);

    private JsonArray? Items(string name)
    {
        var node = Get(name, required: false);
        return node switch
        {
            null => null,
            JsonArray array => array,
            _ => throw Invalid(name, "should be array"),
        };
    }

    private JsonNode? Get(string name, bool required)
    {
        var node = json[name];
        if (node is null && required)
        {
            throw new MxValidationError($"should have required property '{name}'", name);
        }

        return node;
    }
}
