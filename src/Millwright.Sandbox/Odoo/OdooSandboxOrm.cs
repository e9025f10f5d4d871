using System.Text.Json;
using System.Text.Json.Nodes;

namespace Millwright.Sandbox.Odoo;

/// <summary>
/// The ORM methods the external API may call: <c>search_read</c>, <c>search</c>, <c>search_count</c>,
/// <c>read</c>, <c>fields_get</c>, <c>create</c>, <c>write</c> and <c>unlink</c>. Arguments are bound
/// like Python binds them (positional, then by name), so both protocols share one implementation:
/// legacy RPC passes <c>args</c> and <c>kwargs</c>, JSON-2 a body of named parameters plus <c>ids</c>.
/// </summary>
internal static partial class OdooOrm
{
    private static readonly Dictionary<string, (string Name, bool Required)[]> Signatures = new(StringComparer.Ordinal)
    {
        ["search_read"] = [("domain", false), ("fields", false), ("offset", false), ("limit", false), ("order", false)],
        ["search"] = [("domain", true), ("offset", false), ("limit", false), ("order", false)],
        ["search_count"] = [("domain", true), ("limit", false)],
        ["read"] = [("ids", true), ("fields", false), ("load", false)],
        ["fields_get"] = [("allfields", false), ("attributes", false)],
        ["create"] = [("vals_list", true)],
        ["write"] = [("ids", true), ("vals", true)],
        ["unlink"] = [("ids", true)],
    };

    public static bool Exists(string method) => Signatures.ContainsKey(method);

    /// <summary>Binds <paramref name="positional"/> and <paramref name="named"/> to the method's parameters as Python would.</summary>
    public static Dictionary<string, JsonNode?> Bind(string method, JsonArray positional, JsonObject named)
    {
        var parameters = Signatures[method];
        if (positional.Count > parameters.Length)
        {
            throw OdooFault.TypeError($"{method}() takes from 1 to {parameters.Length + 1} positional arguments but {positional.Count + 1} were given");
        }

        var bound = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        for (var i = 0; i < positional.Count; i++)
        {
            bound[parameters[i].Name] = positional[i]?.DeepClone();
        }

        foreach (var (name, value) in named)
        {
            if (!parameters.Any(p => p.Name == name))
            {
                throw OdooFault.TypeError($"{method}() got an unexpected keyword argument '{name}'");
            }

            if (!bound.TryAdd(name, value?.DeepClone()))
            {
                throw OdooFault.TypeError($"{method}() got multiple values for argument '{name}'");
            }
        }

        var missing = parameters.Where(p => p.Required && !bound.ContainsKey(p.Name)).Select(p => $"'{p.Name}'").ToList();
        if (missing.Count > 0)
        {
            throw OdooFault.TypeError($"{method}() missing {missing.Count} required positional argument{(missing.Count > 1 ? "s" : "")}: {string.Join(" and ", missing)}");
        }

        return bound;
    }

    /// <summary>Runs one method on <paramref name="modelName"/> for the env's user (access checked) and returns its JSON result.</summary>
    public static JsonNode? Call(OdooEnv env, OdooCredentials rights, string modelName, string method, Dictionary<string, JsonNode?> args)
    {
        var model = env.Db.Model(modelName) ?? throw OdooFault.UserError($"Object {modelName} doesn't exist");
        var writes = method is "create" or "write" or "unlink";
        if (!rights.MayAccess(model))
        {
            throw OdooFault.NoModelAccess(model, writes ? method : "read", GroupOf(model));
        }

        return method switch
        {
            "search_read" => Read(env, model, Search(env, model, args.GetValueOrDefault("domain"), args.GetValueOrDefault("offset"), args.GetValueOrDefault("limit"), args.GetValueOrDefault("order")),
                args.GetValueOrDefault("fields"), classicLoad: true),
            "search" => new JsonArray([.. Search(env, model, args["domain"], args.GetValueOrDefault("offset"), args.GetValueOrDefault("limit"), args.GetValueOrDefault("order")).Select(r => (JsonNode?)r.Id)]),
            "search_count" => JsonValue.Create(Count(env, model, args["domain"], args.GetValueOrDefault("limit"))),
            "read" => Read(env, model, Existing(env, model, Ids(args["ids"])), args.GetValueOrDefault("fields"),
                classicLoad: ClassicLoad(args)),
            "fields_get" => FieldsGet(model, args.GetValueOrDefault("allfields"), args.GetValueOrDefault("attributes")),
            "create" => Create(env, model, args["vals_list"]),
            "write" => Write(env, model, Ids(args["ids"]), args["vals"]),
            "unlink" => Unlink(env, model, Ids(args["ids"])),
            _ => throw OdooFault.Generic($"Method not found: {method}"),
        };
    }

    /// <summary><c>load='_classic_read'</c> (the default) gives many2one as <c>[id, name]</c>; a falsy <c>load</c> gives bare ids.</summary>
    private static bool ClassicLoad(Dictionary<string, JsonNode?> args) =>
        !args.TryGetValue("load", out var load) || (load is JsonValue v && v.GetValueKind() == JsonValueKind.String && (string?)v == "_classic_read");

    private static string GroupOf(OdooModel model) => model.App switch
    {
        "purchase" => "Purchase/User",
        "stock" => "Inventory/User",
        "maintenance" => "Maintenance/Equipment Manager",
        _ => "Role/User",
    };

