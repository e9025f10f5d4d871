using Millwright.Client.Models;
using Millwright.Server.Features.Auth;
using Millwright.Server.Features.Connections;
using Millwright.Server.Features.Records.Cursors;
using Millwright.Server.Features.Records.Query;
using Millwright.Server.Hosting;

namespace Millwright.Server.Features.Records;

/// <summary>The unified data read API: <c>GET /v1/{entity}</c> and <c>GET /v1/{entity}/{id}</c> (see README.md here).</summary>
public static class RecordsExtensions
{
    public static IServiceCollection AddRecords(this IServiceCollection services)
    {
        // Built here, not lazily, so a record type the engine cannot handle fails start-up.
        services.AddSingleton(RecordSchemas.Build());
        services.AddSingleton(sp => CursorKey.Load(sp.GetRequiredService<MillwrightOptions>()));
        services.AddSingleton<CursorCodec>();
        services.AddScoped<RecordStore>();
        services.AddScoped<RecordReader>();
        return services;
    }

    public static IEndpointRouteBuilder MapRecordEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1").RequireConnection(Scopes.Read).RequireFirstSyncDone();
        foreach (var entity in EntityInfo.All)
        {
            RecordEndpoints.Map(group, entity);
        }

        return app;
    }
}
