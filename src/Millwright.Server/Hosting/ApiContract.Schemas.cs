using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Millwright.Server.Hosting;

/// <summary>
/// Makes the generated document say what the server sends (docs/adr/0020-openapi-contract.md): the schema
/// generator's defaults describe what System.Text.Json could <em>read</em>, not what Millwright writes.
/// </summary>
internal static partial class ApiContract
{
    /// <summary>
    /// Per generated schema: timestamps (written by a custom converter, so the generator leaves them
    /// untyped) become <c>type: string, format: date-time</c>, nullable when the property is; enums become
    /// string enums without the <c>null</c> member the generator adds (nullability is said where they are used).
    /// </summary>
    public static Task TypeSchema(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonTypeInfo is { Kind: JsonTypeInfoKind.Object, Type: { IsGenericType: false } objectType })
        {
            AlwaysWritten[objectType.Name] = [.. context.JsonTypeInfo.Properties.Where(IsAlwaysWritten).Select(p => p.Name)];
        }

        var type = context.JsonPropertyInfo?.PropertyType ?? context.JsonTypeInfo.Type;
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(DateTimeOffset) && schema.Type is null)
        {
            schema.Type = underlying == type ? JsonSchemaType.String : JsonSchemaType.String | JsonSchemaType.Null;
            schema.Format = "date-time";
        }

        if (underlying.IsEnum && schema.Enum is { Count: > 0 } values)
        {
            schema.Type = JsonSchemaType.String;
            schema.Enum = [.. values.Where(v => v is not null)];
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Wire names of the properties the serializer writes whatever their value, per type name (the component id
    /// of a non-generic type): a component that only responses use lists them as <c>required</c>, so that
    /// clients do not type an always-present field as optional.
    /// </summary>
    private static readonly ConcurrentDictionary<string, string[]> AlwaysWritten = new(StringComparer.Ordinal);

    private static bool IsAlwaysWritten(JsonPropertyInfo property) =>
        property.Get is not null && property.ShouldSerialize is null
        && property.AttributeProvider?.GetCustomAttributes(typeof(JsonIgnoreAttribute), inherit: true)
            .OfType<JsonIgnoreAttribute>().All(a => a.Condition == JsonIgnoreCondition.Never) != false;

    /// <summary>
    /// Numbers are sent as JSON numbers: the generator's <c>integer|string</c> with a digits pattern
    /// (from the web defaults' lenient reading) would make clients type them as strings too.
    /// An array without <c>items</c> holds any JSON value.
    /// </summary>
    private static void Tighten(OpenApiSchema schema)
    {
        if (schema.Type is { } type && type.HasFlag(JsonSchemaType.String)
            && (type.HasFlag(JsonSchemaType.Integer) || type.HasFlag(JsonSchemaType.Number)))
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }

        if (schema.Type is { } array && array.HasFlag(JsonSchemaType.Array) && schema.Items is null)
        {
            schema.Items = new OpenApiSchema { Description = "Any JSON value." };
        }
    }

    /// <summary>Visits every inline schema of the document once (references are visited where they point).</summary>
    private static void Walk(IOpenApiSchema? node, Action<OpenApiSchema> visit, HashSet<OpenApiSchema> seen)
    {
        if (node is not OpenApiSchema schema || !seen.Add(schema))
        {
            return;
        }

        visit(schema);
        foreach (var child in schema.Properties?.Values ?? [])
        {
            Walk(child, visit, seen);
        }

        foreach (var child in (schema.AllOf ?? []).Concat(schema.AnyOf ?? []).Concat(schema.OneOf ?? []))
        {
            Walk(child, visit, seen);
        }

        Walk(schema.Items, visit, seen);
        Walk(schema.AdditionalProperties, visit, seen);
        Walk(schema.Not, visit, seen);
    }

    private static IEnumerable<IOpenApiSchema?> OperationSchemas(OpenApiOperation operation)
    {
        foreach (var parameter in operation.Parameters ?? [])
        {
            yield return parameter.Schema;
        }

        var bodies = operation.RequestBody?.Content?.Values ?? Enumerable.Empty<OpenApiMediaType>();
        var responses = operation.Responses?.Values.SelectMany(r => r.Content?.Values ?? Enumerable.Empty<OpenApiMediaType>()) ?? [];
        foreach (var media in bodies.Concat(responses))
        {
            yield return media.Schema;
        }
    }
}
