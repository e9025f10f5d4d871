using Millwright.Sandbox.Common;

namespace Millwright.Sandbox.Sap;

/// <summary>
/// Settings of one SAP S/4HANA sandbox instance and the communication users it accepts. Defaults give a
/// mid-sized plant (two planning plants) and a server page size of 100 so that <c>__next</c> paging is used.
/// </summary>
public sealed class SapSandboxSettings : ISandboxSettings
{
    /// <summary>System id used in cookie names and the logon realm (<c>SAP_SESSIONID_MWS_100</c>).</summary>
    public const string SystemId = "MWS";

    /// <summary>The client (<c>sap-client</c>) the demo users live in; requests without one use it.</summary>
    public const string Client = "100";

    /// <summary>Communication user with read and write authorisation for the five services.</summary>
    public const string DemoUser = "MW_COMM_USER";

    public const string DemoPassword = "Welcome1!Plant";

    /// <summary>A user that exists but is locked: every logon fails with 401.</summary>
    public const string LockedUser = "MW_LOCKED";

    /// <summary>When set, <see cref="DemoUser"/>'s only password; the published <see cref="DemoPassword"/> is then refused.</summary>
    public string? Secret { get; set; }

    /// <summary>Requests per user per 60 s. On-premise SAP has no documented limit; the sandbox keeps a generous one so throttling can be exercised.</summary>
    public int RequestsPerMinute { get; set; } = 600;

    /// <summary>Server-driven page size: longer results end with <c>__next</c> and a <c>$skiptoken</c>.</summary>
    public int MaxPageSize { get; set; } = 100;

    /// <summary>Seed of the data generator; the same seed always yields the same records.</summary>
    public int Seed { get; set; } = 20240611;

    /// <summary>End of the seeded history; if the clock reads earlier, the history ends one day before the clock.</summary>
    public DateTimeOffset SeedEpoch { get; set; } = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public int MaintenanceOrderCount { get; set; } = 600;

    public int EquipmentCount { get; set; } = 150;

    public int NotificationCount { get; set; } = 200;

    public int PurchaseOrderCount { get; set; } = 80;

    public int MaintenancePlanCount { get; set; } = 40;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(RequestsPerMinute);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxPageSize);
        ArgumentOutOfRangeException.ThrowIfNegative(MaintenanceOrderCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(EquipmentCount, 5);
        ArgumentOutOfRangeException.ThrowIfNegative(NotificationCount);
        ArgumentOutOfRangeException.ThrowIfNegative(PurchaseOrderCount);
        ArgumentOutOfRangeException.ThrowIfNegative(MaintenancePlanCount);
    }
}
