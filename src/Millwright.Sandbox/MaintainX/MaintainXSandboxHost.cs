using System.Net.Http.Headers;
using Millwright.Sandbox.Common;

namespace Millwright.Sandbox.MaintainX;

/// <summary>
/// A MaintainX sandbox on its own Kestrel host (127.0.0.1, free port), mounted at
/// <see cref="Prefix"/> like in the Millwright server: for connector tests over real loopback HTTP.
/// </summary>
public sealed class MaintainXSandboxHost : IAsyncDisposable
{
    public const string Prefix = "/sandbox/maintainx";

    private readonly SandboxHost host;

    private MaintainXSandboxHost(SandboxHost host, MaintainXSandbox sandbox)
    {
        this.host = host;
        Sandbox = sandbox;
        ApiBaseUrl = new Uri(host.BaseAddress, Prefix.TrimStart('/') + "/v1/");
        AdminBaseUrl = new Uri(host.BaseAddress, Prefix.TrimStart('/') + "/_sandbox/");
    }

    public MaintainXSandbox Sandbox { get; }

    internal IServiceProvider Services => host.Services;

    /// <summary>The emulated API's base URL, ending in <c>/v1/</c> (the real one is https://api.getmaintainx.com/v1).</summary>
    public Uri ApiBaseUrl { get; }

    /// <summary>Base of the admin endpoints (<c>faults</c>).</summary>
    public Uri AdminBaseUrl { get; }

    public static async Task<MaintainXSandboxHost> StartAsync(MaintainXSandboxSettings? settings = null, TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        MaintainXSandbox? sandbox = null;
        var host = await SandboxHost.StartAsync(app => sandbox = app.MapMaintainXSandbox(Prefix, settings, timeProvider), timeProvider, cancellationToken);
        return new MaintainXSandboxHost(host, sandbox!);
    }

    /// <summary>A client whose base address is <see cref="ApiBaseUrl"/>, sending <paramref name="apiKey"/> as bearer if given.</summary>
    public HttpClient CreateClient(string? apiKey = MaintainXSandboxSettings.DemoApiKey)
    {
        var client = new HttpClient { BaseAddress = ApiBaseUrl };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return client;
    }

    public ValueTask DisposeAsync() => host.DisposeAsync();
}
