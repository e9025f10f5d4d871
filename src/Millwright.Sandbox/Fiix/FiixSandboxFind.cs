using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Millwright.Sandbox.Fiix;

internal sealed partial class FxExecutor
{
    /// <summary><c>FindRequest</c>: filters (ql, fullText, selectedSites), orderBy, then the startIndex/maxObjects window; <c>totalObjects</c> counts every match.</summary>
    private JsonObject Find(JsonObject request)
    {
        var (className, fields) = Class(request);
        var selection = Selection(className, fields, request["fields"]);
        IEnumerable<JsonObject> rows = Data.All(className);
        foreach (var filter in (request["filters"] as JsonArray ?? []).OfType<JsonObject>())
        {
            rows = Filter(className, fields, rows, filter);
        }

        var ordered = Order(className, fields, rows, Text(request["orderBy"])).ToList();
        var start = Int(request["startIndex"], "startIndex") ?? 0;
        var max = Int(request["maxObjects"], "maxObjects") ?? sandbox.Settings.MaxObjects;
        if (start < 0 || max < 0)
        {
            throw FxError.Query("startIndex and maxObjects cannot be negative.");
        }

        var objects = new JsonArray([.. ordered.Skip(start).Take(Math.Min(max, sandbox.Settings.MaxObjects)).Select(o => (JsonNode)Render(className, o, selection))]);
        return new JsonObject { ["objects"] = objects, ["totalObjects"] = ordered.Count };
    }

    private JsonObject FindById(JsonObject request)
    {
        var (className, fields) = Class(request);
        var selection = Selection(className, fields, request["fields"]);
        var id = Long(request["id"]) ?? throw FxError.BadMessage("A FindByIdRequest needs the id of the object.");
        return new JsonObject { ["object"] = Data.Find(className, id) is { } found ? Render(className, found, selection) : null };
    }

    private static IEnumerable<JsonObject> Filter(string className, IReadOnlyDictionary<string, FxType> fields, IEnumerable<JsonObject> rows, JsonObject filter)
    {
        if (Text(filter["name"]) is { } named)
        {
            throw FxError.Query($"The named filter '{named}' is not known on this tenant; use ql.");
        }

        if (Text(filter["ql"]) is { Length: > 0 } ql)
        {
            var predicate = FxQl.Compile(className, fields, ql, filter["parameters"] as JsonArray);
            rows = rows.Where(predicate);
        }

        if (filter["selectedSites"] is JsonArray selected && fields.ContainsKey("intSiteID"))
        {
            var siteIds = selected.Select(Long).OfType<long>().ToHashSet();
            rows = rows.Where(r => Long(r["intSiteID"]) is { } site && siteIds.Contains(site));
        }

        if (Text(filter["fullText"]) is { Length: > 0 } text)
        {
            var searched = Text(filter["fields"]) is { } list
                ? Names(list).Select(f => fields.ContainsKey(f) ? f : throw FxError.Field(className, f)).ToList()
                : [.. fields.Where(f => f.Value == FxType.String).Select(f => f.Key)];
            rows = rows.Where(r => searched.Any(f => r[f] is JsonValue v && v.GetValueKind() == JsonValueKind.String && ((string)v!).Contains(text, StringComparison.OrdinalIgnoreCase)));
        }

        return rows;
    }

    /// <summary><c>orderBy</c>: <c>field [ASC|DESC]</c>, comma-separated; ties (and no order) fall back to ascending id.</summary>
    private static IEnumerable<JsonObject> Order(string className, IReadOnlyDictionary<string, FxType> fields, IEnumerable<JsonObject> rows, string? orderBy)
    {
        var keys = new List<(string Field, FxType Type, bool Descending)>();
        foreach (var part in (orderBy ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var words = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length > 2 || !fields.TryGetValue(words[0], out var type)
                || (words.Length == 2 && !words[1].Equals("ASC", StringComparison.OrdinalIgnoreCase) && !words[1].Equals("DESC", StringComparison.OrdinalIgnoreCase)))
            {
                throw words.Length > 0 && !fields.ContainsKey(words[0]) ? FxError.Field(className, words[0]) : FxError.Query($"orderBy '{part}' is not 'field [ASC|DESC]'.");
            }

            keys.Add((words[0], type, words.Length == 2 && words[1].Equals("DESC", StringComparison.OrdinalIgnoreCase)));
        }

        var comparer = Comparer<JsonObject>.Create((a, b) =>
        {
            foreach (var (field, type, descending) in keys)
            {
                var c = CompareValues(a[field], b[field], type);
                if (c != 0)
                {
                    return descending ? -c : c;
                }
            }

            return Long(a["id"])!.Value.CompareTo(Long(b["id"])!.Value);
        });
        return rows.Order(comparer);
    }

