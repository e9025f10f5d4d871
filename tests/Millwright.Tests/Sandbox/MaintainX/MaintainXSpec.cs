using System.Text.Json.Nodes;
using Millwright.Tests.Support;

namespace Millwright.Tests.Sandbox.MaintainX;

/// <summary>MaintainX's published OpenAPI file and the response schemas in it, translated for validation.</summary>
internal static class MaintainXSpec
{
    private static readonly Lazy<JsonObject> Document = new(() =>
        JsonNode.Parse(File.ReadAllText(VendorSpecFiles.Path("maintainx", "maintainx-openapi.json")))!.AsObject());

    public static JsonObject Paths => Document.Value["paths"]!.AsObject();

    /// <summary>The strict JSON Schema of one documented response.</summary>
    public static JsonNode ResponseSchema(string path, string method, int status)
    {
        var operation = Paths[path]?[method] ?? throw new InvalidOperationException($"The spec has no {method} {path}.");
        var schema = operation["responses"]?[status.ToString(System.Globalization.CultureInfo.InvariantCulture)]?["content"]?["application/json"]?["schema"]
            ?? throw new InvalidOperationException($"The spec documents no JSON body for {status} on {method} {path}.");
        return OpenApiSchemas.Translate(schema, strict: true);
    }

    /// <summary>The enum of a query parameter, e.g. every <c>expand</c> value of an endpoint.</summary>
    public static IReadOnlyList<string> ParameterEnum(string path, string name)
    {
        var parameter = Paths[path]!["get"]!["parameters"]!.AsArray().FirstOrDefault(p => (string?)p!["name"] == name);
        var schema = parameter?["schema"];
        var values = (schema?["items"] ?? schema)?["enum"]?.AsArray();
        return values is null ? [] : [.. values.Select(v => (string)v!)];
    }

    /// <summary>Asserts that <paramref name="body"/> matches the documented response, listing the first failures.</summary>
    public static void AssertValid(string path, string method, int status, JsonNode? body)
    {
        var failures = OpenApiSchemas.Validate(ResponseSchema(path, method, status), body);
        Assert.True(failures.Count == 0, $"{method.ToUpperInvariant()} {path} {status} does not match the spec:\n{string.Join('\n', failures.Take(25))}");
    }
}
