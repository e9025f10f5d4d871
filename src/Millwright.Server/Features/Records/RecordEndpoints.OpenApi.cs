using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Millwright.Client.Models;
using Millwright.Server.Features.Records.Query;

namespace Millwright.Server.Features.Records;

/// <summary>Query parameters and examples of the record endpoints, which parse their query string by hand.</summary>
internal static partial class RecordEndpoints
{
    private static Task DocumentList(OpenApiOperation operation, OpenApiOperationTransformerContext context, EntityInfo entity)
    {
        var schema = context.ApplicationServices.GetRequiredService<RecordSchemas>()[entity.Entity];
        var sortable = schema.Fields.Where(f => f.IsSortable).Select(f => f.Name);
        var filterable = schema.Fields.Where(f => FilterOperators.For(f.Kind).Count > 0)
            .Select(f => $"{f.Name} ({string.Join(", ", FilterOperators.For(f.Kind).Select(FilterOperators.Name))})");
        operation.Parameters ??= [];
        var limit = Add(operation, "limit", JsonSchemaType.Integer, $"Page size, 1 to {RecordQuery.MaxLimit}; default {RecordQuery.DefaultLimit}.", JsonValue.Create(RecordQuery.DefaultLimit));
        limit.Minimum = "1";
        limit.Maximum = RecordQuery.MaxLimit.ToString(CultureInfo.InvariantCulture);
        Add(operation, "cursor", JsonSchemaType.String, "next_cursor of the previous page. Bound to the query that produced it; a cursor used with other filters, sort, updated_after or include_deleted, or altered, is refused with INVALID_CURSOR.");
        Add(operation, "updated_after", JsonSchemaType.String, "ISO-8601 date-time: only records Millwright saw change strictly after it (compares updated_at).", JsonValue.Create("2026-01-31T08:00:00Z"));
        Add(operation, "include_deleted", JsonSchemaType.Boolean, "Also list records deleted in the connected system (deleted_at set). Default false.");
        Add(operation, "include_raw", JsonSchemaType.Boolean, "Add raw, the source document as the system returned it. Default false.");
        Add(operation, "sort", JsonSchemaType.String,
            $"Comma list of fields, '-' prefix for descending; nulls last; id breaks ties. Default updated_at. Sortable: {string.Join(", ", sortable)}, custom_fields.<name>.",
            JsonValue.Create("-updated_at"));
        if (schema.Expansions.Count > 0)
        {
            Add(operation, "expand", JsonSchemaType.String,
                $"Comma list of references to inline next to their _id field: {string.Join(", ", schema.Expansions.Keys)}.",
                JsonValue.Create(string.Join(',', schema.Expansions.Keys.Take(2))));
        }

        operation.Parameters.Add(new OpenApiParameter
        {
            Name = "filter",
            In = ParameterLocation.Query,
            Style = ParameterStyle.DeepObject,
            Explode = true,
            Description = $"filter[field]=value or filter[field:op]=value; several filters combine with AND. Fields and operators: {string.Join("; ", filterable)}; custom_fields.<name> (all operators).",
            Schema = new OpenApiSchema { Type = JsonSchemaType.Object, AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.String } },
        });
        SetExample(operation, new JsonObject { ["data"] = new JsonArray(RecordExamples.Record(schema)), ["next_cursor"] = "AQx3b2lkLWN1cnNvci1leGFtcGxl" });
        return Task.CompletedTask;
    }

    private static Task DocumentGet(OpenApiOperation operation, OpenApiOperationTransformerContext context, EntityInfo entity)
    {
        var schema = context.ApplicationServices.GetRequiredService<RecordSchemas>()[entity.Entity];
        operation.Parameters ??= [];
        Add(operation, "include_deleted", JsonSchemaType.Boolean, "Return the record even if it was deleted. Default false.");
        Add(operation, "include_raw", JsonSchemaType.Boolean, "Add raw, the source document. Default false.");
        if (schema.Expansions.Count > 0)
        {
            Add(operation, "expand", JsonSchemaType.String, $"Comma list of references to inline: {string.Join(", ", schema.Expansions.Keys)}.");
        }

        SetExample(operation, RecordExamples.Record(schema));
        return Task.CompletedTask;
    }

    private static OpenApiSchema Add(OpenApiOperation operation, string name, JsonSchemaType type, string description, JsonNode? example = null)
    {
        var schema = new OpenApiSchema { Type = type };
        operation.Parameters!.Add(new OpenApiParameter
        {
            Name = name,
            In = ParameterLocation.Query,
            Description = description,
            Schema = schema,
            Example = example,
        });
        return schema;
    }

    private static void SetExample(OpenApiOperation operation, JsonNode example)
    {
        if (operation.Responses?.TryGetValue("200", out var ok) == true && ok.Content?.TryGetValue("application/json", out var media) == true)
        {
            media.Example = example;
        }
    }
}
