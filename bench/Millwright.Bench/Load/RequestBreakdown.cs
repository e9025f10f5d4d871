using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Millwright.Client.Models;
using Millwright.Server.Features.Auth;
using Millwright.Server.Features.Connections;
using Millwright.Server.Features.Records;
using Millwright.Server.Persistence;

namespace Millwright.Bench.Load;

/// <summary>One step of a read request: the managed bytes it allocates per call.</summary>
internal sealed record BreakdownStep(string Step, double AllocatedBytes);

/// <summary>
/// Where the allocations of a read request go. The steps a request runs — a DI scope with its DbContext,
/// the caller lookup (key or token, its connection and the account's limit in one statement), then the record reader —
/// are called directly, in one scope as a request does, in the idle seeded server before any load. Each
/// prefix of the sequence is measured, and a step's cost is the difference to the prefix before it (the
/// first query of a scope also opens its store connection). The process does nothing else meanwhile, so
/// the difference of <see cref="GC.GetTotalAllocatedBytes"/> is the request's own. JSON writing is not
/// included: the micro benchmarks measure it.
/// </summary>
internal static class RequestBreakdown
{
    private const int Warmup = 30;
    private const int Iterations = 300;

    public static async Task<IReadOnlyList<BreakdownStep>> MeasureAsync(IServiceProvider services, ServerReady ready, CancellationToken cancellationToken)
    {
        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        var id = ready.WorkOrderIds[ready.WorkOrderIds.Count / 2];
        ConnectionRow connection;
        await using (var scope = scopes.CreateAsyncScope())
        {
            connection = await scope.ServiceProvider.GetRequiredService<MillwrightDb>().Connections.AsNoTracking()
                .SingleAsync(c => c.Id == ready.ConnectionId, cancellationToken);
        }

        Func<IServiceProvider, Task> caller = async sp =>
        {
            var context = new DefaultHttpContext { RequestServices = sp };
            context.Request.Headers.Authorization = "Bearer " + ready.Token;
            await sp.GetRequiredService<CallerResolver>().ResolveAsync(context);
        };
        var reads = new (string Name, Func<IServiceProvider, Task> Step)[]
        {
            ("reader: get by id", sp => sp.GetRequiredService<RecordReader>().GetAsync(connection, Entity.WorkOrders, id, Query(""), cancellationToken)),
            ("reader: list of 50", sp => sp.GetRequiredService<RecordReader>().ListAsync(connection, Entity.WorkOrders, Query(""), cancellationToken)),
            ("reader: list of 50, expand=asset", sp => sp.GetRequiredService<RecordReader>().ListAsync(connection, Entity.WorkOrders, Query("expand=asset"), cancellationToken)),
        };

        var scopeOnly = await MeasureAsync(scopes, []);
        var authenticated = await MeasureAsync(scopes, [caller]);
        var steps = new List<BreakdownStep>
        {
            new("DI scope + DbContext", scopeOnly),
            new("caller: token + connection + account limit (one statement)", authenticated - scopeOnly),
        };
        foreach (var (name, step) in reads)
        {
            var total = await MeasureAsync(scopes, [caller, step]);
            steps.Add(new(name, total - authenticated));
        }

        return steps;
    }

    private static QueryCollection Query(string text) => new(QueryHelpers.ParseQuery(text));

    /// <summary>Average bytes allocated by running <paramref name="steps"/> in order in one fresh scope.</summary>
    private static async Task<double> MeasureAsync(IServiceScopeFactory scopes, IReadOnlyList<Func<IServiceProvider, Task>> steps)
    {
        for (var i = 0; i < Warmup; i++)
        {
            await RunAsync(scopes, steps);
        }

        var bytes = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < Iterations; i++)
        {
            await RunAsync(scopes, steps);
        }

        return (GC.GetTotalAllocatedBytes(precise: true) - bytes) / (double)Iterations;
    }

    private static async Task RunAsync(IServiceScopeFactory scopes, IReadOnlyList<Func<IServiceProvider, Task>> steps)
    {
        await using var scope = scopes.CreateAsyncScope();
        _ = scope.ServiceProvider.GetRequiredService<MillwrightDb>();
        foreach (var step in steps)
        {
            await step(scope.ServiceProvider);
        }
    }
}
