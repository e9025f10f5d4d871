namespace Millwright.Connectors.Http;

/// <summary>
/// The loopback rule's one exception for <c>test</c> connections: this server's own sandbox mounts (the same
/// listener, under <c>/sandbox/&lt;vendor&gt;/</c>). The host that serves the sandboxes registers it; without a
/// registration no test connection reaches loopback at all (only addresses in
/// <see cref="UpstreamHttpOptions.AllowedAddresses"/>).
/// </summary>
public interface ISandboxMounts
{
    /// <summary>True when <paramref name="uri"/> is on this server's own listener and under one of its sandbox mounts.</summary>
    bool Contains(Uri uri);
}
