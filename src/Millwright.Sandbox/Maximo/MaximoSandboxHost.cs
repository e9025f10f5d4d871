using Millwright.Sandbox.Common;

namespace Millwright.Sandbox.Maximo;

/// <summary>
/// A Maximo sandbox on its own Kestrel host (127.0.0.1, free port), mounted at <see cref="Prefix"/> as in
/// the Millwright server: for connector tests over real loopback HTTP.
/// </summary>
public sealed class MaximoSandboxHost : IAsyncDisposable
{
    public const string Prefix = "/sandbox/maximo";

    private readonly SandboxHost host;

    private MaximoSandboxHost(SandboxHost host, MaximoSandbox sandbox)
    {
        this.host = host;
        Sandbox = sandbox;
        BaseUrl = new Uri(host.BaseAddress, Prefix.TrimStart('/') + "/maximo/");
        AdminBaseUrl = new Uri(host.BaseAddress, Prefix.TrimStart('/') + "/_sandbox/");
    }

    public MaximoSandbox Sandbox { get; }

    /// <summary>The instance's <c>…/maximo/</c> address, as a customer types it (the real one is https://&lt;host&gt;/maximo).</summary>
    public Uri BaseUrl { get; }

    /// <summary>Base of the admin endpoints (<c>faults</c>).</summary>
    public Uri AdminBaseUrl { get; }

    public static async Task<MaximoSandboxHost> StartAsync(MaximoSandboxSettings? settings = null, TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        MaximoSandbox? sandbox = null;
        var host = await SandboxHost.StartAsync(app => sandbox = app.MapMaximoSandbox(Prefix, settings, timeProvider), timeProvider, cancellationToken);
        return new MaximoSandboxHost(host, sandbox!);
    }

    /// <summary>A client whose base address is <see cref="BaseUrl"/>, sending <paramref name="apiKey"/> in the <c>apikey</c> header if given.</summary>
    public HttpClient CreateClient(string? apiKey = MaximoSandboxSettings.DemoApiKey)
    {
        var client = new HttpClient { BaseAddress = BaseUrl };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("apikey", apiKey);
        }

        return client;
    }

    public ValueTask DisposeAsync() => host.DisposeAsync();
}
