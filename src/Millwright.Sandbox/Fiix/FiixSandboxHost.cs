using Millwright.Sandbox.Common;

namespace Millwright.Sandbox.Fiix;

/// <summary>
/// A Fiix sandbox on its own Kestrel host (127.0.0.1, free port), mounted at <see cref="Prefix"/> as in the
/// Millwright server: for connector tests over real loopback HTTP.
/// </summary>
public sealed class FiixSandboxHost : IAsyncDisposable
{
    public const string Prefix = "/sandbox/fiix";

    private readonly SandboxHost host;

    private FiixSandboxHost(SandboxHost host, FiixSandbox sandbox)
    {
        this.host = host;
        Sandbox = sandbox;
        TenantUrl = new Uri(host.BaseAddress, Prefix.TrimStart('/') + "/");
        ApiUrl = new Uri(TenantUrl, "api/");
        AdminBaseUrl = new Uri(TenantUrl, "_sandbox/");
    }

    public FiixSandbox Sandbox { get; }

    /// <summary>The tenant address a customer types (a real one is https://&lt;tenant&gt;.macmms.com/).</summary>
    public Uri TenantUrl { get; }

    /// <summary>The command endpoint, <c>{tenant}/api/</c>.</summary>
    public Uri ApiUrl { get; }

    /// <summary>Base of the admin endpoints (<c>faults</c>).</summary>
    public Uri AdminBaseUrl { get; }

    public static async Task<FiixSandboxHost> StartAsync(FiixSandboxSettings? settings = null, TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        FiixSandbox? sandbox = null;
        var host = await SandboxHost.StartAsync(app => sandbox = app.MapFiixSandbox(Prefix, settings, timeProvider), timeProvider, cancellationToken);
        return new FiixSandboxHost(host, sandbox!);
    }

    public ValueTask DisposeAsync() => host.DisposeAsync();
}
