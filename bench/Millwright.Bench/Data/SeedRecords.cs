using Millwright.Client.Models;
using Millwright.Connectors.Core;
using Millwright.Connectors.Mapping;
using Millwright.Connectors.Vendors.MaintainX;

namespace Millwright.Bench.Data;

/// <summary>A record the way a sync stores it: stable id, mapped fields (no envelope) as <c>data</c>, raw beside it.</summary>
internal sealed record SeedRecord(
    Entity Entity,
    string Id,
    string RemoteId,
    string Data,
    string Raw,
    DateTimeOffset SeenAt,
    DateTimeOffset? RemoteCreatedAt,
    DateTimeOffset? RemoteUpdatedAt);

/// <summary>Generated MaintainX documents run through the default mappings, as a sync would store them.</summary>
internal static class SeedRecords
{
    public static SeedRecord WorkOrder(string connectionId, int n, int assetCount) =>
        Map(connectionId, Entity.WorkOrders, MaintainXDocuments.WorkOrder(n, assetCount), MaintainXDocuments.T0.AddDays(30).AddSeconds(n));

    public static SeedRecord Asset(string connectionId, int n) =>
        Map(connectionId, Entity.Assets, MaintainXDocuments.Asset(n), MaintainXDocuments.T0.AddDays(29).AddSeconds(n));

    private static SeedRecord Map(string connectionId, Entity entity, RawRecord raw, DateTimeOffset seenAt) => new(
        entity,
        StableIds.For(connectionId, entity, raw.RemoteId),
        raw.RemoteId,
        MappingEngine.Apply(MaintainXMapping.Defaults[entity], raw, connectionId).ToJsonString(),
        raw.Data.ToJsonString(),
        seenAt,
        raw.RemoteCreatedAt,
        raw.RemoteUpdatedAt);
}
