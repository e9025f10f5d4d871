using Millwright.Client.Models;

namespace Millwright.Server.Features.Records.Query;

/// <summary>Type of a queryable field; decides which operators and values it accepts and how SQL reads it.</summary>
internal enum FieldKind
{
    String,
    Number,
    Boolean,
    DateTime,
    /// <summary>String with a closed set of values; ordered by declaration order.</summary>
    Enum,
    /// <summary>List of strings (ids); <c>eq</c>/<c>in</c> mean membership.</summary>
    StringArray,
    /// <summary>Nested objects (stock, line items): returned, not queryable.</summary>
    ObjectArray,
    /// <summary><c>custom_fields.&lt;name&gt;</c>: untyped, compared by the JSON type of the stored value.</summary>
    Dynamic,
}

/// <summary>Where a field lives: an envelope column of <c>records</c>, a property of <c>data</c>, or a custom field.</summary>
internal enum FieldSource
{
    Column,
    Data,
    CustomField,
}

/// <summary>One field of one entity as the query engine sees it.</summary>
/// <param name="Name">Wire name (<c>due_at</c>, <c>custom_fields.line</c>).</param>
/// <param name="Kind">Type.</param>
/// <param name="Source">Column, data property or custom field.</param>
/// <param name="StorageName">Column name, data property name or custom field name.</param>
/// <param name="Nullable">Whether the value can be missing (envelope columns <c>id</c>, <c>created_at</c>… cannot).</param>
internal sealed record FieldDef(string Name, FieldKind Kind, FieldSource Source, string StorageName, bool Nullable)
{
    /// <summary>Allowed values of an <see cref="FieldKind.Enum"/>, in declaration order.</summary>
    public IReadOnlyList<string> EnumValues { get; init; } = [];

    /// <summary>Entity an <c>_id</c>/<c>_ids</c> field points to.</summary>
    public EntityInfo? References { get; init; }

    /// <summary>Name under which <c>expand</c> inlines the referenced record(s) (<c>asset</c>, <c>assignees</c>).</summary>
    public string? ExpandName { get; init; }

    /// <summary>A <see cref="FieldKind.Number"/> that only holds whole numbers (the model property is an int or long).</summary>
    public bool IsInteger { get; init; }

    public bool IsSortable => Kind is not (FieldKind.StringArray or FieldKind.ObjectArray);

    public static FieldDef Custom(string name) =>
        new($"{RecordSchemas.CustomFieldsPrefix}{name}", FieldKind.Dynamic, FieldSource.CustomField, name, Nullable: true);
}
