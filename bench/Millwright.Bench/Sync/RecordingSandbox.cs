using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Millwright.Sandbox.MaintainX;

namespace Millwright.Bench.Sync;

/// <summary>One request the sandbox answered: what was asked, and when it started and ended (<see cref="Stopwatch"/> ticks).</summary>
internal sealed record SandboxCall(string Method, string PathAndQuery, int Status, long Started, long Ended)
{
    /// <summary>The API resource, e.g. <c>workorders</c> for <c>/sandbox/maintainx/v1/workorders/42?…</c>.</summary>
    public string Resource
    {
        get
        {
            var path = PathAndQuery.Split('?', 2)[0];
            var at = path.IndexOf("/v1/", StringComparison.Ordinal);
            return at < 0 ? path : path[(at + 4)..].Split('/')[0];
        }
    }

    public double Milliseconds => (Ended - Started) * 1000.0 / Stopwatch.Frequency;
}

/// <summary>
/// The MaintainX sandbox (its module, unchanged) on its own loopback Kestrel host, behind one bench middleware
/// that records every request it answers while <see cref="Recording"/> is on: the URLs a sync asked for, in
/// order, for the raw fetch to replay, and the time the sandbox spent on each.
/// </summary>
internal sealed class RecordingSandbox : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<SandboxCall> calls = new();

    private RecordingSandbox(WebApplication app, Uri baseAddress, MaintainXSandbox sandbox)
    {
        this.app = app;
        BaseAddress = baseAddress;
        Sandbox = sandbox;
        ApiBaseUrl = MaintainXSandboxModule.ApiBaseUrl(new Uri(baseAddress, new MaintainXSandboxModule().Prefix.TrimStart('/') + "/"));
    }

    /// <summary>http://127.0.0.1:port/</summary>
    public Uri BaseAddress { get; }

    /// <summary>The API's base URL, ending in <c>/v1/</c>, as a connection's <c>base_url</c>.</summary>
    public Uri ApiBaseUrl { get; }

    public MaintainXSandbox Sandbox { get; }

    public bool Recording { get; set; }

    public static async Task<RecordingSandbox> StartAsync(MaintainXSandboxSettings settings, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(TimeProvider.System);
        var app = builder.Build();
        RecordingSandbox? self = null;
        app.Use(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            await next(context);
            if (self is { Recording: true })
            {
                self.calls.Enqueue(new SandboxCall(context.Request.Method, context.Request.Path + context.Request.QueryString,
                    context.Response.StatusCode, started, Stopwatch.GetTimestamp()));
            }
        });
        var module = new MaintainXSandboxModule();
        var sandbox = module.Map(app, module.Prefix, settings);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new RecordingSandbox(app, new Uri(address.TrimEnd('/') + "/"), sandbox);
        return self;
    }

    /// <summary>The calls recorded since the last take, in the order they ended, and forgets them.</summary>
    public List<SandboxCall> Take()
    {
        var taken = new List<SandboxCall>(calls.Count);
        while (calls.TryDequeue(out var call))
        {
            taken.Add(call);
        }

        return taken;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
