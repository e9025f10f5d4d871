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
            group.MapGet($"/{entity.Path}/schema", (HttpContext http, ConnectorRegistry connectors, RecordSchemaBuilder builder, CancellationToken ct) =>
                    GetSchemaAsync(http, connectors, builder, entity, ct))
                .WithName($"Get{entity.RecordType.Name}Schema")
                .WithTags(char.ToUpperInvariant(words[0]) + words[1..])
                .WithSummary($"Get the JSON Schema of {words}")
                .WithDescription($"JSON Schema (2020-12) of this connection's {words}: envelope, typed fields with the expression that fills each, and custom fields (named ones typed from their expressions, and those seen in the stored records). Follows field-mapping changes at once.")
                .Produces<JsonObject>(StatusCodes.Status200OK, "application/schema+json")
                .Produces<ErrorEnvelope>(StatusCodes.Status400BadRequest, "application/json")
                .Produces<ErrorEnvelope>(StatusCodes.Status401Unauthorized, "application/json")
                .Produces<ErrorEnvelope>(StatusCodes.Status403Forbidden, "application/json");
        }
    }

    private static async Task<ContentHttpResult> GetSchemaAsync(
        HttpContext http, ConnectorRegistry connectors, RecordSchemaBuilder builder, EntityInfo entity, CancellationToken cancellationToken)
    {
        var connection = http.GetConnection();
        var schema = await builder.BuildAsync(connection, connectors.Find(connection.System), entity, cancellationToken);
        return TypedResults.Content(schema.ToJsonString(), "application/schema+json");
    }
}
