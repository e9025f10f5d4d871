using Millwright.Client.Errors;
using Millwright.Client.Models;
using Millwright.Server.Features.Auth;

namespace Millwright.Server.Features.Records;

/// <summary>
/// Two endpoints per entity rather than one <c>/v1/{entity}</c> catch-all, so that the OpenAPI document has
/// one operation per entity with its own schema, operation id (<c>ListWorkOrders</c>, <c>GetWorkOrder</c>)
/// and example, and unknown entity paths stay ordinary 404 ROUTE_NOT_FOUND.
/// </summary>
internal static partial class RecordEndpoints
{
    public static void Map(RouteGroupBuilder group, EntityInfo entity)
    {
        var words = entity.Path.Replace('-', ' ');
        var tag = char.ToUpperInvariant(words[0]) + words[1..];
        var one = entity.Singular.Replace('_', ' ');

        group.MapGet($"/{entity.Path}", (HttpContext http, RecordReader reader, CancellationToken ct) =>
                reader.ListAsync(http.GetConnection(), entity.Entity, http.Request.Query, ct))
            .WithName($"List{entity.Entity}")
            .WithTags(tag)
            .WithSummary($"List {words}")
            .WithDescription(ListDescription(words))
            .Produces(StatusCodes.Status200OK, typeof(Page<>).MakeGenericType(entity.RecordType), "application/json")
            .Produces<ErrorEnvelope>(StatusCodes.Status400BadRequest, "application/json")
            .Produces<ErrorEnvelope>(StatusCodes.Status401Unauthorized, "application/json")
            .Produces<ErrorEnvelope>(StatusCodes.Status403Forbidden, "application/json")
            .AddOpenApiOperationTransformer((operation, context, _) => DocumentList(operation, context, entity));

        group.MapGet($"/{entity.Path}/{{id}}", (string id, HttpContext http, RecordReader reader, CancellationToken ct) =>
                reader.GetAsync(http.GetConnection(), entity.Entity, id, http.Request.Query, ct))
            .WithName($"Get{entity.RecordType.Name}")
            .WithTags(tag)
            .WithSummary($"Get a {one}")
            .WithDescription($"One {one} by its Millwright id. Deleted records answer 404 unless include_deleted=true; so do ids of other connections.")
            .Produces(StatusCodes.Status200OK, entity.RecordType, "application/json")
            .Produces<ErrorEnvelope>(StatusCodes.Status400BadRequest, "application/json")
            .Produces<ErrorEnvelope>(StatusCodes.Status401Unauthorized, "application/json")
            .Produces<ErrorEnvelope>(StatusCodes.Status404NotFound, "application/json")
            .AddOpenApiOperationTransformer((operation, context, _) => DocumentGet(operation, context, entity));
    }

    private static string ListDescription(string words) =>
        $"Lists the connection's {words} from the synced store. Default order: updated_at ascending, then id " +
        "(the order incremental readers want). Pages are keyset-paginated: pass next_cursor back as cursor with the same " +
        "filters, sort, updated_after and include_deleted (limit, expand and include_raw may change between pages). " +
        "Filters: filter[field]=value or filter[field:op]=value with op one of eq, ne, gt, gte, lt, lte, in (comma list), " +
        "contains and starts_with (both ignore ASCII case), on envelope fields, typed fields and custom_fields.<name>. " +
        "A system without this entity simply has none: the list is empty.";
}
