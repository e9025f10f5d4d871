using System.Net.Http.Headers;
using System.Text;
using Millwright.Sandbox.Common;

namespace Millwright.Sandbox.Sap;

/// <summary>
/// An SAP sandbox on its own Kestrel host (127.0.0.1, free port), mounted at <see cref="Prefix"/> like in
/// the Millwright server: for connector tests over real loopback HTTP.
/// </summary>
public sealed class SapSandboxHost : IAsyncDisposable
{
    public const string Prefix = "/sandbox/sap";

    private readonly SandboxHost host;

    private SapSandboxHost(SandboxHost host, SapSandbox sandbox)
    {
        this.host = host;
        Sandbox = sandbox;
        BaseUrl = new Uri(host.BaseAddress, Prefix.TrimStart('/') + "/");
        AdminBaseUrl = new Uri(host.BaseAddress, Prefix.TrimStart('/') + "/_sandbox/");
    }

    public SapSandbox Sandbox { get; }

    /// <summary>The emulated host's root, as a customer types it (services are under <c>sap/opu/odata/sap/</c>).</summary>
    public Uri BaseUrl { get; }

    public Uri AdminBaseUrl { get; }

    /// <summary>The root of one service, ending in <c>/</c>.</summary>
    public Uri ServiceUrl(string service) => new(BaseUrl, $"sap/opu/odata/sap/{service}/");

    public static async Task<SapSandboxHost> StartAsync(SapSandboxSettings? settings = null, TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        SapSandbox? sandbox = null;
        var host = await SandboxHost.StartAsync(app => sandbox = app.MapSapSandbox(Prefix, settings, timeProvider), timeProvider, cancellationToken);
        return new SapSandboxHost(host, sandbox!);
    }

    /// <summary>A client whose base address is the service root, logged on as <paramref name="user"/> when given.</summary>
    public HttpClient CreateClient(string service, string? user = SapSandboxSettings.DemoUser, string password = SapSandboxSettings.DemoPassword,
        HttpMessageHandler? handler = null)
    {
        var client = handler is null ? new HttpClient() : new HttpClient(handler);
        client.BaseAddress = ServiceUrl(service);
        if (user is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        }

        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    public ValueTask DisposeAsync() => host.DisposeAsync();
}
