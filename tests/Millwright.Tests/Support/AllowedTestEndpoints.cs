using System.Collections.Concurrent;

namespace Millwright.Tests.Support;

/// <summary>
/// The operator's allow list (<c>Millwright:Upstream:AllowedAddresses</c>) as the test hosts fill it: every
/// loopback party a test runs on a port of its own (webhook receivers, sandboxes on their own Kestrel) is
/// allowed explicitly, as an operator would allow a local emulator. A <see cref="MillwrightHost"/> takes the
/// endpoints running when it starts, plus the two unreachable ones tests use as placeholder receiver URLs.
/// Everything else on loopback — the server's own API, other ports — stays refused, as in production.
/// </summary>
internal static class AllowedTestEndpoints
{
    /// <summary>Placeholder receiver URLs of the webhook tests (nothing listens there).</summary>
    public static readonly string[] Placeholders = ["127.0.0.1:9", "localhost:10"];

    private static readonly ConcurrentDictionary<string, int> Running = new(StringComparer.OrdinalIgnoreCase);

    public static string Allow(Uri baseAddress)
    {
        var endpoint = $"{baseAddress.Host}:{baseAddress.Port}";
        Running.AddOrUpdate(endpoint, 1, (_, n) => n + 1);
        return endpoint;
    }

    public static void Forget(Uri baseAddress)
    {
        var endpoint = $"{baseAddress.Host}:{baseAddress.Port}";
        if (Running.AddOrUpdate(endpoint, 0, (_, n) => n - 1) <= 0)
        {
            Running.TryRemove(endpoint, out _);
        }
    }

    /// <summary><paramref name="settings"/> plus a sandbox on its own loopback host as an operator-allowed endpoint.</summary>
    public static Dictionary<string, string?> WithSandbox(Uri sandboxBaseAddress, IDictionary<string, string?>? settings = null) =>
        new(settings ?? new Dictionary<string, string?>())
        {
            ["Millwright:Upstream:AllowedAddresses:50"] = $"{sandboxBaseAddress.Host}:{sandboxBaseAddress.Port}",
        };

    /// <summary>Configuration entries (at high indexes, so a test's own <c>AllowedAddresses:0</c> does not collide).</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Settings() =>
        Placeholders.Concat(Running.Keys).Select((e, i) => new KeyValuePair<string, string?>($"Millwright:Upstream:AllowedAddresses:{100 + i}", e));
}
