using System.Text;
using Millwright.Client.Models;
using Millwright.Server.Features.Records.Cursors;
using Millwright.Server.Features.Records.Query;

namespace Millwright.Server.Features.Records.Sql;

/// <summary>
/// Builds the parameterized statements of one request. SQL text only ever contains column names,
/// whitelisted field names and enum literals from the schema; every value is a parameter.
/// Result columns: 0–6 envelope, 7 data, 8 raw (or NULL), 9… the cursor values of the sort keys.
/// </summary>
internal sealed partial class RecordSql(ISqlDialect dialect, string connectionId)
{
    /// <summary>Which rows of a split sort a statement reads (<see cref="SplitsNulls"/>).</summary>
    internal enum KeyRange
    {
        All,
        Values,
        Nulls,
    }

    public const int CursorColumnsStart = 9;
    private const string Envelope = "r.id, r.remote_id, r.created_at, r.updated_at, r.deleted_at, r.remote_created_at, r.remote_updated_at, r.data";

    private readonly SqlParameters parameters = new();

    /// <summary>The sort field whose index the statement being built walks (<see cref="WalksSortIndex"/>); filters on other enums then stay off their indexes.</summary>
    private FieldDef? walkedSort;

    /// <summary>ORDER BY keys of the query, ending with the id tiebreaker (which follows the last term's direction).</summary>
    public IReadOnlyList<SortKey> SortKeys(IReadOnlyList<SortTerm> terms)
    {
        var keys = new List<SortKey>();
        foreach (var term in terms)
        {
            keys.AddRange(KeysOf(term));
        }

        if (terms[^1].Field.Name != "id")
        {
            keys.Add(new SortKey("r.id", SqlKind.Text, Nullable: false, terms[^1].Descending));
        }

        return keys;
    }

    /// <summary>
    /// Whether a list reads its rows in two index range scans: the rows where the one sort field has a value,
    /// in its order, then those where it is null, by id. Nulls sort last in both directions, which no single
    /// index order gives on both stores (SQLite orders nulls first, PostgreSQL last, and a backward scan flips
    /// that); split, each part is a plain range of the field's query index (ADR 0021).
    /// </summary>
    public static bool SplitsNulls(IReadOnlyList<SortKey> keys) => keys.Count == 2 && keys[0].Nullable;

    /// <param name="range">For a <see cref="SplitsNulls"/> sort, which part this statement reads.</param>
    /// <param name="limit">Rows to read; the page size plus one tells whether there is a next page.</param>
    public SqlStatement List(EntityInfo entity, RecordQuery query, IReadOnlyList<SortKey> keys, CursorPosition? after, KeyRange range = KeyRange.All, int? limit = null)
    {
        var sql = new StringBuilder(512).Append("SELECT ").Append(Envelope).Append(query.IncludeRaw ? ", r.raw" : ", NULL");
        foreach (var key in keys.Take(keys.Count - 1))
        {
            sql.Append(", ").Append(dialect.CursorColumn(key.Expression, key.Kind));
        }

        sql.Append(" FROM records r");
        walkedSort = WalksSortIndex(query, range);
        if (walkedSort is not null)
        {
            sql.Append(dialect.IndexHint(QueryIndexes.WalkName(dialect, entity, walkedSort)));
        }

        sql.Append(" WHERE ").Append(Scope(entity));
        if (!query.IncludeDeleted)
        {
            sql.Append(" AND r.deleted_at IS NULL");
        }

        if (query.UpdatedAfter is { } updatedAfter)
        {
            sql.Append(" AND r.updated_at > ").Append(parameters.Add(dialect.TimeColumnValue(updatedAfter)));
        }

        foreach (var filter in query.Filters)
        {
            sql.Append(" AND ").Append(Predicate(filter));
        }

        var order = keys;
        if (range != KeyRange.All)
        {
            // The part's rows all have a value (or all lack one), so the key orders like a non-null column and
            // the ORDER BY needs no NULLS clause the index cannot give.
            sql.Append(" AND ").Append(keys[0].Expression).Append(range == KeyRange.Values ? " IS NOT NULL" : " IS NULL");
            order = range == KeyRange.Nulls && dialect.NullTestOrdersById ? [keys[1]] : [keys[0] with { Nullable = false }, keys[1]];
        }

        if (after is not null)
        {
            sql.Append(" AND ").Append(range == KeyRange.Nulls
                ? $"r.id {(keys[1].Descending ? "<" : ">")} {dialect.CursorParameter(parameters.Add(after.Id), SqlKind.Text)}"
                : Keyset(order, after));
        }

        sql.Append(" ORDER BY ").AppendJoin(", ", order.Select(k =>
            $"{k.Expression} {(k.Descending ? "DESC" : "ASC")}{(k.Nullable ? " NULLS LAST" : "")}"));
        // One row more than the page tells whether there is a next page.
        sql.Append(" LIMIT ").Append(parameters.Add((long)(limit ?? (query.Limit + 1))));
        return new SqlStatement(sql.ToString(), parameters.Values);
    }

