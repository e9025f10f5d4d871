using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Millwright.Client.Errors;
using Millwright.Client.Models;
using Millwright.Connectors.Core;
using Millwright.Server.Features.Auth;

namespace Millwright.Server.Features.Mappings;

/// <summary><c>GET /v1/{entity}/schema</c>: the JSON Schema of the caller's connection's records (connection token, or key + header).</summary>
internal static class SchemaEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1").RequireConnection(Scopes.Read);
        foreach (var entity in EntityInfo.All)
        {
            var words = entity.Path.Replace('-', ' ');
            group.MapGet($"/{entity.Path}/schema", (string? operation, HttpContext http, ConnectorRegistry connectors, RecordSchemaBuilder builder, Writes.WriteTargets writes, CancellationToken ct) =>
                    GetSchemaAsync(operation, http, connectors, builder, writes, entity, ct))
                .WithName($"Get{entity.RecordType.Name}Schema")
                .WithTags(char.ToUpperInvariant(words[0]) + words[1..])
                .WithSummary($"Get the JSON Schema of {words}")
                .WithDescription($"JSON Schema (2020-12) of this connection's {words}: envelope, typed fields with the expression that fills each, and custom fields (named ones typed from their expressions, and those seen in the stored records). Follows field-mapping changes at once. With operation=create or operation=update: the schema of the body POST /v1/{entity.Path} or PATCH /v1/{entity.Path}/{{id}} accepts for this connection (writable and required fields, their types and allowed values, from the system's capabilities and the connection's mappings); 405 OPERATION_NOT_SUPPORTED when the system cannot do that.")
                .Produces<JsonObject>(StatusCodes.Status200OK, "application/schema+json")
                .Produces<ErrorEnvelope>(StatusCodes.Status400BadRequest, "application/json")
                .Produces<ErrorEnvelope>(StatusCodes.Status401Unauthorized, "application/json")
                .Produces<ErrorEnvelope>(StatusCodes.Status403Forbidden, "application/json")
                .Produces<ErrorEnvelope>(StatusCodes.Status405MethodNotAllowed, "application/json");
        }
    }

    private static async Task<ContentHttpResult> GetSchemaAsync(string? operation,
        HttpContext http, ConnectorRegistry connectors, RecordSchemaBuilder builder, Writes.WriteTargets writes, EntityInfo entity, CancellationToken cancellationToken)
    {
        var connection = http.GetConnection();
        if (operation is not null)
        {
            var write = operation switch
            {
                "create" => Writes.WriteOperation.Create,
                "update" => Writes.WriteOperation.Update,
                _ => throw Hosting.Errors.ApiException.BadQuery("operation", "operation must be create or update (or left out for the record's schema)."),
            };
            var target = await writes.ResolveAsync(connection, entity, write, cancellationToken);
            return TypedResults.Content(Writes.WriteSchema.Build(target, write).ToJsonString(), "application/schema+json");
        }

        var schema = await builder.BuildAsync(connection, connectors.Find(connection.System), entity, cancellationToken);
        return TypedResults.Content(schema.ToJsonString(), "application/schema+json");
    }
}
