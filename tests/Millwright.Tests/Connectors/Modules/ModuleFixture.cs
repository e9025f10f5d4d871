using System.Collections.Concurrent;
using Millwright.Connectors.Core;
using Millwright.Sandbox.Common;
using Millwright.Tests.Support;

namespace Millwright.Tests.Connectors.Modules;

/// <summary>
/// The fixture of the checks over every module: per system, its sandbox on a loopback host (started on first
/// use with the profile's small settings) and its connector as the server composes it.
/// </summary>
public sealed class ModuleFixture : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, Lazy<Task<ModuleUnderTest>>> modules = new(StringComparer.Ordinal);

    internal Task<ModuleUnderTest> GetAsync(string system) =>
        modules.GetOrAdd(system, id => new Lazy<Task<ModuleUnderTest>>(() => StartAsync(id))).Value;

    private static async Task<ModuleUnderTest> StartAsync(string system)
    {
        var module = ModuleCases.Module(system);
        var host = await SandboxHost.StartAsync(module.Sandbox, ModuleCases.Profile(system).SmallSandbox);
        return new ModuleUnderTest(host, new ConnectorHarness(system));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var started in modules.Values.Where(m => m.IsValueCreated))
        {
            var module = await started.Value;
            module.Harness.Dispose();
            await module.Host.DisposeAsync();
        }
    }
}

/// <summary>One module's running sandbox and its connector.</summary>
internal sealed record ModuleUnderTest(SandboxHost<ISandbox> Host, ConnectorHarness Harness)
{
    public IConnector Connector => Harness.Connector;

    /// <summary>A fresh test connection (own id, so rate gates of other tests never hold it) to the sandbox as its demo user.</summary>
    public ConnectionContext Connection(Func<string, string, string>? credential = null)
    {
        var demo = Host.DemoConnection;
        return new ConnectionContext(
            $"conn_{Guid.NewGuid():N}",
            "test",
            demo.Settings,
            demo.Credentials.ToDictionary(c => c.Key, c => credential is null ? c.Value : credential(c.Key, c.Value)));
    }
}
