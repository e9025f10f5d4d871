using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Millwright.Client.Mappings;
using Millwright.Client.Models;
using Millwright.Server.Features.Auth;
using Millwright.Server.Features.Connections;
using Millwright.Server.Hosting;
using Millwright.Server.Hosting.Errors;

namespace Millwright.Server.Features.Mappings;

/// <summary><c>/v1/connections/{id}/field-mappings</c> (secret key): view, change, history, rollback, preview, over <see cref="FieldMappingService"/>.</summary>
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

    private static async Task<Ok<FieldMappings>> GetFieldMappings(
        string id, HttpContext http, [FromServices] FieldMappingService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.GetAsync(http.GetCaller(), id, cancellationToken));

    private static async Task<Ok<FieldMappingVersion>> ReplaceFieldMappings(
        string id, [FromBody] FieldMappingsRequest body, HttpContext http, [FromServices] FieldMappingService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.ReplaceAsync(http.GetCaller(), id, body, RequestIdMiddleware.Get(http), cancellationToken));

    private static async Task<Ok<FieldMappingVersion>> UpdateFieldMappings(
        string id, [FromBody] FieldMappingsRequest body, HttpContext http, [FromServices] FieldMappingService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.UpdateAsync(http.GetCaller(), id, body, RequestIdMiddleware.Get(http), cancellationToken));

    private static async Task<Ok<FieldMappingVersion>> RollbackFieldMappings(
        string id, [FromBody] FieldMappingsRollbackRequest body, HttpContext http, [FromServices] FieldMappingService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.RollbackAsync(http.GetCaller(), id, body, RequestIdMiddleware.Get(http), cancellationToken));

    private static async Task<Ok<Page<FieldMappingVersion>>> ListFieldMappingVersions(
        string id, int? limit, string? cursor, HttpContext http, [FromServices] FieldMappingService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.ListVersionsAsync(http.GetCaller(), id, limit, cursor, cancellationToken));

    private static async Task<Ok<FieldMappingsPreview>> PreviewFieldMappings(
        string id, [FromBody] FieldMappingsPreviewRequest body, HttpContext http, [FromServices] FieldMappingService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.PreviewAsync(http.GetCaller(), id, body, cancellationToken));
}
