using System.Text.Json.Nodes;
using Millwright.Client.Models;
using Millwright.Connectors.Vendors.Maximo;
using Millwright.Sandbox.Common;
using Millwright.Sandbox.Maximo;
using Millwright.Tests.Server.Writes;

namespace Millwright.Tests.Connectors.Vendors.Maximo;

internal sealed class MaximoTestProfile : IVendorWriteProfile
{
    public string SystemId => MaximoSettings.SystemId;

    public IReadOnlyDictionary<string, string?> SmallSandbox { get; } = new Dictionary<string, string?>
    {
        ["WorkOrderCount"] = "300",
        ["AssetCount"] = "40",
    };

    /// <summary>Waiting on approval.</summary>
    public string CreatedRemoteStatus => "WAPPR";

    public IReadOnlyList<(string Status, string RemoteStatus)> AllowedPath { get; } = [("in_progress", "INPRG"), ("completed", "COMP")];

    /// <summary>A completed work order can only be closed (BMXAA4590E).</summary>
    public (IReadOnlyList<string> Before, string Status, string VendorMessage) Forbidden { get; } = (["completed"], "open", "BMXAA4590E");

    public JsonObject MaintenanceRequest(string assetId) => new()
    {
        ["title"] = "Strange noise at the pump",
        ["asset_id"] = assetId,
    };

    public async Task<(string? Title, string? Status)> InSandboxAsync(SandboxHost<ISandbox> sandbox, Entity entity, string remoteId)
    {
        // The remote id joins the object structure's key attributes with '/' (SITE/WONUM, CLASS/TICKETID).
        var (structure, keys) = entity switch
        {
            Entity.WorkOrders => ("mxapiwodetail", new[] { "siteid", "wonum" }),
            Entity.MaintenanceRequests => ("mxapisr", new[] { "class", "ticketid" }),
            _ => throw new ArgumentOutOfRangeException(nameof(entity), entity, null),
        };
        var parts = remoteId.Split('/');
        Assert.Equal(keys.Length, parts.Length);
        using var http = new HttpClient { BaseAddress = MaximoSandboxModule.InstanceUrl(sandbox.MountUrl) };
        http.DefaultRequestHeaders.Add("apikey", MaximoSandboxSettings.DemoApiKey);
        var where = Uri.EscapeDataString(string.Join(" and ", keys.Zip(parts, (k, v) => $"{k}=\"{v}\"")));
        var page = JsonNode.Parse(await http.GetStringAsync($"api/os/{structure}?lean=1&oslc.select=description,status&oslc.where={where}"))!;
        var record = Assert.Single(page["member"]!.AsArray())!;
        return ((string?)record["description"], (string?)record["status"]);
    }
}
