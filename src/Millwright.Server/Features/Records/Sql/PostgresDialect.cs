using System.Data.Common;
using System.Globalization;
using Millwright.Server.Features.Records.Query;

namespace Millwright.Server.Features.Records.Sql;

/// <summary>
/// PostgreSQL: <c>data</c> is text (copied to responses as stored); filters, sorts and the query indexes read
/// <c>r.doc</c>, the stored generated <c>jsonb</c> copy of it (ADR 0033), so a write parses the document once
/// instead of once per index expression. Envelope times are timestamptz. Casts
/// sit inside CASE so a value of another JSON type yields NULL instead of a cast error (CASE is the only
/// construct whose evaluation order PostgreSQL guarantees).
/// </summary>
internal sealed class PostgresDialect : ISqlDialect
{
    public static readonly PostgresDialect Instance = new();

    private PostgresDialect()
    {
    }

    public bool NullTestOrdersById => false;

    public bool IndexesCarryWalkFilters => false;

    public string IndexHint(string index) => "";

    // The planner does not fold "+ 0", so the expression no longer matches the enum's query index.
    public string Unindexed(string ordinal) => $"({ordinal} + 0)";

    public string JsonNode(FieldDef field, SqlParameters parameters) => field.Source == FieldSource.CustomField
        ? $"(r.doc -> 'custom_fields' -> CAST({parameters.Add(field.StorageName)} AS text))"
        : $"(r.doc -> '{field.StorageName}')";

    public string JsonText(string node) => $"((CASE WHEN jsonb_typeof({node}) = 'string' THEN {node} #>> '{{}}' END) COLLATE \"C\")";

    public string JsonEnumText(string node) => JsonText(node);

    public string JsonNumber(string node) => $"(CASE WHEN jsonb_typeof({node}) = 'number' THEN ({node} #>> '{{}}')::numeric END)";

    public string JsonBoolean(string node) => $"(CASE WHEN jsonb_typeof({node}) = 'boolean' THEN ({node} #>> '{{}}')::boolean END)";

    // millwright_json_time (migration QueryIndexes) is NULL for anything but an ISO-8601 date-time string, reads
    // one without an offset as UTC (as SQLite's unixepoch does) and never fails; being IMMUTABLE, it can be indexed.
    public string JsonTime(string node) => $"millwright_json_time({node})";

    public string JsonArrayContains(string node, string parameter) =>
        $"COALESCE({node} @> jsonb_build_array(CAST({parameter} AS text)), FALSE)";

    public string TextColumn(string column) => $"({column} COLLATE \"C\")";

    // lower() under the "C" collation folds ASCII only, exactly like SQLite's lower().
    public string Contains(string text, string parameter) => $"strpos(lower({text}), CAST({parameter} AS text)) > 0";

    public string StartsWith(string text, string parameter) => $"strpos(lower({text}), CAST({parameter} AS text)) = 1";

    public string IdIn(string column, string parameter) => $"{column} = ANY({parameter})";

    public object TimeColumnValue(DateTimeOffset value) => value.UtcDateTime;

    public string JsonTimeParameter(string parameter) => parameter;

    public object JsonTimeValue(DateTimeOffset value) => value.UtcDateTime;

    public object NumberValue(decimal value) => value;

    public object BooleanValue(bool value) => value;

    public object IdListValue(IReadOnlyCollection<string> ids) => ids.ToArray();

    // numeric can exceed decimal's range: carry it through the cursor as its exact text.
    public string CursorColumn(string expression, SqlKind kind) => kind == SqlKind.Number ? $"CAST({expression} AS text)" : expression;

    public string CursorParameter(string parameter, SqlKind kind) => kind switch
    {
        SqlKind.Number => $"CAST({parameter} AS numeric)",
        SqlKind.Text => $"CAST({parameter} AS text)",
        _ => parameter,
    };

    public object? ReadCursorValue(DbDataReader reader, int ordinal, SqlKind kind) => reader.IsDBNull(ordinal)
        ? null
        : reader.GetValue(ordinal) switch
        {
            DateTime t => DateTime.SpecifyKind(t, DateTimeKind.Utc),
            DateTimeOffset t => t.UtcDateTime,
            int i => (long)i,
            long or string or bool => reader.GetValue(ordinal),
            var other => Convert.ToString(other, CultureInfo.InvariantCulture),
        };

    public DateTimeOffset ReadTime(DbDataReader reader, int ordinal) =>
        new(DateTime.SpecifyKind(reader.GetFieldValue<DateTime>(ordinal), DateTimeKind.Utc));
}
