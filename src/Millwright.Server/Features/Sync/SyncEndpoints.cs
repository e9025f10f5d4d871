using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Millwright.Client.Models;
using Millwright.Client.Sync;
using Millwright.Server.Features.Auth;
using Millwright.Server.Hosting.Errors;

namespace Millwright.Server.Features.Sync;

/// <summary><c>/v1/connections/{id}/sync</c> and <c>/v1/connections/{id}/sync-runs</c> (secret key), over <see cref="SyncRunService"/>.</summary>
internal static partial class SyncEndpoints
{
    public static IEndpointRouteBuilder MapSyncEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/connections/{id}").RequireSecretKey().WithTags("Sync")
            .ProducesErrors(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);

        group.MapPost("/sync", StartSync)
            .WithName("StartSync")
            .WithSummary("Start a sync")
            .WithDescription("""
                Queues a sync run of the connection and answers at once with the queued run; poll
                `GET /v1/connections/{id}/sync-runs/{run_id}` for progress. Without a body (or with
                `{"kind": null}`) Millwright chooses: a full run the first time and once a day, an
                incremental run otherwise. One run at a time per connection: while one is queued or running
                the answer is 409 `SYNC_ALREADY_RUNNING`. While the system rejects the connection's credentials
                (status `reauth_required`) the answer is 409 `CONNECTION_REAUTH_REQUIRED`: supply working ones with
                `PUT /v1/connections/{id}/credentials` first.
                """)
            .Accepts<StartSyncRequest>(isOptional: true, "application/json")
            .ProducesErrors(StatusCodes.Status409Conflict)
            .AddOpenApiOperationTransformer((operation, _, _) => DocumentStart(operation));

        group.MapGet("/sync-runs", ListSyncRuns)
            .WithName("ListSyncRuns")
            .WithSummary("List sync runs")
            .WithDescription("The connection's sync runs, newest first, with kind, status, counts, duration and errors.")
            .ProducesErrors(StatusCodes.Status400BadRequest)
            .AddOpenApiOperationTransformer((operation, _, _) => DocumentList(operation));

        group.MapGet("/sync-runs/{run_id}", GetSyncRun)
            .WithName("GetSyncRun")
            .WithSummary("Get a sync run")
            .WithDescription("One sync run; while it runs, `current_entity` and `counts` show its progress.")
            .AddOpenApiOperationTransformer((operation, _, _) => DocumentGet(operation));

        return app;
    }

    private static async Task<Accepted<SyncRun>> StartSync(
        string id, [FromBody] StartSyncRequest? body, HttpContext http, [FromServices] SyncRunService runs, CancellationToken cancellationToken)
    {
        var run = await runs.StartAsync(http.GetCaller(), id, body?.Kind, cancellationToken);
        return TypedResults.Accepted($"/v1/connections/{Uri.EscapeDataString(id)}/sync-runs/{run.Id}", run);
    }

    private static async Task<Ok<Page<SyncRun>>> ListSyncRuns(
        string id, int? limit, string? cursor, HttpContext http, [FromServices] SyncRunService runs, CancellationToken cancellationToken) =>
        TypedResults.Ok(await runs.ListAsync(http.GetCaller(), id, limit, cursor, cancellationToken));

    private static async Task<Ok<SyncRun>> GetSyncRun(
        string id, [FromRoute(Name = "run_id")] string runId, HttpContext http, [FromServices] SyncRunService runs, CancellationToken cancellationToken) =>
        TypedResults.Ok(await runs.GetAsync(http.GetCaller(), id, runId, cancellationToken));
}
