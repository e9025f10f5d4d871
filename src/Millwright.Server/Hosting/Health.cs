using Microsoft.EntityFrameworkCore;
using Millwright.Server.Persistence;

namespace Millwright.Server.Hosting;

/// <summary>
/// <c>/healthz</c>: the process is up and has finished starting (hosted services, migrations included,
/// run before Kestrel listens). <c>/readyz</c>: it can reach its store right now.
/// </summary>
internal static class Health
{
    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        app.MapGet("/healthz", () => TypedResults.Ok(new HealthStatus("ok")))
            .WithName("GetHealth").WithTags("Health").AllowAnonymous()
            .WithSummary("Liveness")
            .WithDescription("No authentication. `ok` once the process has started (migrations included); for a load balancer's liveness probe.");
        app.MapGet("/readyz", async Task<IResult> (MillwrightDb db, CancellationToken ct) =>
                await db.Database.CanConnectAsync(ct)
                    ? TypedResults.Ok(new HealthStatus("ready"))
                    : TypedResults.Json(new HealthStatus("store_unreachable"), statusCode: StatusCodes.Status503ServiceUnavailable))
            .WithName("GetReadiness").WithTags("Health").AllowAnonymous()
            .WithSummary("Readiness")
            .WithDescription("No authentication. `ready` when the store answers right now; 503 with `store_unreachable` when it does not.")
            .Produces<HealthStatus>(StatusCodes.Status200OK)
            .Produces<HealthStatus>(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    internal sealed record HealthStatus(string Status);
}
