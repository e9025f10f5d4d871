using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Millwright.Client.Models;

namespace Millwright.Server.Features.Records.Query;

/// <summary>
/// The field catalogue of every entity, read once at start-up from the record types of
/// <c>Millwright.Client.Models</c>, so the wire contract stays the single source of truth: a property added
/// to a record type becomes filterable and sortable without touching the query engine.
/// </summary>
internal sealed partial class RecordSchemas
{
    public const string CustomFieldsPrefix = "custom_fields.";

    // Where each reference field points. A new *_id property without an entry here fails start-up
    // (see Build) rather than silently not being expandable.
    private static readonly Dictionary<string, Entity> ReferenceTargets = new(StringComparer.Ordinal)
    {
        ["site_id"] = Entity.Sites,
        ["location_id"] = Entity.Locations,
        ["asset_id"] = Entity.Assets,
        ["requested_by_id"] = Entity.Users,
        ["pm_schedule_id"] = Entity.PmSchedules,
        ["work_order_id"] = Entity.WorkOrders,
        ["vendor_id"] = Entity.Vendors,
        ["meter_id"] = Entity.Meters,
        ["assignee_ids"] = Entity.Users,
        ["team_ids"] = Entity.Teams,
        ["vendor_ids"] = Entity.Vendors,
        ["member_ids"] = Entity.Users,
    };

    private readonly Dictionary<Entity, EntitySchema> schemas;

    private RecordSchemas(Dictionary<Entity, EntitySchema> schemas) => this.schemas = schemas;

    public EntitySchema this[Entity entity] => schemas[entity];

    public static RecordSchemas Build() =>
        new(EntityInfo.All.ToDictionary(e => e.Entity, e => new EntitySchema(e, [.. EnvelopeFields(), .. TypedFields(e)])));

    /// <summary>Custom field names: anything printable that cannot break a JSON path or the filter syntax.</summary>
    public static bool IsValidCustomFieldName(ReadOnlySpan<char> name) => name.Length is > 0 and <= 128 && CustomName().IsMatch(name);

    private static IEnumerable<FieldDef> EnvelopeFields() =>
    [
        new("id", FieldKind.String, FieldSource.Column, "id", Nullable: false),
        new("remote_id", FieldKind.String, FieldSource.Column, "remote_id", Nullable: false),
        new("created_at", FieldKind.DateTime, FieldSource.Column, "created_at", Nullable: false),
        new("updated_at", FieldKind.DateTime, FieldSource.Column, "updated_at", Nullable: false),
        new("deleted_at", FieldKind.DateTime, FieldSource.Column, "deleted_at", Nullable: true),
        new("remote_created_at", FieldKind.DateTime, FieldSource.Column, "remote_created_at", Nullable: true),
        new("remote_updated_at", FieldKind.DateTime, FieldSource.Column, "remote_updated_at", Nullable: true),
    ];

    private static IEnumerable<FieldDef> TypedFields(EntityInfo entity)
    {
        var envelope = typeof(UnifiedRecord).GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).ToHashSet();
        foreach (var property in entity.RecordType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (envelope.Contains(property.Name))
            {
                continue;
            }

            var name = JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name);
            if (!FieldName().IsMatch(name))
            {
                throw new InvalidOperationException($"{entity.RecordType.Name}.{property.Name} has a wire name the query engine cannot use: {name}.");
            }

            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var field = new FieldDef(name, KindOf(type, entity, property), FieldSource.Data, name, Nullable: true)
            {
                IsInteger = type == typeof(int) || type == typeof(long),
            };
            if (field.Kind == FieldKind.Enum)
            {
                field = field with { EnumValues = [.. Enum.GetNames(type).Select(JsonNamingPolicy.SnakeCaseLower.ConvertName)] };
            }

            yield return WithReference(field, entity);
        }
    }

    private static FieldKind KindOf(Type type, EntityInfo entity, PropertyInfo property) => type switch
    {
        _ when type == typeof(string) => FieldKind.String,
        _ when type == typeof(bool) => FieldKind.Boolean,
        _ when type == typeof(DateTimeOffset) => FieldKind.DateTime,
        _ when type == typeof(decimal) || type == typeof(int) || type == typeof(long) || type == typeof(double) => FieldKind.Number,
        { IsEnum: true } => FieldKind.Enum,
        _ when type.IsAssignableTo(typeof(IEnumerable<string>)) => FieldKind.StringArray,
        { IsGenericType: true } when type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) => FieldKind.ObjectArray,
        _ => throw new InvalidOperationException($"{entity.RecordType.Name}.{property.Name}: the query engine has no field type for {type.Name}."),
    };

    private static FieldDef WithReference(FieldDef field, EntityInfo entity)
    {
        var single = field.Name.EndsWith("_id", StringComparison.Ordinal);
        var many = field.Name.EndsWith("_ids", StringComparison.Ordinal);
        if (!single && !many)
        {
            return field;
        }

        var target = field.Name == "parent_id" ? entity
            : ReferenceTargets.TryGetValue(field.Name, out var known) ? EntityInfo.Of(known)
            : throw new InvalidOperationException($"{entity.RecordType.Name}.{field.Name}: add the entity it references to RecordSchemas.ReferenceTargets.");
        var expandName = single ? field.Name[..^"_id".Length] : field.Name[..^"_ids".Length] + "s";
        return field with { References = target, ExpandName = expandName };
    }

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex FieldName();

    // No quote, backslash, dot, colon or brackets (JSON path and filter[...] syntax), no control characters.
    [GeneratedRegex("^[^\"\\\\.:\\[\\]\\p{C}]+$")]
    private static partial Regex CustomName();
}
