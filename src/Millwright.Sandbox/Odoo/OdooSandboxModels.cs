using System.Globalization;

namespace Millwright.Sandbox.Odoo;

/// <summary>
/// One field of an emulated model, with the attributes <c>fields_get</c> reports. <see cref="Compute"/>
/// is set for computed and related fields: they are evaluated on read (and on search when stored).
/// </summary>
internal sealed record OdooField(string Name, string Type)
{
    public string? Relation { get; init; }

    /// <summary>The many2one on the comodel that a one2many reads back.</summary>
    public string? Inverse { get; init; }

    public IReadOnlyList<(string Value, string Label)>? Selection { get; init; }

    public bool Required { get; init; }

    public bool Readonly { get; init; }

    public bool Stored { get; init; } = true;

    public bool Translate { get; init; }

    /// <summary>False for fields Odoo leaves out of <c>copy()</c> (<c>copy=False</c>, and every one2many).</summary>
    public bool Copy { get; init; } = true;

    public string? Label { get; init; }

    /// <summary>A non-stored related field: Odoo searches it through its path.</summary>
    public bool Related { get; init; }

    /// <summary>The value of a computed or related field for one record.</summary>
    public Func<OdooEnv, OdooRow, object?>? Compute { get; init; }

    /// <summary>The default of a create that does not give the field.</summary>
    public Func<OdooEnv, object?>? Default { get; init; }

    public bool IsRelational => Type is "many2one" or "one2many" or "many2many";

    public bool IsToMany => Type is "one2many" or "many2many";

    /// <summary>Odoo's label when the field declares none: the name without <c>_id</c>/<c>_ids</c>, underscores as spaces, title case.</summary>
    public string String => Label ?? CultureInfo.InvariantCulture.TextInfo.ToTitleCase(
        (Name.EndsWith("_ids", StringComparison.Ordinal) ? Name[..^4] : Name.EndsWith("_id", StringComparison.Ordinal) ? Name[..^3] : Name).Replace('_', ' '));

    /// <summary>A stored field, or a computed one Odoo can search (stored computes and related fields).</summary>
    public bool Searchable => Stored || Related || IsToMany;
}

/// <summary>One emulated model: its fields (the standard ones included), default order and record name.</summary>
internal sealed class OdooModel
{
    public OdooModel(string name, string description, string app, string order, IEnumerable<OdooField> fields,
        Func<OdooEnv, OdooRow, string?>? displayName = null, string? parentField = null)
    {
        Name = name;
        Description = description;
        App = app;
        Order = order;
        var all = new Dictionary<string, OdooField>(StringComparer.Ordinal);
        foreach (var field in OdooFieldKit.Standard().Concat(fields))
        {
            all[field.Name] = field;
        }

        Fields = all;
        DisplayName = displayName ?? ((_, row) => row.Get("name") as string);
        ParentField = parentField;
    }

    public string Name { get; }

    /// <summary>The model's <c>_description</c>, used in access errors.</summary>
    public string Description { get; }

    /// <summary>The module that brings the model: base, product, maintenance, stock or purchase.</summary>
    public string App { get; }

    /// <summary><c>_order</c>.</summary>
    public string Order { get; }

    public IReadOnlyDictionary<string, OdooField> Fields { get; }

    public Func<OdooEnv, OdooRow, string?> DisplayName { get; }

    /// <summary><c>_parent_name</c> of hierarchical models (child_of / parent_of).</summary>
    public string? ParentField { get; }

    /// <summary>The field that archives records (<c>active</c>), when the model has one.</summary>
    public bool HasActive => Fields.TryGetValue("active", out var active) && active.Type == "boolean";

    public OdooField? Field(string name) => Fields.GetValueOrDefault(name);
}

/// <summary>Small builders for field definitions, so that the model files read like the Python they describe.</summary>
internal static class OdooFieldKit
{
    public static OdooField Char(string name, string? label = null) => new(name, "char") { Label = label };

    public static OdooField Html(string name, string? label = null) => new(name, "html") { Label = label };

    public static OdooField Text(string name, string? label = null) => new(name, "text") { Label = label };

    public static OdooField Int(string name, string? label = null) => new(name, "integer") { Label = label };

    public static OdooField Float(string name, string? label = null) => new(name, "float") { Label = label };

    public static OdooField Bool(string name, string? label = null) => new(name, "boolean") { Label = label };

    public static OdooField Date(string name, string? label = null) => new(name, "date") { Label = label };

    public static OdooField Datetime(string name, string? label = null) => new(name, "datetime") { Label = label };

    public static OdooField M2o(string name, string relation, string? label = null) => new(name, "many2one") { Relation = relation, Label = label };

    public static OdooField O2m(string name, string relation, string inverse) =>
        new(name, "one2many") { Relation = relation, Inverse = inverse, Copy = false, Compute = (env, row) => env.Inverse(relation, inverse, row.Id) };

    public static OdooField M2m(string name, string relation) => new(name, "many2many") { Relation = relation };

    public static OdooField Select(string name, params (string Value, string Label)[] values) => new(name, "selection") { Selection = values };

    /// <summary>A non-stored computed field (not searchable, read-only).</summary>
    public static OdooField Computed(this OdooField field, Func<OdooEnv, OdooRow, object?> compute) =>
        field with { Compute = compute, Stored = false, Readonly = true, Copy = false };

    /// <summary>A stored computed field: searchable, and evaluated from the record's current data.</summary>
    public static OdooField StoredCompute(this OdooField field, Func<OdooEnv, OdooRow, object?> compute) =>
        field with { Compute = compute, Stored = true, Readonly = true };

    public static IEnumerable<OdooField> Standard() =>
    [
        new("id", "integer") { Label = "ID", Readonly = true },
        new OdooField("display_name", "char") { Label = "Display Name" }.Computed((env, row) => env.DisplayName(row)),
        new("create_uid", "many2one") { Relation = "res.users", Label = "Created by", Readonly = true, Copy = false },
        new("create_date", "datetime") { Label = "Created on", Readonly = true, Copy = false },
        new("write_uid", "many2one") { Relation = "res.users", Label = "Last Updated by", Readonly = true, Copy = false },
        new("write_date", "datetime") { Label = "Last Updated on", Readonly = true, Copy = false },
    ];
}
