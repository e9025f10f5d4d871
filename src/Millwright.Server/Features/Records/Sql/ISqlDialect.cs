using System.Data.Common;
using Millwright.Server.Features.Records.Query;

namespace Millwright.Server.Features.Records.Sql;

/// <summary>
/// The few places where SQLite and PostgreSQL differ for record queries: reading JSON out of
/// <c>records.data</c> (text on both; PostgreSQL reads its stored generated <c>jsonb</c> copy, <c>doc</c>), time
/// representation, text comparison, and parameter types.
/// Every expression it returns is NULL when the stored value is missing or of another JSON type, never an
/// error, so a malformed record cannot fail a list. Text compares byte-wise on both (SQLite BINARY,
/// PostgreSQL <c>COLLATE "C"</c>), so sort order and cursors behave the same on either store.
/// </summary>
internal interface ISqlDialect
{
    /// <summary>A handle on a value inside the record's document for the <c>Json*</c> methods. Typed field names are
    /// inlined (they come from the schema whitelist); custom field names always go in a parameter.</summary>
    string JsonNode(FieldDef field, SqlParameters parameters);

    /// <summary>
    /// Whether the planner sees that rows found by <c>key IS NULL</c> on a (…, key, id) index come in id order
    /// (SQLite), so that the null part of a split sort orders by id alone; PostgreSQL only matches the index
    /// order when the ORDER BY names the key too.
    /// </summary>
    bool NullTestOrdersById { get; }

    /// <summary>A clause after <c>FROM records r</c> that makes the planner read the named index (SQLite), or nothing.</summary>
    string IndexHint(string index);

    /// <summary>
    /// Whether an entity's field indexes carry <c>deleted_at</c> and its enum and boolean fields after the key
    /// (<see cref="QueryIndexes.WalkFilters"/>), so that a walk of the sort's index tests those filters on the index
    /// entry and reads only the matching rows (SQLite evaluates an indexed expression from the index and seeks the
    /// row only when it needs another column). PostgreSQL, whose walk meets Q1 as it is, keeps the narrow indexes.
    /// </summary>
    bool IndexesCarryWalkFilters { get; }

    /// <summary>
    /// An integer expression (an enum's position) that no index matches, so that a filter on it cannot draw the planner
    /// away from walking the sort's index (PostgreSQL, which has no hints); unchanged where <see cref="IndexHint"/> does that.
    /// </summary>
    string Unindexed(string ordinal);

    string JsonText(string node);

    /// <summary>
    /// A value to match against an enum's values (snake_case identifiers) in <c>CASE … WHEN</c>: the text of a JSON
    /// string, and for any other JSON type anything that equals none of them. SQLite's <c>json_extract</c> alone is
    /// that (a number stays a number, an object or array comes back as its JSON text), one function call where
    /// <see cref="JsonText"/> makes two, in every enum index entry a write computes (ADR 0035).
    /// </summary>
    string JsonEnumText(string node);

    string JsonNumber(string node);

    /// <summary>SQLite: 1/0; PostgreSQL: boolean.</summary>
    string JsonBoolean(string node);

    string JsonTime(string node);

    /// <summary>Never NULL: whether the JSON array at <paramref name="node"/> holds the string parameter.</summary>
    string JsonArrayContains(string node, string parameter);

    /// <summary>A text column compared byte-wise.</summary>
    string TextColumn(string column);

    /// <summary><paramref name="text"/> contains the (already ASCII-lower-cased) parameter, ignoring ASCII case.</summary>
    string Contains(string text, string parameter);

    /// <summary><paramref name="text"/> starts with the (already ASCII-lower-cased) parameter, ignoring ASCII case.</summary>
    string StartsWith(string text, string parameter);

    /// <summary><paramref name="column"/> is one of the ids in the list parameter made by <see cref="IdListValue"/>.</summary>
    string IdIn(string column, string parameter);

    object TimeColumnValue(DateTimeOffset value);

    /// <summary>Wraps a filter parameter made by <see cref="JsonTimeValue"/> to compare with <see cref="JsonTime"/>.</summary>
    string JsonTimeParameter(string parameter);

    object JsonTimeValue(DateTimeOffset value);

    object NumberValue(decimal value);

    object BooleanValue(bool value);

    object IdListValue(IReadOnlyCollection<string> ids);

    /// <summary>Select-list form of a sort key, read back by <see cref="ReadCursorValue"/>.</summary>
    string CursorColumn(string expression, SqlKind kind);

    /// <summary>Comparison form of a parameter holding a value read by <see cref="ReadCursorValue"/>.</summary>
    string CursorParameter(string parameter, SqlKind kind);

    /// <summary>A sort-key value as one of the cursor's scalar types (null, long, double, string, bool, UTC DateTime).</summary>
    object? ReadCursorValue(DbDataReader reader, int ordinal, SqlKind kind);

    DateTimeOffset ReadTime(DbDataReader reader, int ordinal);
}
