using System.Text.Json.Nodes;
using Millwright.Connectors.Core;

namespace Millwright.Tests.Connectors.Vendors.MaintainX;

/// <summary>Vendor responses next to the tests (Fixtures/), built from the MaintainX spec's own examples and field names.</summary>
internal static class MaintainXFixtures
{
    public static JsonObject Load(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Connectors", "Vendors", "MaintainX", "Fixtures", name)))!.AsObject();

    public static byte[] Bytes(string name) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Connectors", "Vendors", "MaintainX", "Fixtures", name));

    /// <summary>The documents of a list response, as raw records.</summary>
    public static List<RawRecord> Records(string name, string listProperty) =>
        Load(name)[listProperty]!.AsArray()
            .Select(n => n!.DeepClone().AsObject())
            .Select(d => new RawRecord(RemoteIds.Normalize(d["id"])!, d, null, null, null))
            .ToList();

    /// <summary>What the connector adds to documents below a site (the top-level location).</summary>
    public static RawRecord WithSite(RawRecord record, long siteLocationId)
    {
        record.Data["_millwright"] = new JsonObject { ["siteLocationId"] = siteLocationId };
        return record;
    }
}