    /// <summary>SQL order: missing values first, text case-insensitively, numbers numerically.</summary>
    private static int CompareValues(JsonNode? a, JsonNode? b, FxType type)
    {
        var aMissing = a is null || a.GetValueKind() == JsonValueKind.Null;
        var bMissing = b is null || b.GetValueKind() == JsonValueKind.Null;
        if (aMissing || bMissing)
        {
            return aMissing == bMissing ? 0 : aMissing ? -1 : 1;
        }

        return type == FxType.String
            ? string.Compare((string?)a, (string?)b, StringComparison.OrdinalIgnoreCase)
            : a!.GetValue<decimal>().CompareTo(b!.GetValue<decimal>());
    }

    /// <summary>What a response shows of an object: the named fields (all declared fields when <c>fields</c> is absent) and <c>dv_</c> display values.</summary>
    private sealed record FxSelection(IReadOnlyList<string> Fields, IReadOnlyList<string> DisplayValues);

    private static FxSelection Selection(string className, IReadOnlyDictionary<string, FxType> fields, JsonNode? requested)
    {
        if (Text(requested) is not { } list || string.IsNullOrWhiteSpace(list))
        {
            return new FxSelection([.. fields.Keys], []);
        }

        var names = new List<string>();
        var display = new List<string>();
        foreach (var name in Names(list))
        {
            if (name.StartsWith("dv_", StringComparison.Ordinal) && fields.ContainsKey(name[3..]) && FxClasses.DisplayValues.ContainsKey(name[3..]))
            {
                display.Add(name[3..]);
            }
            else if (fields.ContainsKey(name))
            {
                names.Add(name);
            }
            else
            {
                throw FxError.Field(className, name);
            }
        }

        return new FxSelection(names, display);
    }

    private JsonObject Render(string className, JsonObject stored, FxSelection selection)
    {
        var rendered = new JsonObject { ["className"] = className, ["id"] = stored["id"]?.DeepClone() };
        foreach (var field in selection.Fields)
        {
            if (field != "id")
            {
                rendered[field] = stored[field]?.DeepClone();
            }
        }

        if (selection.DisplayValues.Count > 0)
        {
            var extra = new JsonObject();
            foreach (var field in selection.DisplayValues)
            {
                var (target, shown) = FxClasses.DisplayValues[field];
                extra["dv_" + field] = Long(stored[field]) is { } key && Data.Find(target, key) is { } referenced && referenced[shown] is { } value
                    ? value.GetValueKind() == JsonValueKind.String ? (string?)value : value.ToJsonString()
                    : null;
            }

            rendered["extraFields"] = extra;
        }

        return rendered;
    }

    private static (string ClassName, IReadOnlyDictionary<string, FxType> Fields) Class(JsonObject request)
    {
        var className = Text(request["className"]);
        return FxClasses.Find(className) is { } fields ? (className!, fields) : throw FxError.Class(className);
    }

    private static string[] Names(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string? Text(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? (string?)value : null;

    private static int? Int(JsonNode? node, string name) => node is null || node.GetValueKind() == JsonValueKind.Null
        ? null
        : node.GetValueKind() == JsonValueKind.Number && node.AsValue().TryGetValue<int>(out var value)
            ? value
            : int.TryParse(Text(node), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : throw FxError.Query($"{name} must be a whole number.");
}
