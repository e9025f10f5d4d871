using System.Text.Json;
using Millwright.Client.Models;
using Millwright.Connectors.Mapping;

namespace Millwright.Server.Features.Mappings;

/// <summary>
/// A connection's own field mappings: per entity path, target → expression. What is not here comes from
/// the connector's defaults. Immutable; keys are kept sorted so that equal overrides serialize equally.
/// </summary>
internal sealed class MappingOverrides
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    private MappingOverrides(SortedDictionary<string, SortedDictionary<string, string>> entities) => Entities = entities;

    public static MappingOverrides Empty { get; } = new(new(StringComparer.Ordinal));

    /// <summary>Entity path (<c>work-orders</c>) → target (<c>status</c>, <c>custom_fields.line</c>) → expression.</summary>
    public IReadOnlyDictionary<string, SortedDictionary<string, string>> Entities { get; }

    public int Count => Entities.Values.Sum(e => e.Count);

    public static MappingOverrides FromJson(string json) =>
        From(JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string?>?>>(json, Json) ?? []);

    /// <summary>Builds overrides from a request body; null expressions and empty entities mean "the default".</summary>
    public static MappingOverrides From(IReadOnlyDictionary<string, Dictionary<string, string?>?> entities)
    {
        var result = new SortedDictionary<string, SortedDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var (entity, fields) in entities)
        {
            var kept = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var (target, expression) in fields ?? [])
            {
                if (expression is not null)
                {
                    kept[target] = expression;
                }
            }

            if (kept.Count > 0)
            {
                result[entity] = kept;
            }
        }

        return new(result);
    }

    /// <summary>
    /// JSON merge patch (RFC 7396) of the overrides: an expression sets a field, a null field resets it to
    /// the default, a null entity resets the whole entity.
    /// </summary>
    public MappingOverrides Patch(IReadOnlyDictionary<string, Dictionary<string, string?>?> patch)
    {
        var merged = Entities.ToDictionary(
            e => e.Key, e => (Dictionary<string, string?>?)e.Value.ToDictionary(f => f.Key, f => (string?)f.Value, StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var (entity, fields) in patch)
        {
            if (fields is null)
            {
                merged.Remove(entity);
                continue;
            }

            var target = merged.TryGetValue(entity, out var existing) && existing is not null ? existing : merged[entity] = new(StringComparer.Ordinal);
            foreach (var (field, expression) in fields)
            {
                target[field] = expression;
            }
        }

        return From(merged);
    }

    public string ToJson() => JsonSerializer.Serialize(Entities, Json);

    /// <summary>The mapping in force for one entity: the defaults with this connection's lines replacing or adding to them.</summary>
    public EntityMapping Apply(EntityInfo entity, EntityMapping defaults)
    {
        if (!Entities.TryGetValue(entity.Path, out var own))
        {
            return defaults;
        }

        var fields = new List<FieldMapping>(defaults.Fields.Count + own.Count);
        foreach (var field in defaults.Fields)
        {
            // A line written back where it is read follows the connection's expression (written if that one inverts);
            // a line the system writes elsewhere (MaintainX reads asset.id, writes assetId) keeps the default's rule.
            fields.Add(own.TryGetValue(field.Target, out var expression)
                ? field with { Expression = expression, Write = field.Write == field.Expression ? expression : field.Write }
                : field);
        }

        var defaultTargets = defaults.Fields.Select(f => f.Target).ToHashSet(StringComparer.Ordinal);
        fields.AddRange(own.Where(o => !defaultTargets.Contains(o.Key)).Select(o => new FieldMapping(o.Key, o.Value)));
        return new EntityMapping(defaults.Entity, fields);
    }

    public bool SameAs(MappingOverrides other) => ToJson() == other.ToJson();
}
