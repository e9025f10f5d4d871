using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Millwright.Client.Models;
using Millwright.Connectors.Vendors.Sap;
using Millwright.Sandbox.Common;
using Millwright.Sandbox.Sap;
using Millwright.Tests.Server.Writes;

namespace Millwright.Tests.Connectors.Vendors.Sap;

internal sealed class SapTestProfile : IVendorWriteProfile
{
    public string SystemId => SapSettings.SystemId;

    /// <summary>Server pages of 25, so that <c>__next</c> paging always happens.</summary>
    public IReadOnlyDictionary<string, string?> SmallSandbox { get; } = new Dictionary<string, string?>
    {
        ["RequestsPerMinute"] = "1000000",
        ["MaxPageSize"] = "25",
        ["MaintenanceOrderCount"] = "70",
        ["EquipmentCount"] = "30",
        ["NotificationCount"] = "40",
        ["PurchaseOrderCount"] = "20",
        ["MaintenancePlanCount"] = "12",
    };

    public string CreatedRemoteStatus => "CRTD";

    /// <summary>Release, then technical completion (function imports).</summary>
    public IReadOnlyList<(string Status, string RemoteStatus)> AllowedPath { get; } = [("in_progress", "REL"), ("completed", "TECO")];

    /// <summary>An order that was never released cannot be technically completed.</summary>
    public (IReadOnlyList<string> Before, string Status, string VendorMessage) Forbidden { get; } =
        ([], "completed", "does not allow this business transaction");

    public JsonObject MaintenanceRequest(string assetId) => new()
    {
        ["title"] = "Vibration am Lager",
        ["description"] = "Sensor meldet 12 mm/s",
        ["asset_id"] = assetId,
    };

    public async Task<(string? Title, string? Status)> InSandboxAsync(SandboxHost<ISandbox> sandbox, Entity entity, string remoteId)
    {
        var (service, path, title, status) = entity switch
        {
            Entity.WorkOrders => ("API_MAINTENANCEORDER", $"MaintenanceOrder('{remoteId}')", "MaintenanceOrderDesc", "SystemStatusText"),
            Entity.MaintenanceRequests => ("API_MAINTNOTIFICATION", $"MaintenanceNotification('{remoteId}')", "NotificationText", "NotifProcessingPhase"),
            _ => throw new ArgumentOutOfRangeException(nameof(entity), entity, null),
        };
        using var http = new HttpClient { BaseAddress = SapSandboxModule.ServiceUrl(sandbox.MountUrl, service) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{SapSandboxSettings.DemoUser}:{SapSandboxSettings.DemoPassword}")));
        var d = JsonNode.Parse(await http.GetStringAsync(path + "?$format=json"))!["d"]!;
        return ((string?)d[title], (string?)d[status]);
    }
}
