using System.Text.RegularExpressions;
using Millwright.Client.Models;
using Millwright.Server.Features.Records.Query;

namespace Millwright.Server.Features.Records.Sql;

/// <summary>
/// The query indexes of <c>records</c> (ADR 0021): one per typed scalar field of each entity and per envelope
/// column, on exactly the expression <see cref="RecordSql"/> filters and sorts by, after the connection (and
/// for envelope columns the entity), ending with <c>id</c> so that a keyset page is one range scan. Data
/// fields get a partial index per entity (<c>WHERE entity = '…'</c>), so a work order pays only for the work
/// order fields. The store's migrations hold the frozen DDL this produces; the query-plan tests check that
/// every field is served by its index, so a new field (or a changed expression) fails them until a migration
/// adds what <see cref="Create"/> prints for it.
/// </summary>
internal static partial class QueryIndexes
{
    /// <summary>Whether a field has a query index: typed scalars but free text, and envelope columns (<c>updated_at</c> has the model's own).</summary>
    public static bool Covers(FieldDef field) => field.Source switch
    {
        FieldSource.Column => true,
        // Free text is searched with contains, which no B-tree serves, and can outgrow PostgreSQL's index row limit.
        FieldSource.Data => field.Kind is FieldKind.String or FieldKind.Number or FieldKind.Boolean or FieldKind.DateTime or FieldKind.Enum
            && field.Name is not ("description" or "address"),
        _ => false,
    };

    public static string Name(EntityInfo entity, FieldDef field) => field switch
    {
        { Source: FieldSource.Column, StorageName: "updated_at" } => "IX_records_connection_id_entity_updated_at_id",
        { Source: FieldSource.Column } => $"ix_rq_{field.StorageName}",
        _ => $"ix_rq_{Literal(entity.Path).Replace('-', '_')}_{field.StorageName}",
    };

    /// <summary>
    /// The index a walk of <paramref name="field"/>'s order reads (<c>RecordSql</c>): the field's own, but for the default
    /// order (<c>updated_at</c>) on a dialect whose indexes carry the walk filters, the entity's copy of the model's
    /// index that carries them (a walk filters on them, so the entity has some).
    /// </summary>
    public static string WalkName(ISqlDialect dialect, EntityInfo entity, FieldDef field) =>
        dialect.IndexesCarryWalkFilters && field is { Source: FieldSource.Column, StorageName: "updated_at" }
            ? DefaultOrderWalk(entity)
            : Name(entity, field);

    private static string DefaultOrderWalk(EntityInfo entity) => $"ix_rq_{Literal(entity.Path).Replace('-', '_')}_updated_at";

    /// <summary>The DDL of every query index for one store, in a stable order (envelope columns, then entities).</summary>
    public static IEnumerable<(string Name, string Create)> Create(ISqlDialect dialect, RecordSchemas schemas)
    {
        var sql = new RecordSql(dialect, connectionId: "");
        var envelope = schemas[EntityInfo.All[0].Entity];
        foreach (var field in envelope.Fields.Where(f => f.Source == FieldSource.Column && f.StorageName != "updated_at"))
        {
            var key = field.StorageName == "id" ? "id" : $"{Column(sql.KeyExpression(field))}, id";
            // Nearly every list says deleted_at IS NULL; over all rows this index would win that equality from the
            // field indexes on SQLite, whose planner (without statistics) ranks by the number of equal columns.
            var where = field.StorageName == "deleted_at" && dialect.NullTestOrdersById ? " WHERE deleted_at IS NOT NULL" : "";
            yield return (Name(envelope.Info, field), $"CREATE INDEX {Name(envelope.Info, field)} ON records (connection_id, entity, {key}){where}");
        }

        foreach (var entity in EntityInfo.All)
        {
            var schema = schemas[entity.Entity];
            var carried = dialect.IndexesCarryWalkFilters ? WalkFilters(schema).ToList() : [];
            foreach (var field in schema.Fields.Where(f => f.Source == FieldSource.Data && Covers(f)))
            {
                var carries = carried.Count == 0 || !CarriesWalkFilters(field)
                    ? ""
                    : ", deleted_at" + string.Concat(carried.Where(c => c.Name != field.Name).Select(c => $", {Column(sql.KeyExpression(c))}"));
                yield return (Name(entity, field),
                    $"CREATE INDEX {Name(entity, field)} ON records (connection_id, {Column(sql.KeyExpression(field))}, id{carries}) WHERE entity = '{Literal(entity.Path)}'");
            }

            if (carried.Count > 0)
            {
                // The default order's walk: the model's updated_at index spans every entity and carries nothing.
                var name = DefaultOrderWalk(entity);
                var columns = string.Concat(carried.Select(c => $", {Column(sql.KeyExpression(c))}"));
                yield return (name, $"CREATE INDEX {name} ON records (connection_id, updated_at, id, deleted_at{columns}) WHERE entity = '{Literal(entity.Path)}'");
            }
        }
    }

    /// <summary>
    /// Whether a filter on the field lets a list walk its sort's index (<c>RecordSql</c>): an enum or a boolean, a few
    /// values each, so that walking in order fills a page sooner than reading every row the filter's index holds.
    /// </summary>
    public static bool FiltersAWalk(FieldDef field) => field.Kind is FieldKind.Enum or FieldKind.Boolean && Covers(field);

    /// <summary>
    /// Whether the index of a sort field carries its entity's <see cref="WalkFilters"/>: every one but references',
    /// whose order (of opaque ids) is no order a list is read in; a walk by one still works, reading the rows it passes.
    /// Each carried column is computed again by every write of the record, so they go only where a walk is likely.
    /// </summary>
    public static bool CarriesWalkFilters(FieldDef field) => field.References is null;

    /// <summary>
    /// The fields a walk may filter on, which an entity's field indexes carry after their key where the dialect says
    /// so (<see cref="ISqlDialect.IndexesCarryWalkFilters"/>, ADR 0035), together with <c>deleted_at</c>: a walk for
    /// <c>status in (open, in_progress)</c> and <c>priority ≥ high</c> by <c>-due_at</c> then tests each index entry
    /// and reads only the rows of the page, where it parsed the JSON of about twelve rows per row it kept.
    /// </summary>
    public static IEnumerable<FieldDef> WalkFilters(EntitySchema schema) =>
        schema.Fields.Where(f => f.Source == FieldSource.Data && FiltersAWalk(f));

    /// <summary>An entity path checked to be safe inside a SQL string literal.</summary>
    public static string Literal(string path) => PathPattern().IsMatch(path)
        ? path
        : throw new InvalidOperationException($"Entity path {path} cannot be inlined.");

    // An index expression names the table's columns without the query's alias (the planners match them all
    // the same); a bare column stays bare, anything else is parenthesized as both CREATE INDEX syntaxes want.
    private static string Column(string expression)
    {
        var bare = Alias().Replace(expression, "");
        return bare.All(c => char.IsAsciiLetterLower(c) || c == '_') ? bare : $"({bare})";
    }

    [GeneratedRegex(@"(?<![\w$'])r\.")]
    private static partial Regex Alias();

    [GeneratedRegex("^[a-z][a-z-]*$")]
    private static partial Regex PathPattern();
}
