using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Primitives;
using Millwright.Sandbox.Common;

namespace Millwright.Server.Hosting.Modules;

/// <summary>
/// The routes of the accounts' own sandboxes, <c>/sandbox/&lt;tenant&gt;/&lt;vendor&gt;/…</c> (ADR 0026): one emulator
/// instance per tenant and vendor, created on the tenant's first request to that vendor with the tenant's own
/// secret, and mapped exactly as the shared mount is (the module maps its routes onto a private route builder
/// whose endpoints this data source then serves beside the server's own). At most
/// <see cref="MillwrightOptions.SandboxMaxTenants"/> instances stay; the least recently used goes first.
/// A tenant's fault and control endpoints (<c>…/_sandbox/…</c>) answer only its control key.
/// </summary>
internal sealed class TenantSandboxEndpoints(SandboxTenants tenants, MillwrightOptions options) : EndpointDataSource
{
    private readonly Lock gate = new();
    private readonly Lock creating = new();
    private readonly Dictionary<(string Tenant, string Segment), Instance> instances = [];
    private IReadOnlyList<Endpoint> endpoints = [];
    private CancellationTokenSource changed = new();
    private long uses;
    private IEndpointRouteBuilder? host;

    public override IReadOnlyList<Endpoint> Endpoints => Volatile.Read(ref endpoints);

    /// <summary>Instances in memory now.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return instances.Count;
            }
        }
    }

    public override IChangeToken GetChangeToken()
    {
        lock (gate)
        {
            return new CancellationChangeToken(changed.Token);
        }
    }

    /// <summary>Serves the tenants' routes beside <paramref name="app"/>'s own.</summary>
    public void Attach(IEndpointRouteBuilder app)
    {
        host = app;
        app.DataSources.Add(this);
    }

    /// <summary>
    /// Before routing: a request under a tenant this installation issued, to a vendor it has, finds that
    /// tenant's instance (created now if needed), so that routing then matches its endpoints.
    /// </summary>
    public void Ensure(PathString path)
    {
        if (host is null || !SandboxTenants.TryReadPath(path, out var segment, out var vendor)
            || VendorModules.All.FirstOrDefault(m => string.Equals(m.SandboxSegment, vendor, StringComparison.OrdinalIgnoreCase)) is not { } module
            || !tenants.IsTenant(segment, out var tenant))
        {
            return;
        }

        var key = (tenant, module.SandboxSegment);
        lock (gate)
        {
            if (instances.TryGetValue(key, out var found) && found.Published)
            {
                found.LastUse = ++uses;
                return;
            }
        }

        // One creation at a time, and a request that finds an instance still being published waits here:
        // routing matches an instance's endpoints only once its matcher has been rebuilt.
        lock (creating)
        {
            Instance created;
            CancellationTokenSource previous;
            lock (gate)
            {
                if (instances.TryGetValue(key, out var found))
                {
                    found.LastUse = ++uses;
                    return;
                }

                while (instances.Count >= Math.Max(1, options.SandboxMaxTenants))
                {
                    instances.Remove(instances.MinBy(i => i.Value.LastUse).Key);
                }

                created = Create(tenant, module);
                instances[key] = created;
                Volatile.Write(ref endpoints, [.. instances.Values.SelectMany(i => i.Endpoints)]);
                previous = changed;
                changed = new CancellationTokenSource();
            }

            // Routing rebuilds its matcher on this signal, before the call returns.
            previous.Cancel();
            previous.Dispose();
            lock (gate)
            {
                created.Published = true;
            }
        }
    }

    private Instance Create(string tenant, VendorModule module)
    {
        var routes = new PrivateRoutes(host!);
        var prefix = $"/sandbox/{tenant}/{module.SandboxSegment}";
        var sandbox = module.Sandbox.Map(routes, prefix, secret: tenants.SecretOf(tenant, module.SystemId));
        var controlKey = tenants.ControlKeyOf(tenant);
        var mapped = routes.DataSources.SelectMany(d => d.Endpoints)
            .Select(e => e is RouteEndpoint route && route.RoutePattern.RawText?.Contains("/_sandbox/", StringComparison.OrdinalIgnoreCase) == true
                ? RequireControlKey(route, controlKey)
                : e)
            .ToArray();
        return new Instance(sandbox, mapped) { LastUse = ++uses };
    }

    /// <summary>The same endpoint, answering 401 unless the request carries <c>Authorization: Bearer &lt;control key&gt;</c>.</summary>
    private static RouteEndpoint RequireControlKey(RouteEndpoint endpoint, string controlKey)
    {
        var expected = Encoding.ASCII.GetBytes("Bearer " + controlKey);
        var inner = endpoint.RequestDelegate!;
        return new RouteEndpoint(async http =>
        {
            var sent = Encoding.ASCII.GetBytes(http.Request.Headers.Authorization.ToString());
            if (!CryptographicOperations.FixedTimeEquals(sent, expected))
            {
                http.Response.StatusCode = StatusCodes.Status401Unauthorized;
                http.Response.Headers.WWWAuthenticate = "Bearer realm=\"sandbox\"";
                await http.Response.WriteAsJsonAsync(new Dictionary<string, string>
                {
                    ["error"] = "The fault knobs of a tenant sandbox need its control key: Authorization: Bearer sbx_… (GET /v1/sandbox shows it).",
                });
                return;
            }

            await inner(http);
        }, endpoint.RoutePattern, endpoint.Order, endpoint.Metadata, endpoint.DisplayName);
    }

    private sealed record Instance(ISandbox Sandbox, IReadOnlyList<Endpoint> Endpoints)
    {
        public long LastUse { get; set; }

        public bool Published { get; set; }
    }

    /// <summary>A route builder of its own, so that a module's routes land here and not in the server's table.</summary>
    private sealed class PrivateRoutes(IEndpointRouteBuilder host) : IEndpointRouteBuilder
    {
        public IServiceProvider ServiceProvider => host.ServiceProvider;

        public ICollection<EndpointDataSource> DataSources { get; } = [];

        public IApplicationBuilder CreateApplicationBuilder() => host.CreateApplicationBuilder();
    }
}
