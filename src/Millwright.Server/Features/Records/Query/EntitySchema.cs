using Millwright.Client.Models;

namespace Millwright.Server.Features.Records.Query;

/// <summary>The queryable shape of one entity: its fields by wire name and what <c>expand</c> can inline.</summary>
internal sealed class EntitySchema
{
    public EntitySchema(EntityInfo info, IReadOnlyList<FieldDef> fields)
    {
        Info = info;
        Fields = fields;
        ByName = fields.ToDictionary(f => f.Name, StringComparer.Ordinal);
        Expansions = fields.Where(f => f.ExpandName is not null).ToDictionary(f => f.ExpandName!, StringComparer.Ordinal);
        ExpansionByField = fields.Where(f => f.ExpandName is not null).ToDictionary(f => f.Name, StringComparer.Ordinal);
        var dateTimes = fields.Where(f => f is { Source: FieldSource.Data, Kind: FieldKind.DateTime })
            .Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        DateTimeDataFields = dateTimes;
        dateTimeLookup = dateTimes.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> dateTimeLookup;

    public EntityInfo Info { get; }

    /// <summary>Envelope fields first, then typed fields in declaration order.</summary>
    public IReadOnlyList<FieldDef> Fields { get; }

    public IReadOnlyDictionary<string, FieldDef> ByName { get; }

    /// <summary>Reference fields by expand name (<c>asset</c> → <c>asset_id</c>).</summary>
    public IReadOnlyDictionary<string, FieldDef> Expansions { get; }

    /// <summary>Reference fields by their own name (<c>asset_id</c>), for the writer.</summary>
    public IReadOnlyDictionary<string, FieldDef> ExpansionByField { get; }

    /// <summary>Typed date-time fields of <c>data</c>, which the writer normalizes to UTC.</summary>
    public IReadOnlySet<string> DateTimeDataFields { get; }

    /// <summary><see cref="DateTimeDataFields"/> by a name the writer has not made a string of.</summary>
    public bool IsDateTimeDataField(ReadOnlySpan<char> name) => dateTimeLookup.Contains(name);

    /// <summary>Resolves a field name from a query, including <c>custom_fields.&lt;name&gt;</c>; null when unknown.</summary>
    public FieldDef? Find(string name)
    {
        if (ByName.TryGetValue(name, out var field))
        {
            return field;
        }

        return name.StartsWith(RecordSchemas.CustomFieldsPrefix, StringComparison.Ordinal)
            && RecordSchemas.IsValidCustomFieldName(name.AsSpan(RecordSchemas.CustomFieldsPrefix.Length))
            ? FieldDef.Custom(name[RecordSchemas.CustomFieldsPrefix.Length..])
            : null;
    }
}
