using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using Millwright.Client.Models;

namespace Millwright.Connectors.Mapping;

/// <summary>The wire type of one unified field, as far as a mapping needs to know it.</summary>
public enum UnifiedFieldKind
{
    String,
    Decimal,
    Integer,
    Boolean,
    DateTime,
    Enum,
    StringList,
    ObjectList,
}

/// <summary>One typed field of a unified record (envelope fields excluded).</summary>
/// <param name="Name">snake_case name, exactly as on the wire.</param>
/// <param name="Kind">Wire type.</param>
/// <param name="EnumValues">Allowed snake_case values when <paramref name="Kind"/> is <see cref="UnifiedFieldKind.Enum"/>.</param>
/// <param name="Nested">Fields of each element when <paramref name="Kind"/> is <see cref="UnifiedFieldKind.ObjectList"/>.</param>
public sealed record UnifiedField(
    string Name,
    UnifiedFieldKind Kind,
    IReadOnlyList<string>? EnumValues = null,
    IReadOnlyList<UnifiedField>? Nested = null);

/// <summary>
/// The mappable fields of every entity, read once from the Millwright.Client record types so that the
/// model stays the single source of truth: a new property there is a new mapping target here.
/// </summary>
public static class UnifiedFields
{
    /// <summary>Fields every record carries that the sync engine fills, never a mapping.</summary>
    public static IReadOnlySet<string> EnvelopeFields { get; } = new[]
    {
        "id", "remote_id", "created_at", "updated_at", "deleted_at", "remote_created_at", "remote_updated_at",
        "custom_fields", "raw",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenDictionary<Entity, IReadOnlyList<UnifiedField>> ByEntity =
        EntityInfo.All.ToFrozenDictionary(e => e.Entity, e => (IReadOnlyList<UnifiedField>)Describe(e.RecordType, envelope: true));

    private static readonly FrozenDictionary<Entity, FrozenDictionary<string, UnifiedField>> ByName =
        ByEntity.ToFrozenDictionary(p => p.Key, p => p.Value.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal));

    /// <summary>The typed fields of <paramref name="entity"/> in declaration order.</summary>
    public static IReadOnlyList<UnifiedField> For(Entity entity) => ByEntity[entity];

    /// <summary>One field by snake_case name; null when the entity has no such field.</summary>
    public static UnifiedField? Find(Entity entity, string name) => ByName[entity].GetValueOrDefault(name);

    private static List<UnifiedField> Describe(Type recordType, bool envelope)
    {
        var fields = new List<UnifiedField>();
        foreach (var property in recordType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name);
            if (envelope && EnvelopeFields.Contains(name))
            {
                continue;
            }

            fields.Add(Describe(name, property.PropertyType));
        }

        return fields;
    }

    private static UnifiedField Describe(string name, Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(string))
        {
            return new(name, UnifiedFieldKind.String);
        }

        if (underlying == typeof(decimal) || underlying == typeof(double))
        {
            return new(name, UnifiedFieldKind.Decimal);
        }

        if (underlying == typeof(int) || underlying == typeof(long))
        {
            return new(name, UnifiedFieldKind.Integer);
        }

        if (underlying == typeof(bool))
        {
            return new(name, UnifiedFieldKind.Boolean);
        }

        if (underlying == typeof(DateTimeOffset))
        {
            return new(name, UnifiedFieldKind.DateTime);
        }

        if (underlying.IsEnum)
        {
            var values = Enum.GetNames(underlying).Select(JsonNamingPolicy.SnakeCaseLower.ConvertName).ToArray();
            return new(name, UnifiedFieldKind.Enum, values);
        }

        if (underlying.IsGenericType && underlying.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            var element = underlying.GetGenericArguments()[0];
            return element == typeof(string)
                ? new(name, UnifiedFieldKind.StringList)
                : new(name, UnifiedFieldKind.ObjectList, Nested: Describe(element, envelope: false));
        }

        throw new InvalidOperationException($"Unified field '{name}' has type {type.Name}, which mappings do not support yet.");
    }
}
