using System.Globalization;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Millwright.Tests.Support;

/// <summary>
/// Checks real responses against the served OpenAPI 3.1 document (whose schemas are JSON Schema 2020-12):
/// the status must be declared for the operation, the declared headers sent, and the body valid against the
/// declared schema, with references resolved inside the document (JsonSchema.Net, formats enforced).
/// </summary>
public sealed class OpenApiContract
{
    private static readonly Uri DocumentUri = new("https://millwright.test/openapi/v1.json");
    private readonly JsonObject document;
    private readonly EvaluationOptions options;

    public OpenApiContract(JsonObject document)
    {
        this.document = document;
        options = new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical, RequireFormatValidation = true };
        options.SchemaRegistry.Register(new JsonNodeBaseDocument(document, DocumentUri));
    }

    /// <summary>Every mismatch found so far, one line each.</summary>
    public List<string> Failures { get; } = [];

    /// <summary>How many responses were checked (so a matrix that silently checks nothing fails).</summary>
    public int Checked { get; private set; }

    /// <summary>Checks one response of the operation <paramref name="template"/> (e.g. <c>/v1/work-orders/{id}</c>) and returns its body.</summary>
    public async Task<JsonNode?> CheckAsync(HttpResponseMessage response, string template)
    {
        var method = response.RequestMessage!.Method.Method.ToLowerInvariant();
        var status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        var label = $"{method.ToUpperInvariant()} {response.RequestMessage.RequestUri!.PathAndQuery} → {status}";
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? null : JsonNode.Parse(text);
        lock (Failures)
        {
            Checked++;
            if (document["paths"]?[template]?[method] is not JsonObject operation)
            {
                Failures.Add($"{label}: {method} {template} is not in the document");
                return body;
            }

            if (operation["responses"]?[status] is not JsonObject declared)
            {
                Failures.Add($"{label}: status {status} is not declared ({text[..Math.Min(200, text.Length)]})");
                return body;
            }

            foreach (var (header, _) in declared["headers"]?.AsObject() ?? [])
            {
                if (header == "X-Request-Id" && !response.Headers.Contains(header))
                {
                    Failures.Add($"{label}: declared header {header} missing");
                }
            }

            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if (declared["content"] is not JsonObject content)
            {
                if (body is not null)
                {
                    Failures.Add($"{label}: a body is sent but none is declared");
                }

                return body;
            }

            if (mediaType is null || content[mediaType]?["schema"] is not JsonNode schema)
            {
                Failures.Add($"{label}: media type {mediaType} is not declared");
                return body;
            }

            Failures.AddRange(Validate(schema, body).Select(f => $"{label}: {f}"));
        }

        return body;
    }

    /// <summary>Evaluates <paramref name="instance"/> against a schema of the document; one line per failure.</summary>
    public IReadOnlyList<string> Validate(JsonNode schema, JsonNode? instance)
    {
        var absolute = Absolute(schema.DeepClone());
        var results = JsonSchema.FromText(absolute.ToJsonString()).Evaluate(instance, options);
        var failures = new List<string>();
        Collect(results, failures);
        return failures;
    }

    /// <summary>The schema is evaluated outside the document, so its local references must name the document.</summary>
    private static JsonNode Absolute(JsonNode node)
    {
        if (node is JsonObject o)
        {
            foreach (var (key, value) in o.ToList())
            {
                if (key == "$ref" && (string?)value is { } reference && reference.StartsWith('#'))
                {
                    o[key] = DocumentUri + reference;
                }
                else if (value is not null)
                {
                    Absolute(value);
                }
            }
        }
        else if (node is JsonArray a)
        {
            foreach (var item in a)
            {
                if (item is not null)
                {
                    Absolute(item);
                }
            }
        }

        return node;
    }

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
