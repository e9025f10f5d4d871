using Millwright.Client.Sandboxes;

namespace Millwright.Client;

// The account's own sandbox tenant (test secret key).
public sealed partial class MillwrightClient
{
    /// <summary>The account's own sandboxes: mounts, fault knobs and ready connection requests. Test secret key.</summary>
    public Task<AccountSandbox> GetSandboxAsync(CancellationToken cancellationToken = default) =>
        SendAsync<AccountSandbox>(HttpMethod.Get, "v1/sandbox", null, cancellationToken);
}
