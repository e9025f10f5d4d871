using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Millwright.Server.Features.Records.Query;

namespace Millwright.Server.Features.Records.Sql;

/// <summary>
/// SQLite: JSON through <c>json_extract</c>/<c>json_type</c>, envelope times as integer unix microseconds
/// (see MillwrightDb), date-times inside data as <c>unixepoch(…, 'subsec')</c> (millisecond resolution).
/// </summary>
internal sealed class SqliteDialect : ISqlDialect
{
    public static readonly SqliteDialect Instance = new();

    private SqliteDialect()
    {
    }

    // The node is a JSON path: a literal for whitelisted names, a parameter for custom field names.
    public bool NullTestOrdersById => true;

    public bool IndexesCarryWalkFilters => true;

    public string IndexHint(string index) => $" INDEXED BY {index}";

    public string Unindexed(string ordinal) => ordinal;

    public string JsonNode(FieldDef field, SqlParameters parameters) => field.Source == FieldSource.CustomField
        ? parameters.Add($"$.custom_fields.\"{field.StorageName}\"")
        : $"'$.{field.StorageName}'";

    public string JsonText(string node) => $"(CASE WHEN json_type(r.data, {node}) = 'text' THEN json_extract(r.data, {node}) END)";

    public string JsonEnumText(string node) => $"json_extract(r.data, {node})";

    public string JsonNumber(string node) => $"(CASE WHEN json_type(r.data, {node}) IN ('integer', 'real') THEN json_extract(r.data, {node}) END)";

    public string JsonBoolean(string node) => $"(CASE json_type(r.data, {node}) WHEN 'true' THEN 1 WHEN 'false' THEN 0 END)";

    public string JsonTime(string node) => $"unixepoch({JsonText(node)}, 'subsec')";

    public string JsonArrayContains(string node, string parameter) =>
        $"EXISTS (SELECT 1 FROM json_each(r.data, {node}) AS je WHERE je.type = 'text' AND je.value = {parameter})";

    public string TextColumn(string column) => column;

    public string Contains(string text, string parameter) => $"instr(lower({text}), {parameter}) > 0";

    public string StartsWith(string text, string parameter) => $"instr(lower({text}), {parameter}) = 1";

    public string IdIn(string column, string parameter) => $"{column} IN (SELECT value FROM json_each({parameter}))";

    public object TimeColumnValue(DateTimeOffset value) => (value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    // Both sides go through SQLite's own date parser, so equal instants compare equal.
    public string JsonTimeParameter(string parameter) => $"unixepoch({parameter}, 'subsec')";

    public object JsonTimeValue(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public object NumberValue(decimal value) => (double)value;

    public object BooleanValue(bool value) => value ? 1L : 0L;

    public object IdListValue(IReadOnlyCollection<string> ids) => JsonSerializer.Serialize(ids);

    public string CursorColumn(string expression, SqlKind kind) => expression;

    public string CursorParameter(string parameter, SqlKind kind) => parameter;

    public object? ReadCursorValue(DbDataReader reader, int ordinal, SqlKind kind) => reader.IsDBNull(ordinal)
        ? null
        : reader.GetValue(ordinal) switch
        {
            long or double or string => reader.GetValue(ordinal),
            int i => (long)i,
            var other => Convert.ToString(other, CultureInfo.InvariantCulture),
        };

    public DateTimeOffset ReadTime(DbDataReader reader, int ordinal) =>
        new(DateTimeOffset.UnixEpoch.UtcTicks + (reader.GetInt64(ordinal) * 10), TimeSpan.Zero);
}
