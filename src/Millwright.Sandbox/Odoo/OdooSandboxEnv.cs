using System.Globalization;
using System.Text.Json.Nodes;

namespace Millwright.Sandbox.Odoo;

/// <summary>
/// The environment of one call (Odoo's <c>env</c>): the database, the calling user, the context and the
/// transaction's clock, plus per-call memos that computed fields share (inverse lookups).
/// </summary>
internal sealed class OdooEnv(OdooDatabase db, int uid, JsonObject context, DateTimeOffset now)
{
    private readonly Dictionary<(string Model, string Field), ILookup<int, int>> inverses = [];

    public OdooDatabase Db { get; } = db;

    public int Uid { get; } = uid;

    public JsonObject Context { get; } = context;

    /// <summary>The transaction time, to the second, as Odoo writes <c>write_date</c>.</summary>
    public DateTimeOffset Now { get; } = new(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    public string NowText => OdooWire.DatetimeText(Now);

    /// <summary>Today in the server's UTC, the value of date defaults such as <c>request_date</c>.</summary>
    public string Today => OdooWire.DateText(DateOnly.FromDateTime(Now.UtcDateTime));

    /// <summary><c>active_test</c> of the context: archived records are hidden unless it is false.</summary>
    public bool ActiveTest => Context["active_test"] is not JsonValue v || !v.TryGetValue<bool>(out var flag) || flag;

    public OdooTable Table(string model) => Db.Table(model) ?? throw OdooFault.UserError($"Object {model} doesn't exist");

    public OdooRow? Find(string model, int? id) => id is { } value ? Db.Table(model)?.Find(value) : null;

    public IEnumerable<OdooRow> Rows(string model) => Db.Table(model) is { } table ? table.Rows.Values : [];

    /// <summary>The ids of <paramref name="model"/> whose many2one <paramref name="field"/> is <paramref name="id"/>, in id order.</summary>
    public int[] Inverse(string model, string field, int id)
    {
        if (!inverses.TryGetValue((model, field), out var lookup))
        {
            lookup = Rows(model).Where(r => r.Ref(field) is not null).ToLookup(r => r.Ref(field)!.Value, r => r.Id);
            inverses[(model, field)] = lookup;
        }

        return [.. lookup[id].Order()];
    }

    /// <summary>Rows of <paramref name="model"/> pointing at <paramref name="id"/> through <paramref name="field"/>.</summary>
    public IEnumerable<OdooRow> Children(string model, string field, int id) =>
        Inverse(model, field, id).Select(i => Find(model, i)!);

    public string DisplayName(OdooRow row) => DisplayName(Db.Model(row.Model)!, row) ?? "";

    public string? DisplayName(OdooModel model, OdooRow row) => model.DisplayName(this, row);

    /// <summary>The value of <paramref name="field"/> on <paramref name="row"/>: stored, or computed now.</summary>
    public object? Value(OdooModel model, OdooRow row, OdooField field) =>
        field.Compute is { } compute ? compute(this, row) : row.Get(field.Name);

    public object? Value(string model, OdooRow row, string field)
    {
        var definition = Db.Model(model)!;
        return Value(definition, row, definition.Field(field)!);
    }
}

/// <summary>Odoo's wire formats (SOURCE.md, the models file's <c>wire_formats</c>).</summary>
internal static class OdooWire
{
    public const string DatetimeFormat = "yyyy-MM-dd HH:mm:ss";

    public static string DatetimeText(DateTimeOffset value) => value.UtcDateTime.ToString(DatetimeFormat, CultureInfo.InvariantCulture);

    public static string DateText(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly? ParseDate(string? text) =>
        text is not null && DateOnly.TryParseExact(text.Length > 10 ? text[..10] : text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : null;

    public static DateTime? ParseDatetime(string? text) =>
        text is not null && DateTime.TryParseExact(text, DatetimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : null;

    /// <summary>
    /// The JSON of one field value as <c>read()</c> returns it: <c>false</c> for every empty value except
    /// numbers (0) and x2many (<c>[]</c>), many2one as <c>[id, display_name]</c> (or the bare id when
    /// <paramref name="classicLoad"/> is false).
    /// </summary>
    public static JsonNode? Render(OdooEnv env, OdooField field, object? value, bool classicLoad = true)
    {
        switch (field.Type)
        {
            case "integer":
                return JsonValue.Create(value is long or int ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : 0L);
            case "float" or "monetary":
                return JsonValue.Create(value is double d ? d : 0.0);
            case "boolean":
                return JsonValue.Create(value is true);
            case "many2one":
                if (value is not int id || env.Find(field.Relation!, id) is not { } target)
                {
                    return JsonValue.Create(false);
                }

                return classicLoad ? new JsonArray(id, env.DisplayName(env.Db.Model(field.Relation!)!, target) ?? "") : JsonValue.Create(id);
            case "one2many" or "many2many":
                return new JsonArray([.. (value as IEnumerable<int> ?? []).Select(i => (JsonNode?)JsonValue.Create(i))]);
            case "properties":
                return new JsonArray();
            default:
                return value is string { Length: > 0 } text ? JsonValue.Create(text) : JsonValue.Create(false);
        }
    }
}
