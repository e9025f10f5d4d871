using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Millwright.Client.Errors;
using Millwright.Client.Mappings;
using Millwright.Client.Models;
using Millwright.Connectors.Core;
using Millwright.Server.Features.Auth;
using Millwright.Server.Features.Connections;
using Millwright.Server.Hosting;
using Millwright.Server.Hosting.Errors;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Mappings;

/// <summary><c>/v1/connections/{id}/field-mappings</c> (secret key): view, change, history, rollback, preview.</summary>
internal static partial class FieldMappingsEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/connections/{id}/field-mappings").RequireSecretKey().WithTags("Field mappings")
            .ProducesErrors(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);

        group.MapGet("", GetFieldMappings).WithName("GetFieldMappings").WithSummary("Get field mappings")
            .WithDescription(GetDescription).AddOpenApiOperationTransformer((o, _, _) => DocumentGet(o));
        group.MapPut("", ReplaceFieldMappings).WithName("ReplaceFieldMappings").WithSummary("Replace field mappings")
            .WithDescription(ChangeDescription("Replaces all of the connection's own mappings with the body; every field not in it uses the connector's default."))
            .ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status422UnprocessableEntity)
            .AddOpenApiOperationTransformer((o, _, _) => DocumentChange(o, "replace"));
        group.MapPatch("", UpdateFieldMappings).WithName("UpdateFieldMappings").WithSummary("Change some field mappings")
            .WithDescription(ChangeDescription("Merges the body into the connection's own mappings (RFC 7396): an expression sets a field, null resets it to the default, an entity set to null is reset entirely."))
            .ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status422UnprocessableEntity)
            .AddOpenApiOperationTransformer((o, _, _) => DocumentChange(o, "patch"));
        group.MapGet("/history", ListFieldMappingVersions).WithName("ListFieldMappingVersions").WithSummary("List field mapping versions")
            .WithDescription("Every version of the connection's own mappings, newest first. Version 0 (the connector's defaults) is implicit.")
            .ProducesErrors(StatusCodes.Status400BadRequest)
            .AddOpenApiOperationTransformer((o, _, _) => DocumentHistory(o));
        group.MapPost("/rollback", RollbackFieldMappings).WithName("RollbackFieldMappings").WithSummary("Roll field mappings back")
            .WithDescription(ChangeDescription("Makes an earlier version's mappings current again, as a new version (history is never rewritten); version 0 restores the defaults."))
            .ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status422UnprocessableEntity)
            .AddOpenApiOperationTransformer((o, _, _) => DocumentRollback(o));
        group.MapPost("/preview", PreviewFieldMappings).WithName("PreviewFieldMappings").WithSummary("Preview a field mapping change")
            .WithDescription("Applies a proposed change to the most recently updated stored records of each entity it changes and returns their unified data before and after. Saves nothing.")
            .ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status422UnprocessableEntity)
            .AddOpenApiOperationTransformer((o, _, _) => DocumentPreview(o));
    }

    internal static async Task<Ok<FieldMappings>> GetFieldMappings(
        string id, HttpContext http, MillwrightDb db, ConnectorRegistry connectors, ConnectionMappings mappings, FieldMappingsView view, CancellationToken cancellationToken)
    {
        var (connection, connector) = await RequireConnectionAsync(http, db, connectors, id, cancellationToken);
        var current = await mappings.CurrentAsync(connection.Id, cancellationToken);
        return TypedResults.Ok(await view.BuildAsync(connection, connector, current, cancellationToken));
    }

    private static Task<Ok<FieldMappingVersion>> ReplaceFieldMappings(
        string id, [FromBody] FieldMappingsRequest body, HttpContext http, MillwrightDb db, ConnectorRegistry connectors, MappingChanger changer, CancellationToken cancellationToken) =>
        ChangeAsync(http, db, connectors, changer, id, "replace", _ => Task.FromResult((Parse(body?.Mappings), (int?)null)), cancellationToken);

    internal static Task<Ok<FieldMappingVersion>> UpdateFieldMappings(
        string id, [FromBody] FieldMappingsRequest body, HttpContext http, MillwrightDb db, ConnectorRegistry connectors, MappingChanger changer, CancellationToken cancellationToken) =>
        ChangeAsync(http, db, connectors, changer, id, "patch", current => Task.FromResult((current.Overrides.Patch(Entities(body?.Mappings)), (int?)null)), cancellationToken);

    private static Task<Ok<FieldMappingVersion>> RollbackFieldMappings(
        string id, [FromBody] FieldMappingsRollbackRequest body, HttpContext http, MillwrightDb db, ConnectorRegistry connectors, MappingChanger changer, CancellationToken cancellationToken) =>
        ChangeAsync(http, db, connectors, changer, id, "rollback", async current =>
        {
            if (body is null || body.Version < 0 || body.Version > current.Version)
            {
                throw ApiException.Validation("/version", $"version must be one of 0 (the defaults) to {current.Version} (the current version).");
            }

            if (body.Version == 0)
            {
                return (MappingOverrides.Empty, (int?)0);
            }

            var json = await db.FieldMappingVersions.AsNoTracking()
                .Where(v => v.ConnectionId == id && v.Version == body.Version).Select(v => v.OverridesJson).FirstAsync(cancellationToken);
            return (MappingOverrides.FromJson(json), (int?)body.Version);
        }, cancellationToken);

    internal static async Task<Ok<Page<FieldMappingVersion>>> ListFieldMappingVersions(
        string id, int? limit, string? cursor, HttpContext http, MillwrightDb db, ConnectorRegistry connectors, CancellationToken cancellationToken)
    {
        var take = NewestFirstCursor.Limit(limit);
        var after = NewestFirstCursor.Decode(cursor, $"field-mappings|{id}");
        await RequireConnectionAsync(http, db, connectors, id, cancellationToken);
        var query = db.FieldMappingVersions.AsNoTracking().Where(v => v.ConnectionId == id);
        if (after is { } position && int.TryParse(position.Id, CultureInfo.InvariantCulture, out var before))
        {
            query = query.Where(v => v.Version < before);
        }

        var rows = await query.OrderByDescending(v => v.Version).Take(take + 1).ToListAsync(cancellationToken);
        var next = rows.Count > take
            ? new NewestFirstCursor(rows[take - 1].CreatedAt, rows[take - 1].Version.ToString(CultureInfo.InvariantCulture)).Encode($"field-mappings|{id}")
            : null;
        return TypedResults.Ok(new Page<FieldMappingVersion>([.. rows.Take(take).Select(ToDto)], next));
    }

    internal static async Task<Ok<FieldMappingsPreview>> PreviewFieldMappings(
        string id, [FromBody] FieldMappingsPreviewRequest body, HttpContext http, MillwrightDb db, ConnectorRegistry connectors,
        ConnectionMappings mappings, MappingPreview preview, CancellationToken cancellationToken)
    {
        var (connection, connector) = await RequireConnectionAsync(http, db, connectors, id, cancellationToken);
        if (body?.Limit is { } l && l is < 1 or > MappingPreview.MaxLimit)
        {
            throw ApiException.Validation("/limit", $"limit must be 1 to {MappingPreview.MaxLimit}.");
        }

        var current = await mappings.CurrentAsync(connection.Id, cancellationToken);
        var proposed = body!.Replace ? Parse(body.Mappings) : current.Overrides.Patch(Entities(body.Mappings));
        MappingValidation.ThrowIfInvalid(connector, proposed);
        return TypedResults.Ok(await preview.BuildAsync(connection, connector, current.Overrides, proposed, body.Limit ?? MappingPreview.DefaultLimit, cancellationToken));
    }

    private static async Task<Ok<FieldMappingVersion>> ChangeAsync(
        HttpContext http, MillwrightDb db, ConnectorRegistry connectors, MappingChanger changer, string id, string change, MappingChange apply, CancellationToken cancellationToken)
    {
        var (connection, connector) = await RequireConnectionAsync(http, db, connectors, id, cancellationToken);
        var (row, current) = await changer.ChangeAsync(connection, connector, change, apply, RequestIdMiddleware.Get(http), cancellationToken);
        if (row is not null)
        {
            return TypedResults.Ok(ToDto(row));
        }

        // Nothing changed: answer with the version in force.
        var existing = current.Version == 0 ? null
            : await db.FieldMappingVersions.AsNoTracking().FirstAsync(v => v.ConnectionId == id && v.Version == current.Version, cancellationToken);
        return TypedResults.Ok(existing is null
            ? new FieldMappingVersion { Version = 0, Change = "default", Mappings = new Dictionary<string, IReadOnlyDictionary<string, string>>(), RemappedRecords = 0, CreatedAt = connection.CreatedAt }
            : ToDto(existing));
    }

    private static Dictionary<string, Dictionary<string, string?>?> Entities(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string?>?>? mappings) =>
        mappings?.ToDictionary(e => e.Key, e => e.Value?.ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal), StringComparer.Ordinal)
        ?? throw ApiException.Validation("/mappings", "mappings is required: an object of entity path → target → expression.");

    private static MappingOverrides Parse(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string?>?>? mappings) => MappingOverrides.From(Entities(mappings));

    private static FieldMappingVersion ToDto(FieldMappingVersionRow row) => new()
    {
        Version = row.Version,
        Change = row.Change,
        RestoredVersion = row.RestoredVersion,
        Mappings = MappingOverrides.FromJson(row.OverridesJson).Entities.ToDictionary(e => e.Key, e => (IReadOnlyDictionary<string, string>)e.Value, StringComparer.Ordinal),
        RemappedRecords = row.RemappedRecords,
        RequestId = row.RequestId,
        CreatedAt = row.CreatedAt,
    };

    /// <summary>The connection must be visible to the key and have a connector that maps it.</summary>
    private static async Task<(ConnectionRow, IConnector)> RequireConnectionAsync(
        HttpContext http, MillwrightDb db, ConnectorRegistry connectors, string id, CancellationToken cancellationToken)
    {
        var connection = await db.ConnectionsVisibleTo(http.GetCaller()).AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw ApiException.NotFound($"Connection '{id}'");
        var connector = connectors.Find(connection.System)
            ?? throw new ApiException(StatusCodes.Status400BadRequest, ErrorCodes.UnknownSystem, $"Millwright has no connector for the system '{connection.System}'.");
        return (connection, connector);
    }
}
