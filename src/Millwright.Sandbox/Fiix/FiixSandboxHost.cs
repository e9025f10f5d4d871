using Millwright.Sandbox.Common;

namespace Millwright.Sandbox.Fiix;

/// <summary>Fiix addresses of a standalone <see cref="SandboxHost{TSandbox}"/> started from <see cref="FiixSandboxModule"/>.</summary>
public sealed class FiixSandboxHost : IAsyncDisposable
{
    private readonly SandboxHost<FiixSandbox> host;

    private FiixSandboxHost(SandboxHost<FiixSandbox> host)
    {
        this.host = host;
        TenantUrl = host.MountUrl;
        ApiUrl = new Uri(TenantUrl, "api/");
    }

    public FiixSandbox Sandbox => host.Sandbox;

    /// <summary>The tenant address a customer types (a real one is https://&lt;tenant&gt;.macmms.com/).</summary>
    public Uri TenantUrl { get; }

    /// <summary>The command endpoint, <c>{tenant}/api/</c>.</summary>
    public Uri ApiUrl { get; }

    public static async Task<FiixSandboxHost> StartAsync(FiixSandboxSettings? settings = null, TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default) =>
        new(await SandboxHost.StartAsync(new FiixSandboxModule(), settings, timeProvider, cancellationToken));

    public ValueTask DisposeAsync() => host.DisposeAsync();
}
