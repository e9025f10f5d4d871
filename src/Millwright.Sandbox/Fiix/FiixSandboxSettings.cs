using Millwright.Sandbox.Common;

namespace Millwright.Sandbox.Fiix;

/// <summary>
/// Settings of one Fiix sandbox instance and the API application keys it accepts. Defaults reproduce a
/// small manufacturing tenant: three sites, a few hundred assets and about a thousand work orders.
/// </summary>
public sealed class FiixSandboxSettings : ISandboxSettings
{
    /// <summary>Application key of the registered API application (Fiix keys start with <c>macmmsackp</c>).</summary>
    public const string DemoAppKey = "macmmsackp4f1a9c0e7b2d58361fe0";

    /// <summary>Access key of that application (<c>macmmsaakp…</c>).</summary>
    public const string DemoAccessKey = "macmmsaakp7b21c9e4d03fa8652c1d";

    /// <summary>Secret key that signs every request (<c>macmmsaskp…</c>); Fiix shows it once.</summary>
    public const string DemoSecretKey = "macmmsaskp5e8a1f0c7d2b4936a9e1c08f3b72d";

    /// <summary>Access key of an application that was deleted: every request with it is refused.</summary>
    public const string RevokedAccessKey = "macmmsaakp0d3c2b1a09f8e7d6c5b4a";

    /// <summary>Name of the seeded tenant (the subdomain of a real one).</summary>
    public const string TenantName = "millwright-sandbox";

    /// <summary>When set, the only secret key that signs requests (in place of <see cref="DemoSecretKey"/>); app and access key stay.</summary>
    public string? Secret { get; set; }

    /// <summary>Requests per access key per 60 s before the server throttles with code 1100 (unpublished; README).</summary>
    public int RequestsPerMinute { get; set; } = 600;

    /// <summary>How far a request's <c>timestamp</c> may be from the server clock (unpublished; README).</summary>
    public TimeSpan TimestampTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Largest <c>maxObjects</c> served, and the page size when a FindRequest has none (unpublished; README).</summary>
    public int MaxObjects { get; set; } = 1000;

    /// <summary>Seed of the data generator; the same seed always yields the same records.</summary>
    public int Seed { get; set; } = 20261201;

    /// <summary>End of the seeded history; seeded dates lie in the ~18 months before it.</summary>
    public DateTimeOffset SeedEpoch { get; set; } = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Number of seeded work orders.</summary>
    public int WorkOrderCount { get; set; } = 1000;

    /// <summary>Number of seeded equipment assets (locations, sites and parts come on top).</summary>
    public int AssetCount { get; set; } = 200;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(RequestsPerMinute);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(TimestampTolerance, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxObjects, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(WorkOrderCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(AssetCount, 10);
    }
}
