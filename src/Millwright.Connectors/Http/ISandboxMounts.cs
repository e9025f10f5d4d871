namespace Millwright.Connectors.Http;

/// <summary>
/// The loopback rule's one exception for <c>test</c> connections: this server's own sandbox mounts (the same
/// listener, under <c>/sandbox/</c>), and among them only the calling account's own tenant (ADR 0026). The host
/// that serves the sandboxes registers it; without a registration no test connection reaches loopback at all
/// (only addresses in <see cref="UpstreamHttpOptions.AllowedAddresses"/>).
/// </summary>
public interface ISandboxMounts
{
    /// <summary>
    /// True when <paramref name="uri"/> is on this server's own listener and under a sandbox mount that
    /// <paramref name="accountId"/> may use: its own tenant, or a shared mount the operator enabled.
    /// </summary>
    bool Contains(Uri uri, string? accountId);
}
