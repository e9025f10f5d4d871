using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Millwright.Client.Mappings;
using Millwright.Connectors.Core;
using Millwright.Connectors.Mapping;
using Millwright.Server.Features.Connections;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Mappings;

/// <summary>Applies proposed overrides to a few stored records of each entity they change; reads only.</summary>
internal sealed class MappingPreview(MillwrightDb db)
{
    public const int DefaultLimit = 5;
    public const int MaxLimit = 20;

    public async Task<FieldMappingsPreview> BuildAsync(
        ConnectionRow connection, IConnector connector, MappingOverrides current, MappingOverrides proposed, int limit, CancellationToken cancellationToken)
    {
        var entities = new List<EntityPreview>();
        foreach (var info in MappingValidation.Offered(connector))
        {
            var defaults = connector.DefaultMappings[info.Entity];
            var before = current.Apply(info, defaults);
            var after = proposed.Apply(info, defaults);
            if (before.Fields.SequenceEqual(after.Fields))
            {
                continue;
            }

            var rows = await db.Records.AsNoTracking()
                .Where(r => r.ConnectionId == connection.Id && r.Entity == info.Path)
                .OrderByDescending(r => r.UpdatedAt).ThenBy(r => r.Id)
                .Take(limit)
                .Select(r => new { r.Id, r.RemoteId, r.Data, r.Raw })
                .ToListAsync(cancellationToken);
            var records = new List<RecordPreview>(rows.Count);
            foreach (var row in rows)
            {
                if (JsonNode.Parse(row.Raw) is not JsonObject raw || JsonNode.Parse(row.Data) is not JsonObject stored)
                {
                    continue;
                }

                var mapped = MappingEngine.Apply(after, new RawRecord(row.RemoteId, raw, null, null, null), connection.Id);
                records.Add(new RecordPreview
                {
                    Id = row.Id,
                    RemoteId = row.RemoteId,
                    Before = JsonSerializer.SerializeToElement(stored),
                    After = JsonSerializer.SerializeToElement(mapped),
                    ChangedFields = Changed(stored, mapped),
                });
            }

            entities.Add(new EntityPreview { Entity = info.Path, Records = records });
        }

        return new FieldMappingsPreview { Entities = entities };
    }

    private static List<string> Changed(JsonObject before, JsonObject after)
    {
        var changed = new List<string>();
        foreach (var name in before.Select(p => p.Key).Union(after.Select(p => p.Key)))
        {
            if (name == MappingTargets.CustomFields)
            {
                var a = before[name] as JsonObject ?? [];
                var b = after[name] as JsonObject ?? [];
                changed.AddRange(a.Select(p => p.Key).Union(b.Select(p => p.Key))
                    .Where(k => !JsonNode.DeepEquals(a[k], b[k]))
                    .Select(k => MappingTargets.CustomPrefix + k));
            }
            else if (!JsonNode.DeepEquals(before[name], after[name]))
            {
                changed.Add(name);
            }
        }

        return changed;
    }
}
