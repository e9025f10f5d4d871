using Millwright.Sandbox.Common;

namespace Millwright.Sandbox.MaintainX;

/// <summary>
/// Settings of one MaintainX sandbox instance, and the demo credentials it accepts. Defaults reproduce
/// the real API (100 requests per 60 s per key) and the documented demo data set.
/// </summary>
public sealed class MaintainXSandboxSettings : ISandboxSettings
{
    /// <summary>Organisation of <see cref="DemoApiKey"/>: the plant data set (3 sites, ~5 000 work orders).</summary>
    public const long DemoOrganizationId = 48213;

    /// <summary>Second organisation, reachable only with <see cref="MultiOrgApiKey"/>: a small depot.</summary>
    public const long SecondOrganizationId = 51877;

    /// <summary>Single-organisation key of user 1001 (an admin of <see cref="DemoOrganizationId"/>).</summary>
    public const string DemoApiKey =
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ1c2VySWQiOjEwMDEsIm9yZ2FuaXphdGlvbklkIjo0ODIxMywiaXNzIjoibWlsbHdyaWdodC1zYW5kYm94In0.c2FuZGJveC1kZW1vLWtleQ";

    /// <summary>Key of user 1002 covering both organisations: every call needs <c>x-organization-id</c>.</summary>
    public const string MultiOrgApiKey =
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ1c2VySWQiOjEwMDIsIm9yZ2FuaXphdGlvbklkcyI6WzQ4MjEzLDUxODc3XSwiaXNzIjoibWlsbHdyaWdodC1zYW5kYm94In0.c2FuZGJveC1tdWx0aS1vcmc";

    /// <summary>A key that was revoked in MaintainX: always answered with 401.</summary>
    public const string RevokedApiKey =
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ1c2VySWQiOjEwMDMsIm9yZ2FuaXphdGlvbklkIjo0ODIxMywiaXNzIjoibWlsbHdyaWdodC1zYW5kYm94IiwicmV2b2tlZCI6dHJ1ZX0.c2FuZGJveC1yZXZva2Vk";

    /// <summary>
    /// When set, the only key accepted, as <see cref="DemoApiKey"/>'s user (organisation <see cref="DemoOrganizationId"/>);
    /// the published keys are then refused.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>Requests per key per 60 s window. The real API allows 100; raise it for bulk syncs in tests and demos.</summary>
    public int RequestsPerMinute { get; set; } = 100;

    /// <summary>Seed of the data generator; the same seed always yields the same records.</summary>
    public int Seed { get; set; } = 20240611;

    /// <summary>
    /// End of the seeded history: seeded timestamps lie in the ~18 months before it. If the clock reads
    /// earlier, the history ends one day before the clock instead, so seeded records are never in the future.
    /// </summary>
    public DateTimeOffset SeedEpoch { get; set; } = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Number of work orders seeded for <see cref="DemoOrganizationId"/>.</summary>
    public int WorkOrderCount { get; set; } = 5000;

    /// <summary>Number of assets seeded for <see cref="DemoOrganizationId"/>.</summary>
    public int AssetCount { get; set; } = 300;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(RequestsPerMinute);
        ArgumentOutOfRangeException.ThrowIfNegative(WorkOrderCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(AssetCount, 10);
    }
}