    /// <summary>
    /// The sort field whose index a statement should walk, where SQLite's planner (which keeps no statistics here,
    /// ADR 0021) would pick a worse one. It ranks an equality or range on any indexed expression as picking a few
    /// rows, so for <c>status in (open, in_progress)</c> and <c>priority ≥ high</c> sorted by <c>-due_at</c> it read
    /// every row of a filter's index and sorted them. Filters on enums and booleans have a few values each, so a
    /// page is found sooner by walking the sort index in order and stopping when the page is full. A filter that
    /// may pick few rows (a reference, a remote id, a date range, <c>updated_after</c>) keeps the planner's choice.
    /// PostgreSQL, which has no hints, misjudges the same query alike; there the enum filters are written so that no
    /// index matches them (<see cref="ISqlDialect.Unindexed"/>), which leaves the sort's index as the one to walk.
    /// The nulls of a split sort always walk the field's index, which holds them together in id order, where SQLite
    /// would rather walk the entity by id testing every row (deleted_at's index holds only non-nulls).
    /// </summary>
    private static FieldDef? WalksSortIndex(RecordQuery query, KeyRange range)
    {
        if (query.Sort.Count != 1 || query.Sort[0].Field is not { Name: not "deleted_at" } field || !QueryIndexes.Covers(field))
        {
            return null;
        }

        if (range == KeyRange.Nulls)
        {
            return field;
        }

        return query.Filters.Count > 0 && query.UpdatedAfter is null
            && query.Filters.All(f => QueryIndexes.FiltersAWalk(f.Field))
            ? field
            : null;
    }

    public SqlStatement Get(EntityInfo entity, string id, bool includeDeleted, bool includeRaw)
    {
        var sql = $"SELECT {Envelope}, {(includeRaw ? "r.raw" : "NULL")} FROM records r WHERE {Scope(entity)} AND r.id = {parameters.Add(id)}"
            + (includeDeleted ? "" : " AND r.deleted_at IS NULL");
        return new SqlStatement(sql, parameters.Values);
    }

    /// <summary>Referenced records of one expanded field, deleted or not: the reference itself still stands.</summary>
    public SqlStatement ByIds(EntityInfo entity, IReadOnlyCollection<string> ids) => new(
        $"SELECT {Envelope}, NULL FROM records r WHERE {Scope(entity)} AND {dialect.IdIn("r.id", parameters.Add(dialect.IdListValue(ids)))}",
        parameters.Values);

    // The entity is inlined (a path of EntityInfo.All, never from the request) so that the planner can match
    // the partial query indexes, whose WHERE names it (ADR 0021); a parameter would hide it from the planner.
    private string Scope(EntityInfo entity) =>
        $"r.connection_id = {parameters.Add(connectionId)} AND r.entity = '{QueryIndexes.Literal(entity.Path)}'";

    /// <summary>Rows strictly after the cursor position in ORDER BY order, nulls last.</summary>
    private string Keyset(IReadOnlyList<SortKey> keys, CursorPosition after)
    {
        var values = after.Keys.Append(after.Id).ToArray();
        var bound = keys.Select((k, i) => values[i] is null ? null : dialect.CursorParameter(parameters.Add(values[i]), k.Kind)).ToArray();
        if (keys.All(k => !k.Nullable && k.Descending == keys[0].Descending))
        {
            // Row-value comparison: both stores turn it into an index range scan.
            return $"({string.Join(", ", keys.Select(k => k.Expression))}) {(keys[0].Descending ? "<" : ">")} ({string.Join(", ", bound)})";
        }

        var disjuncts = new List<string>();
        for (var i = 0; i < keys.Count; i++)
        {
            if (bound[i] is not { } value)
            {
                // Nothing sorts after a null but other nulls, which the next key orders.
                continue;
            }

            var key = keys[i];
            var beyond = $"{key.Expression} {(key.Descending ? "<" : ">")} {value}";
            var terms = keys.Take(i).Select((k, j) => bound[j] is { } b ? $"{k.Expression} = {b}" : $"{k.Expression} IS NULL")
                .Append(key.Nullable ? $"({beyond} OR {key.Expression} IS NULL)" : beyond);
            disjuncts.Add($"({string.Join(" AND ", terms)})");
        }

        return disjuncts.Count == 0 ? "FALSE" : $"({string.Join(" OR ", disjuncts)})";
    }
}
