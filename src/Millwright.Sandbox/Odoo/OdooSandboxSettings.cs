using Millwright.Sandbox.Common;

namespace Millwright.Sandbox.Odoo;

/// <summary>
/// Settings of one Odoo sandbox instance and the demo credentials it accepts. Defaults reproduce a plant
/// running Odoo 18.0 Community with Maintenance, Inventory and Purchase installed: several teams, a few
/// hundred pieces of equipment and a few thousand maintenance requests.
/// </summary>
public sealed class OdooSandboxSettings : ISandboxSettings
{
    /// <summary>The only database on the emulated server (<c>db.list</c> names it).</summary>
    public const string DemoDatabase = "millwright-demo";

    /// <summary>Login of the administrator (uid 2, as on a fresh Odoo database).</summary>
    public const string DemoLogin = "admin";

    /// <summary>The administrator's password (accepted by <c>authenticate</c> and <c>execute_kw</c>, never by JSON-2).</summary>
    public const string DemoPassword = "sandbox-odoo-admin-1";

    /// <summary>An API key of the administrator (Preferences › Account Security; Odoo keys are 40 hex characters).</summary>
    public const string DemoApiKey = "4f1c9e2b7a5d3086c1e4b9a27d5f30e8b6a2c4d1";

    /// <summary>Login of a maintenance technician without Inventory or Purchase rights.</summary>
    public const string RestrictedLogin = "marc.demo";

    /// <summary>API key of <see cref="RestrictedLogin"/>: maintenance works, purchase and stock answer AccessError.</summary>
    public const string RestrictedApiKey = "9d2e4a6c8b0f1357e9a2c4b6d8f0a1c3e5b7d9f2";

    /// <summary>A key that was revoked in Preferences: authenticate answers false, execute_kw AccessDenied, JSON-2 401.</summary>
    public const string RevokedApiKey = "0e8d6c4b2a1f3e5d7c9b0a2f4e6d8c1b3a5f7e9d";

    /// <summary>
    /// When set, the administrator's only password and API key; the published ones are then refused, and the
    /// restricted technician has no credentials.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>
    /// What <c>common.version()</c> reports, e.g. <c>18.0</c> or <c>19.0</c>. From 19.0 on the server also
    /// serves <c>/json/2/&lt;model&gt;/&lt;method&gt;</c>; below it that path is a 404 as on a real 18.0.
    /// </summary>
    public string ServerVersion { get; set; } = "18.0";

    /// <summary>Whether Inventory (<c>stock</c>) is installed: <c>stock.location</c>, <c>stock.quant</c>, <c>qty_available</c>.</summary>
    public bool StockInstalled { get; set; } = true;

    /// <summary>Whether Purchase is installed: <c>purchase.order</c>, <c>purchase.order.line</c>, <c>supplier_rank</c> in use.</summary>
    public bool PurchaseInstalled { get; set; } = true;

    /// <summary>
    /// Requests per credential per 60 s. Community has no rate limit (SOURCE.md), so 0 (the default) turns
    /// the limiter off; a positive value emulates a proxy or Odoo Online answering 429.
    /// </summary>
    public int RequestsPerMinute { get; set; }

    /// <summary>Seed of the data generator; the same seed always yields the same records.</summary>
    public int Seed { get; set; } = 20260415;

    /// <summary>End of the seeded history; seeded timestamps lie in the ~18 months before it (or before yesterday, if earlier).</summary>
    public DateTimeOffset SeedEpoch { get; set; } = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Number of seeded <c>maintenance.equipment</c> records.</summary>
    public int EquipmentCount { get; set; } = 400;

    /// <summary>Number of seeded <c>maintenance.request</c> records.</summary>
    public int RequestCount { get; set; } = 3000;

    /// <summary>Number of seeded spare parts (<c>product.product</c>).</summary>
    public int PartCount { get; set; } = 150;

    /// <summary>Number of seeded purchase orders.</summary>
    public int PurchaseOrderCount { get; set; } = 120;

    /// <summary>The major version number of <see cref="ServerVersion"/>.</summary>
    public int MajorVersion =>
        int.TryParse(ServerVersion.Replace("saas~", "", StringComparison.Ordinal).Split('.')[0], System.Globalization.CultureInfo.InvariantCulture, out var major)
            ? major
            : 0;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(RequestsPerMinute);
        ArgumentOutOfRangeException.ThrowIfNegative(EquipmentCount);
        ArgumentOutOfRangeException.ThrowIfNegative(RequestCount);
        ArgumentOutOfRangeException.ThrowIfNegative(PartCount);
        ArgumentOutOfRangeException.ThrowIfNegative(PurchaseOrderCount);
        if (MajorVersion < 16)
        {
            throw new ArgumentException($"ServerVersion '{ServerVersion}' is not an Odoo release the sandbox emulates (16.0 or later).", nameof(ServerVersion));
        }
    }
}
