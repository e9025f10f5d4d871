using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Millwright.Client.Errors;
using Millwright.Client.Models;
using Millwright.Client.Sync;
using Millwright.Server.Features.Auth;
using Millwright.Server.Features.Connections;
using Millwright.Server.Hosting;
using Millwright.Server.Hosting.Errors;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Sync;

/// <summary><c>/v1/connections/{id}/sync</c> and <c>/v1/connections/{id}/sync-runs</c> (secret key).</summary>
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
        string id, [FromBody] StartSyncRequest? body, HttpContext http, MillwrightDb db, SyncScheduler scheduler, TimeProvider time, CancellationToken cancellationToken)
    {
        await RequireConnectionAsync(http, db, id, cancellationToken);
        // Credentials the system rejected stay rejected: a run would only fail again (issue 6).
        if (await db.Connections.AnyAsync(c => c.Id == id && c.Status == ConnectionStatus.ReauthRequired, cancellationToken))
        {
            throw ConnectionReadiness.ReauthRequired(id);
        }

        var runId = await scheduler.StartAsync(id, SyncTrigger.Manual, body?.Kind, cancellationToken);
        if (runId is null)
        {
            var active = await db.SyncRuns.AsNoTracking()
                .Where(r => r.ConnectionId == id && (r.Status == SyncValues.Queued || r.Status == SyncValues.Running))
                .Select(r => r.Id).FirstOrDefaultAsync(cancellationToken);
            throw new ApiException(StatusCodes.Status409Conflict, ErrorCodes.SyncAlreadyRunning,
                active is null
                    ? "A sync of this connection is already queued or running; wait for it to finish."
                    : $"Sync run {active} of this connection is already queued or running; wait for it to finish.");
        }

        var run = await db.SyncRuns.AsNoTracking().FirstAsync(r => r.Id == runId, cancellationToken);
        return TypedResults.Accepted($"/v1/connections/{Uri.EscapeDataString(id)}/sync-runs/{runId}", run.ToWire(SyncClock.Now(time)));
    }

    private static async Task<Ok<Page<SyncRun>>> ListSyncRuns(
        string id, int? limit, string? cursor, HttpContext http, MillwrightDb db, TimeProvider time, CancellationToken cancellationToken)
    {
        var take = NewestFirstCursor.Limit(limit);
        var after = NewestFirstCursor.Decode(cursor, $"runs|{id}");
        await RequireConnectionAsync(http, db, id, cancellationToken);

        var query = db.SyncRuns.AsNoTracking().Where(r => r.ConnectionId == id);
        if (after is { } position)
        {
            query = query.Where(r => r.CreatedAt < position.CreatedAt || (r.CreatedAt == position.CreatedAt && string.Compare(r.Id, position.Id) < 0));
        }

        var rows = await query.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Take(take + 1).ToListAsync(cancellationToken);
        var now = SyncClock.Now(time);
        var next = rows.Count > take ? new NewestFirstCursor(rows[take - 1].CreatedAt, rows[take - 1].Id).Encode($"runs|{id}") : null;
        return TypedResults.Ok(new Page<SyncRun>([.. rows.Take(take).Select(r => r.ToWire(now))], next));
    }

    private static async Task<Ok<SyncRun>> GetSyncRun(
        string id, [FromRoute(Name = "run_id")] string runId, HttpContext http, MillwrightDb db, TimeProvider time, CancellationToken cancellationToken)
    {
        await RequireConnectionAsync(http, db, id, cancellationToken);
        var row = await db.SyncRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId && r.ConnectionId == id, cancellationToken)
            ?? throw ApiException.NotFound($"Sync run '{runId}'");
        return TypedResults.Ok(row.ToWire(SyncClock.Now(time)));
    }

    /// <summary>The connection must exist, not be deleted, and belong to the key's account and environment.</summary>
    private static async Task RequireConnectionAsync(HttpContext http, MillwrightDb db, string id, CancellationToken cancellationToken)
    {
        var caller = http.GetCaller();
        var visible = await db.ConnectionsVisibleTo(caller).AnyAsync(c => c.Id == id, cancellationToken);
        if (!visible)
        {
            throw ApiException.NotFound($"Connection '{id}'");
        }
    }
}