    public static List<OdooRow> Search(OdooEnv env, OdooModel model, JsonNode? domain, JsonNode? offset, JsonNode? limit, JsonNode? order)
    {
        var predicate = OdooDomain.Compile(env, model, domain);
        var matches = env.Rows(model.Name).Where(predicate).ToList();
        OdooOrder.Sort(env, model, matches, order is JsonValue text && text.GetValueKind() == JsonValueKind.String ? (string?)text : null);
        var skip = Integer(offset, "offset") ?? 0;
        var take = Integer(limit, "limit");
        return [.. matches.Skip(Math.Max(0, skip)).Take(take is { } t && t >= 0 ? t : int.MaxValue)];
    }

    private static int Count(OdooEnv env, OdooModel model, JsonNode? domain, JsonNode? limit)
    {
        var predicate = OdooDomain.Compile(env, model, domain);
        var count = env.Rows(model.Name).Count(predicate);
        return Integer(limit, "limit") is { } cap && cap >= 0 ? Math.Min(cap, count) : count;
    }

    private static int? Integer(JsonNode? node, string name) => node switch
    {
        null => null,
        JsonValue v when v.GetValueKind() is JsonValueKind.Null or JsonValueKind.False => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var n) => n,
        _ => throw OdooFault.TypeError($"'{name}' must be an integer, not {OdooDomain.Repr(node)}"),
    };

    public static List<int> Ids(JsonNode? node) => node switch
    {
        JsonArray list => [.. list.Select(v => v is JsonValue n && n.GetValueKind() == JsonValueKind.Number && n.TryGetValue<int>(out var id) ? id : throw OdooFault.TypeError($"Invalid id {OdooDomain.Repr(v)}"))],
        JsonValue n when n.GetValueKind() == JsonValueKind.Number && n.TryGetValue<int>(out var single) => [single],
        _ => throw OdooFault.TypeError($"Invalid ids {OdooDomain.Repr(node)}"),
    };

    private static List<OdooRow> Existing(OdooEnv env, OdooModel model, List<int> ids)
    {
        var missing = ids.Where(id => env.Find(model.Name, id) is null).ToList();
        return missing.Count > 0
            ? throw OdooFault.MissingError(model.Name, missing, env.Uid)
            : [.. ids.Distinct().Select(id => env.Find(model.Name, id)!)];
    }

    /// <summary>The dicts of <c>read</c>/<c>search_read</c>: <c>id</c> first, then the asked fields (all when none).</summary>
    public static JsonArray Read(OdooEnv env, OdooModel model, List<OdooRow> rows, JsonNode? fields, bool classicLoad)
    {
        var wanted = fields is JsonArray { Count: > 0 } names
            ? names.Select(n => n is JsonValue v && v.GetValueKind() == JsonValueKind.String ? (string)v! : throw OdooFault.TypeError($"Invalid field name {OdooDomain.Repr(n)}"))
                .Select(n => model.Field(n) ?? throw OdooFault.ValueError($"Invalid field '{n}' on model '{model.Name}'")).ToList()
            : [.. model.Fields.Values];
        var result = new JsonArray();
        foreach (var row in rows)
        {
            var record = new JsonObject { ["id"] = row.Id };
            foreach (var field in wanted.Where(f => f.Name != "id"))
            {
                record[field.Name] = OdooWire.Render(env, field, env.Value(model, row, field), classicLoad);
            }

            result.Add(record);
        }

        return result;
    }

    private static JsonObject FieldsGet(OdooModel model, JsonNode? allfields, JsonNode? attributes)
    {
        var only = allfields is JsonArray { Count: > 0 } list ? list.Select(n => (string?)n).ToHashSet(StringComparer.Ordinal) : null;
        var keep = attributes is JsonArray { Count: > 0 } attrs ? attrs.Select(n => (string?)n).ToHashSet(StringComparer.Ordinal) : null;
        var result = new JsonObject();
        foreach (var field in model.Fields.Values.Where(f => only is null || only.Contains(f.Name)))
        {
            var description = new JsonObject
            {
                ["type"] = field.Type,
                ["string"] = field.String,
                ["help"] = false,
                ["required"] = field.Required,
                ["readonly"] = field.Readonly,
                ["store"] = field.Stored,
                ["searchable"] = field.Searchable,
                ["sortable"] = OdooOrder.Sortable(field),
                ["groupable"] = field.Stored && !field.IsToMany && field.Type is not ("html" or "text" or "binary" or "properties" or "properties_definition"),
                ["manual"] = false,
                ["company_dependent"] = false,
                ["depends"] = new JsonArray(),
                ["name"] = field.Name,
            };
            if (field.Relation is { } relation)
            {
                description["relation"] = relation;
                description["context"] = new JsonObject();
                description["domain"] = new JsonArray();
            }

            if (field.Inverse is { } inverse)
            {
                description["relation_field"] = inverse;
            }

            if (field.Selection is { } selection)
            {
                description["selection"] = new JsonArray([.. selection.Select(s => (JsonNode?)new JsonArray(s.Value, s.Label))]);
            }

            if (field.Type is "char" or "text" or "html")
            {
                description["translate"] = field.Translate;
            }

            if (field.Type == "char")
            {
                description["trim"] = true;
            }

            if (keep is not null)
            {
                foreach (var name in description.Select(p => p.Key).Where(k => !keep.Contains(k)).ToList())
                {
                    description.Remove(name);
                }
            }

            result[field.Name] = description;
        }

        return result;
    }
}
