using Millwright.Sandbox.Common;

namespace Millwright.Sandbox.Maximo;

/// <summary>
/// Settings of one Maximo sandbox instance and the demo credentials it accepts. Defaults reproduce a
/// mid-sized MAS Manage tenant: one organisation with three sites and a few thousand work orders.
/// </summary>
public sealed class MaximoSandboxSettings : ISandboxSettings
{
    /// <summary>API key of the integration user <see cref="DemoUser"/> (MAS: Administration › API keys).</summary>
    public const string DemoApiKey = "mw3sbx7p0q9r2bk4tdn6jv8lh1cf5gaz";

    /// <summary>An API key that was revoked: every request with it answers 401.</summary>
    public const string RevokedApiKey = "rv0k3dk9x2m4p6q8s1t3v5w7y9a2c4e6";

    /// <summary>Login id of the integration user; <c>maxauth</c> is base64 of <c>user:password</c>.</summary>
    public const string DemoUser = "MXINTADM";

    public const string DemoPassword = "sandbox-maxadmin-1";

    /// <summary>Organisation of the seeded data (Maximo orgid).</summary>
    public const string OrganizationId = "NWNA";

    /// <summary>Item set shared by the organisation (Maximo itemsetid).</summary>
    public const string ItemSetId = "NWSET1";

    /// <summary>
    /// When set, the only API key accepted, and <see cref="DemoUser"/>'s only password (<c>maxauth</c>); the
    /// published key and password are then refused.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>Password of <see cref="DemoUser"/>: <see cref="Secret"/> when set, else <see cref="DemoPassword"/>.</summary>
    internal string Password => Secret ?? DemoPassword;

    /// <summary>API key of <see cref="DemoUser"/>: <see cref="Secret"/> when set, else <see cref="DemoApiKey"/>.</summary>
    internal string ApiKey => Secret ?? DemoApiKey;

    /// <summary>
    /// Requests per key per 60 s window. Maximo has no built-in rate limit, so 0 (the default) turns
    /// the limiter off; a positive value emulates a gateway in front of MAS that answers 429.
    /// </summary>
    public int RequestsPerMinute { get; set; }

    /// <summary>Seed of the data generator; the same seed always yields the same records.</summary>
    public int Seed { get; set; } = 20260301;

    /// <summary>End of the seeded history; seeded timestamps lie in the ~18 months before it (or before yesterday, if earlier).</summary>
    public DateTimeOffset SeedEpoch { get; set; } = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Number of seeded work orders.</summary>
    public int WorkOrderCount { get; set; } = 3000;

    /// <summary>Number of seeded assets.</summary>
    public int AssetCount { get; set; } = 400;

    /// <summary><c>mxe.oslc.maxpagesize</c>: the largest page served, and the auto-page size without <c>oslc.pageSize</c>.</summary>
    public int MaxPageSize { get; set; } = 1000;

    /// <summary>How long a <c>stablePaging</c> result set stays cached after its last page request (sandbox clock).</summary>
    public TimeSpan StablePagingLifetime { get; set; } = TimeSpan.FromMinutes(10);

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(RequestsPerMinute);
        ArgumentOutOfRangeException.ThrowIfNegative(WorkOrderCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(AssetCount, 10);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPageSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(StablePagingLifetime, TimeSpan.Zero);
    }
}
