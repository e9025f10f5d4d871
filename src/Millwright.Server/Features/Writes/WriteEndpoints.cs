using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Millwright.Client.Errors;
using Millwright.Client.Models;
using Millwright.Server.Hosting.Errors;

namespace Millwright.Server.Features.Writes;

/// <summary>Three operations per entity (<c>CreateWorkOrder</c>, <c>UpdateWorkOrder</c>, <c>DeleteWorkOrder</c> …) with OpenAPI metadata.</summary>
internal static partial class WriteEndpoints
{
    public static void Map(RouteGroupBuilder group, EntityInfo entity)
    {
        var words = entity.Path.Replace('-', ' ');
        var tag = char.ToUpperInvariant(words[0]) + words[1..];
        var one = entity.Singular.Replace('_', ' ');

        group.MapPost($"/{entity.Path}", ([FromBody] JsonObject body, HttpContext http, RecordWrites writes, CancellationToken ct) =>
                writes.RunAsync(http, WriteOperation.Create, entity, null, body, ct))
            .WithName($"Create{entity.RecordType.Name}")
            .WithTags(tag)
            .WithSummary($"Create a {one} in the connected system")
            .WithDescription(CreateDescription(entity, words, one))
            .Accepts<JsonObject>("application/json")
            .Produces(StatusCodes.Status201Created, entity.RecordType, "application/json")
            .WriteErrors()
            .AddOpenApiOperationTransformer((operation, context, _) => DocumentCreate(operation, entity));

        group.MapPatch($"/{entity.Path}/{{id}}", (string id, [FromBody] JsonObject body, HttpContext http, RecordWrites writes, CancellationToken ct) =>
                writes.RunAsync(http, WriteOperation.Update, entity, id, body, ct))
            .WithName($"Update{entity.RecordType.Name}")
            .WithTags(tag)
            .WithSummary($"Change a {one} in the connected system")
            .WithDescription(UpdateDescription(entity, one))
            .Accepts<JsonObject>("application/json")
            .Produces(StatusCodes.Status200OK, entity.RecordType, "application/json")
            .WriteErrors(StatusCodes.Status404NotFound)
            .AddOpenApiOperationTransformer((operation, context, _) => DocumentUpdate(operation, entity));

        group.MapDelete($"/{entity.Path}/{{id}}", (string id, HttpContext http, RecordWrites writes, CancellationToken ct) =>
                writes.RunAsync(http, WriteOperation.Delete, entity, id, null, ct))
            .WithName($"Delete{entity.RecordType.Name}")
            .WithTags(tag)
            .WithSummary($"Delete a {one} in the connected system")
            .WithDescription($"Deletes the {one} in the connected system and marks it deleted here (a `.deleted` event). Only where the system truly deletes (`GET /v1/systems`: `delete`); elsewhere 405 `OPERATION_NOT_SUPPORTED` (close it with a status change instead). Needs the `write` scope.")
            .Produces(StatusCodes.Status204NoContent)
            .WriteErrors(StatusCodes.Status404NotFound);
    }

    private static RouteHandlerBuilder WriteErrors(this RouteHandlerBuilder builder, params int[] more) =>
        builder.ProducesErrors([
            StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status405MethodNotAllowed,
            StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity, StatusCodes.Status429TooManyRequests,
            StatusCodes.Status502BadGateway, StatusCodes.Status504GatewayTimeout, .. more]);

    private static string CreateDescription(EntityInfo entity, string words, string one) => $"""
        Creates the {one} **in the connected system** and answers 201 with the unified record as the system returned it
        (Millwright id, `remote_id`, numbers and statuses the system assigned), stored at once: the next `GET` of the record
        and lists show it, the next sync neither duplicates nor reverts it, and one `{entity.Singular}.created` event is raised.
        The body holds unified fields; which ones this connection can write (and which are required) is
        `GET /v1/{entity.Path}/schema?operation=create`. A body that breaks it is 422 `VALIDATION_FAILED` with one `details` entry per
        field, before any call to the system. Send `Idempotency-Key` to make retries safe for 24 hours (a replay carries
        `Idempotent-Replayed: true`). Needs the `write` scope. Failures of the system: 429 `RATE_LIMIT_EXCEEDED` (`source:
        connected_system`, the system's `Retry-After`), 502 `UPSTREAM_UNAVAILABLE`, 504 `UPSTREAM_TIMEOUT` (with `outcome: "unknown"`
        when the request was sent), 409 `CONNECTION_REAUTH_REQUIRED`, 422 `UPSTREAM_VALIDATION_FAILED`. Systems that cannot create
        {words}: 405 `OPERATION_NOT_SUPPORTED`.
        """;

    private static string UpdateDescription(EntityInfo entity, string one) => $"""
        Changes the {one} in the connected system: only the fields in the body (null clears a field). `status` performs the
        system's own transition (MaintainX status endpoint, SAP function imports, Maximo status change); a transition the
        system refuses is 409 `STATUS_TRANSITION_NOT_ALLOWED` with the system's message in `details`. Answers the record as the
        system returned it, stored at once, with one `{entity.Singular}.updated` event. Writable fields:
        `GET /v1/{entity.Path}/schema?operation=update`. `Idempotency-Key` and errors as for create.
        """;
}
