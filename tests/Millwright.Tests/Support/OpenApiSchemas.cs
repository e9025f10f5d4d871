using System.Text.Json.Nodes;
using Json.Schema;

namespace Millwright.Tests.Support;

/// <summary>
/// Turns OpenAPI 3.0 schemas into JSON Schema (2020-12) that JsonSchema.Net evaluates: <c>nullable: true</c>
/// widens <c>type</c> to include null, OpenAPI-only keywords and non-standard formats are dropped, and in
/// strict mode every object that lists its properties refuses undeclared ones, so an emulator that
/// misspells or invents a field fails instead of passing silently.
/// </summary>
public static class OpenApiSchemas
{
    private static readonly HashSet<string> Dropped = ["example", "nullable", "deprecated", "readOnly", "writeOnly", "xml", "externalDocs", "discriminator"];

    public static JsonNode Translate(JsonNode openApi, bool strict)
    {
        if (openApi is not JsonObject source)
        {
            return openApi.DeepClone();
        }

        var result = new JsonObject();
        foreach (var (key, value) in source)
        {
            if (Dropped.Contains(key) || key.StartsWith("x-", StringComparison.Ordinal) || value is null)
            {
                continue;
            }

            result[key] = key switch
            {
                "properties" => new JsonObject(value.AsObject().Select(p => KeyValuePair.Create(p.Key, (JsonNode?)Translate(p.Value!, strict)))),
                "items" or "not" => Translate(value, strict),
                "additionalProperties" when value is JsonObject => Translate(value, strict),
                "oneOf" or "anyOf" or "allOf" => new JsonArray([.. value.AsArray().Select(s => (JsonNode?)Translate(s!, strict))]),
                "format" when (string?)value != "date-time" => null,
                _ => value.DeepClone(),
            };
            if (result[key] is null)
            {
                result.Remove(key);
            }
        }

        if (strict && result.ContainsKey("properties") && !result.ContainsKey("additionalProperties"))
        {
            result["additionalProperties"] = false;
        }

        if (source["nullable"] is not JsonValue nullable || !nullable.GetValue<bool>())
        {
            return result;
        }

        // A composed schema whose branches are nullable too would match null several times (oneOf fails),
        // so null gets its own branch; a plain schema just widens its type (and enum) to include null.
        if (result.ContainsKey("oneOf") || result.ContainsKey("anyOf") || result["type"] is not JsonValue)
        {
            return new JsonObject { ["anyOf"] = new JsonArray(new JsonObject { ["type"] = "null" }, result) };
        }

        result["type"] = new JsonArray((string)result["type"]!, "null");
        if (result["enum"] is JsonArray values)
        {
            values.Add(null);
        }

        return result;
    }

    /// <summary>Evaluates <paramref name="instance"/> and returns one line per failure (empty when valid).</summary>
    public static IReadOnlyList<string> Validate(JsonNode schema, JsonNode? instance)
    {
        var evaluated = JsonSchema.FromText(schema.ToJsonString()).Evaluate(instance, new EvaluationOptions
        {
            OutputFormat = OutputFormat.Hierarchical,
            RequireFormatValidation = true,
        });
        var failures = new List<string>();
        Collect(evaluated, failures);
        return failures;
    }

    /// <summary>Walks only failing nodes, so the branches an anyOf rejected on its way to a match stay silent.</summary>
    private static void Collect(EvaluationResults result, List<string> failures)
    {
        if (result.IsValid)
        {
            return;
        }

        foreach (var (keyword, message) in result.Errors ?? new Dictionary<string, string>())
        {
            failures.Add($"{result.InstanceLocation} ({result.EvaluationPath}): {keyword}: {message}");
        }

        foreach (var child in result.Details)
        {
            Collect(child, failures);
        }
    }
}
