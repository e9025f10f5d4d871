using Millwright.Sandbox.Common;

namespace Millwright.Sandbox.Odoo;

/// <summary>
/// An Odoo sandbox on its own Kestrel host (127.0.0.1, free port), mounted at <see cref="Prefix"/> as in
/// the Millwright server: for connector tests over real loopback HTTP.
/// </summary>
public sealed class OdooSandboxHost : IAsyncDisposable
{
    public const string Prefix = "/sandbox/odoo";

    private readonly SandboxHost host;

    private OdooSandboxHost(SandboxHost host, OdooSandbox sandbox)
    {
        this.host = host;
        Sandbox = sandbox;
        BaseUrl = new Uri(host.BaseAddress, Prefix.TrimStart('/') + "/");
        AdminBaseUrl = new Uri(host.BaseAddress, Prefix.TrimStart('/') + "/_sandbox/");
    }

    public OdooSandbox Sandbox { get; }

    /// <summary>The server's address as a customer types it (the real one is https://&lt;name&gt;.odoo.com/ or a self-hosted URL).</summary>
    public Uri BaseUrl { get; }

    /// <summary>Base of the admin endpoints (<c>faults</c>).</summary>
    public Uri AdminBaseUrl { get; }

    public static async Task<OdooSandboxHost> StartAsync(OdooSandboxSettings? settings = null, TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        OdooSandbox? sandbox = null;
        var host = await SandboxHost.StartAsync(app => sandbox = app.MapOdooSandbox(Prefix, settings, timeProvider), timeProvider, cancellationToken);
        return new OdooSandboxHost(host, sandbox!);
    }

    /// <summary>A client whose base address is <see cref="BaseUrl"/>.</summary>
    public HttpClient CreateClient() => new() { BaseAddress = BaseUrl };

    public ValueTask DisposeAsync() => host.DisposeAsync();
}
