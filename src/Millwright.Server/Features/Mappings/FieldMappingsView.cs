using Microsoft.EntityFrameworkCore;
using Millwright.Client.Mappings;
using Millwright.Client.Models;
using Millwright.Connectors.Core;
using Millwright.Connectors.Mapping;
using Millwright.Server.Features.Connections;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Mappings;

/// <summary>Builds the <see cref="FieldMappings"/> answer: lines in force per entity plus discovered source fields.</summary>
internal sealed class FieldMappingsView(MillwrightDb db)
{
    public async Task<FieldMappings> BuildAsync(ConnectionRow connection, IConnector connector, CurrentMappings current, CancellationToken cancellationToken)
    {
        var entities = new List<EntityFieldMappings>();
        foreach (var info in MappingValidation.Offered(connector))
        {
            var defaults = connector.DefaultMappings[info.Entity];
            var effective = current.Overrides.Apply(info, defaults);
            var raws = await db.Records.AsNoTracking()
                .Where(r => r.ConnectionId == connection.Id && r.Entity == info.Path)
                .OrderByDescending(r => r.UpdatedAt)
                .Take(SourceFieldDiscovery.SampleSize)
                .Select(r => r.Raw)
                .ToListAsync(cancellationToken);
            var stored = raws.Count < SourceFieldDiscovery.SampleSize
                ? raws.Count
                : await db.Records.CountAsync(r => r.ConnectionId == connection.Id && r.Entity == info.Path, cancellationToken);
            var read = effective.Fields
                .SelectMany(f => MappingEngine.Inspect(f.Expression)?.SourcePaths ?? [])
                .ToHashSet(StringComparer.Ordinal);
            entities.Add(new EntityFieldMappings
            {
                Entity = info.Path,
                Fields = Lines(info, defaults, effective, current.Overrides),
                SourceFields = SourceFieldDiscovery.Discover(raws, read),
                RecordsSampled = raws.Count,
                RecordsStored = stored,
            });
        }

        return new FieldMappings
        {
            ConnectionId = connection.Id,
            System = connection.System,
            Version = current.Version,
            UpdatedAt = current.ChangedAt,
            Entities = entities,
        };
    }

    private static List<FieldMappingLine> Lines(EntityInfo info, EntityMapping defaults, EntityMapping effective, MappingOverrides overrides)
    {
        var own = overrides.Entities.GetValueOrDefault(info.Path);
        var byDefault = defaults.Fields.ToDictionary(f => f.Target, f => f.Expression, StringComparer.Ordinal);
        var inForce = effective.Fields.ToDictionary(f => f.Target, f => f.Expression, StringComparer.Ordinal);
        FieldMappingLine Line(string target, string type, IReadOnlyList<string>? enumValues) => new()
        {
            Target = target,
            Type = type,
            EnumValues = enumValues,
            Expression = inForce.GetValueOrDefault(target),
            Source = own?.ContainsKey(target) == true ? "connection" : "default",
            DefaultExpression = byDefault.GetValueOrDefault(target),
        };

        var lines = UnifiedFields.For(info.Entity).Select(f => Line(f.Name, TypeName(f.Kind), f.EnumValues)).ToList();
        lines.AddRange(effective.Fields
            .Where(f => f.Target == MappingTargets.CustomFields || f.Target.StartsWith(MappingTargets.CustomPrefix, StringComparison.Ordinal))
            .Select(f => Line(f.Target, f.Target == MappingTargets.CustomFields ? "object" : "any", null)));
        return lines;
    }

    public static string TypeName(UnifiedFieldKind kind) => kind switch
    {
        UnifiedFieldKind.String => "string",
        UnifiedFieldKind.Decimal => "number",
        UnifiedFieldKind.Integer => "integer",
        UnifiedFieldKind.Boolean => "boolean",
        UnifiedFieldKind.DateTime => "date_time",
        UnifiedFieldKind.Enum => "enum",
        UnifiedFieldKind.StringList => "string_list",
        _ => "object_list",
    };
}

/// <summary>Target names with a meaning of their own.</summary>
internal static class MappingTargets
{
    public const string CustomFields = "custom_fields";
    public const string CustomPrefix = "custom_fields.";
}
