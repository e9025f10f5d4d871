using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Millwright.Sandbox.Odoo;

/// <summary>
/// Odoo search domains: a list of <c>[field, operator, value]</c> leaves in prefix (Polish) notation with
/// <c>&amp;</c>, <c>|</c> and <c>!</c>, an implicit AND between top-level terms, dotted paths through
/// relations (<c>stage_id.done</c>), and the operators SOURCE.md lists. Parsed once per call into a
/// predicate; a malformed domain, an unknown field or a non-stored field is Odoo's <c>ValueError</c>.
/// </summary>
internal static class OdooDomain
{
    private static readonly HashSet<string> Operators = new(StringComparer.Ordinal)
    {
        "=", "!=", "<>", ">", ">=", "<", "<=", "=?", "like", "ilike", "=like", "=ilike", "not like", "not ilike", "in", "not in", "child_of", "parent_of",
    };

    /// <summary>The predicate of <paramref name="domain"/> on <paramref name="model"/>, with the <c>active</c> filter Odoo adds.</summary>
    public static Func<OdooRow, bool> Compile(OdooEnv env, OdooModel model, JsonNode? domain)
    {
        var items = domain switch
        {
            null => [],
            JsonArray array => array,
            JsonValue v when v.GetValueKind() == JsonValueKind.False => [],
            _ => throw OdooFault.ValueError($"Invalid domain: {domain.ToJsonString()}"),
        };
        var terms = new List<Func<OdooRow, bool>>();
        var position = 0;
        var mentionsActive = false;
        while (position < items.Count)
        {
            terms.Add(Term(env, model, items, ref position, ref mentionsActive, domain!));
        }

        if (model.HasActive && env.ActiveTest && !mentionsActive)
        {
            terms.Add(row => row.Get("active") is true);
        }

        return row =>
        {
            foreach (var term in terms)
            {
                if (!term(row))
                {
                    return false;
                }
            }

            return true;
        };
    }

    private static Func<OdooRow, bool> Term(OdooEnv env, OdooModel model, JsonArray items, ref int position, ref bool mentionsActive, JsonNode domain)
    {
        if (position >= items.Count)
        {
            throw OdooFault.ValueError($"Domain {domain.ToJsonString()} is syntactically not correct.");
        }

        var item = items[position++];
        if (item is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            switch ((string)value!)
            {
                case "&":
                    {
                        var left = Term(env, model, items, ref position, ref mentionsActive, domain);
                        var right = Term(env, model, items, ref position, ref mentionsActive, domain);
                        return row => left(row) && right(row);
                    }

                case "|":
                    {
                        var left = Term(env, model, items, ref position, ref mentionsActive, domain);
                        var right = Term(env, model, items, ref position, ref mentionsActive, domain);
                        return row => left(row) || right(row);
                    }

                case "!":
                    {
                        var inner = Term(env, model, items, ref position, ref mentionsActive, domain);
                        return row => !inner(row);
                    }
            }
        }

        if (item is not JsonArray { Count: 3 } leaf)
        {
            throw OdooFault.ValueError($"Invalid leaf {Repr(item)}");
        }

        // TRUE_LEAF (1, '=', 1) and FALSE_LEAF (0, '=', 1), which Odoo itself writes into domains.
        if (leaf[0] is JsonValue constant && constant.GetValueKind() == JsonValueKind.Number)
        {
            var truth = constant.GetValue<double>() == 1;
            return _ => truth;
        }

        if (leaf[0] is not JsonValue pathNode || pathNode.GetValueKind() != JsonValueKind.String
            || leaf[1] is not JsonValue opNode || opNode.GetValueKind() != JsonValueKind.String)
        {
            throw OdooFault.ValueError($"Invalid leaf {Repr(leaf)}");
        }

        var op = ((string)opNode!).ToLowerInvariant();
        if (!Operators.Contains(op))
        {
            throw OdooFault.ValueError($"Invalid operator {Repr(opNode)} in leaf {Repr(leaf)}");
        }

        var path = ((string)pathNode!).Split('.');
        if (path[0] == "active")
        {
            mentionsActive = true;
        }

        return Path(env, model, path, 0, op == "<>" ? "!=" : op, leaf[2], leaf);
    }

    private static Func<OdooRow, bool> Path(OdooEnv env, OdooModel model, string[] path, int index, string op, JsonNode? value, JsonArray leaf)
    {
        var field = model.Field(path[index]) ?? throw OdooFault.ValueError($"Invalid field {model.Name}.{path[index]} in leaf {Repr(leaf)}");
        if (!field.Searchable)
        {
            throw OdooFault.ValueError($"Non-stored field {model.Name}.{field.Name} cannot be searched.");
        }

        if (index < path.Length - 1)
        {
            if (!field.IsRelational || env.Db.Model(field.Relation!) is not { } comodel)
            {
                throw OdooFault.ValueError($"Invalid field {model.Name}.{string.Join('.', path)} in leaf {Repr(leaf)}");
            }

            // A path is a subquery: the record matches when one of the records it points to does.
            var inner = Path(env, comodel, path, index + 1, op, value, leaf);
            return row => Targets(env, model, field, row).Any(id => env.Find(comodel.Name, id) is { } target && inner(target));
        }

        return Leaf(env, model, field, op, value, leaf);
    }

    private static IEnumerable<int> Targets(OdooEnv env, OdooModel model, OdooField field, OdooRow row) =>
        env.Value(model, row, field) switch
        {
            int id => [id],
            IEnumerable<int> ids => ids,
            _ => [],
        };

    private static Func<OdooRow, bool> Leaf(OdooEnv env, OdooModel model, OdooField field, string op, JsonNode? value, JsonArray leaf)
    {
        if (op == "=?")
        {
            if (IsFalse(value) || value is null)
            {
                return _ => true;
            }

            op = "=";
        }

        if (field.Name == "id" || field.IsRelational)
        {
            return Relational(env, model, field, op, value, leaf);
        }

        var type = field.Type;
        return op switch
        {
            "in" or "not in" => Membership(env, model, field, op, value, leaf),
            "like" or "ilike" or "=like" or "=ilike" or "not like" or "not ilike" => Like(env, model, field, op, value),
            "child_of" or "parent_of" => throw OdooFault.ValueError($"Invalid leaf {Repr(leaf)}: {op} needs a relational field"),
            _ => Compare(env, model, field, op, Scalar(field, value, leaf)),
        };
    }

    /// <summary>A leaf value as the stored form of <paramref name="field"/> (null for false), checking datetime text as Odoo does.</summary>
    private static object? Scalar(OdooField field, JsonNode? value, JsonArray leaf)
    {
        if (value is null || IsFalse(value) && field.Type != "boolean")
        {
            return field.Type is "integer" or "float" or "monetary" ? 0.0 : null;
        }

        switch (field.Type)
        {
            case "boolean":
                return value is JsonValue b && (b.GetValueKind() == JsonValueKind.True || (b.GetValueKind() == JsonValueKind.Number && b.GetValue<double>() != 0));
            case "integer" or "float" or "monetary":
                return value is JsonValue n && n.GetValueKind() == JsonValueKind.Number ? n.GetValue<double>()
                    : value is JsonValue s && double.TryParse((string?)s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed
                    : throw OdooFault.ValueError($"Invalid value {Repr(value)} for {field.Type} field in leaf {Repr(leaf)}");
            case "datetime":
                {
                    var text = Text(value) ?? throw OdooFault.ValueError($"Invalid value {Repr(value)} in leaf {Repr(leaf)}");
                    if (text.Length == 10 && OdooWire.ParseDate(text) is not null)
                    {
                        return text + " 00:00:00";
                    }

                    return OdooWire.ParseDatetime(text) is not null
                        ? text
                        : throw OdooFault.ValueError($"time data '{text}' does not match format '%Y-%m-%d %H:%M:%S'");
                }

            case "date":
                {
                    var text = Text(value) ?? throw OdooFault.ValueError($"Invalid value {Repr(value)} in leaf {Repr(leaf)}");
                    return OdooWire.ParseDate(text) is not null
                        ? text[..10]
                        : throw OdooFault.ValueError($"time data '{text}' does not match format '%Y-%m-%d'");
                }

            default:
                return Text(value);
        }
    }

    private static Func<OdooRow, bool> Compare(OdooEnv env, OdooModel model, OdooField field, string op, object? expected)
    {
        return row =>
        {
            var actual = Normalize(field, env.Value(model, row, field));
            switch (op)
            {
                case "=":
                    return Equals(actual, expected);
                case "!=":
                    return !Equals(actual, expected);
            }

            // SQL: a comparison with NULL is never true.
            if (actual is null || expected is null)
            {
                return false;
            }

            var order = actual is double a && expected is double e ? a.CompareTo(e)
                : actual is bool x && expected is bool y ? x.CompareTo(y)
                : string.CompareOrdinal(actual.ToString(), expected.ToString());
            return op switch
            {
                ">" => order > 0,
                ">=" => order >= 0,
                "<" => order < 0,
                _ => order <= 0,
            };
        };
    }

    private static object? Normalize(OdooField field, object? value) => field.Type switch
    {
        "integer" or "float" or "monetary" => value is null ? 0.0 : Convert.ToDouble(value, CultureInfo.InvariantCulture),
        "boolean" => value is true,
        _ => value is string { Length: > 0 } text ? text : null,
    };

    private static Func<OdooRow, bool> Membership(OdooEnv env, OdooModel model, OdooField field, string op, JsonNode? value, JsonArray leaf)
    {
        var values = (value is JsonArray list ? list : new JsonArray(value?.DeepClone()))
            .Select(v => Scalar(field, v, leaf)).ToList();
        var negate = op == "not in";
        return row =>
        {
            var actual = Normalize(field, env.Value(model, row, field));
            return values.Any(v => Equals(v, actual)) != negate;
        };
    }

    private static Func<OdooRow, bool> Like(OdooEnv env, OdooModel model, OdooField field, string op, JsonNode? value)
    {
        var pattern = LikeRegex(op, Text(value) ?? "");
        var negate = op.StartsWith("not ", StringComparison.Ordinal);
        return row =>
        {
            var actual = env.Value(model, row, field);
            var text = actual switch
            {
                null => null,
                string s => s,
                double d => d.ToString(CultureInfo.InvariantCulture),
                _ => Convert.ToString(actual, CultureInfo.InvariantCulture),
            };

            // Odoo writes `not ilike` as `(col NOT ILIKE x OR col IS NULL)`: empty values match it.
            return text is null ? negate : pattern.IsMatch(text) != negate;
        };
    }

    /// <summary>
    /// <c>like</c>/<c>ilike</c> wrap the value in <c>%…%</c>; <c>=like</c>/<c>=ilike</c> take it as it is. Either way
    /// <c>%</c> and <c>_</c> in the value stay SQL wildcards, as Odoo does not escape them.
    /// </summary>
    public static Regex LikeRegex(string op, string value)
    {
        var exact = op.StartsWith('=');
        var body = new System.Text.StringBuilder("^");
        if (!exact)
        {
            body.Append(".*");
        }

        foreach (var c in value)
        {
            body.Append(c switch
            {
                '%' => ".*",
                '_' => ".",
                _ => Regex.Escape(c.ToString()),
            });
        }

        if (!exact)
        {
            body.Append(".*");
        }

        body.Append('$');
        var insensitive = op.Contains("ilike", StringComparison.Ordinal);
        return new Regex(body.ToString(), (insensitive ? RegexOptions.IgnoreCase : RegexOptions.None) | RegexOptions.Singleline | RegexOptions.CultureInvariant,
            TimeSpan.FromSeconds(1));
    }

    private static Func<OdooRow, bool> Relational(OdooEnv env, OdooModel model, OdooField field, string op, JsonNode? value, JsonArray leaf)
    {
        var comodel = field.Name == "id" ? model : env.Db.Model(field.Relation!);
        var negate = op is "!=" or "not in" or "not like" or "not ilike";
        switch (op)
        {
            case "like" or "ilike" or "=like" or "=ilike" or "not like" or "not ilike":
                {
                    // Odoo name-searches the comodel: the leaf matches records pointing at a record whose name matches.
                    var pattern = LikeRegex(op.Replace("not ", "", StringComparison.Ordinal), Text(value) ?? "");
                    return row =>
                    {
                        var any = Ids(env, model, field, row).Any(id => comodel is not null && env.Find(comodel.Name, id) is { } target
                            && pattern.IsMatch(env.DisplayName(comodel, target) ?? ""));
                        return any != negate;
                    };
                }

            case "child_of" or "parent_of":
                {
                    var roots = ResolveIds(env, comodel, value).ToHashSet();
                    var closure = comodel?.ParentField is { } parent ? Closure(env, comodel, parent, roots, op == "child_of") : roots;
                    return row => Ids(env, model, field, row).Any(closure.Contains);
                }

            case "=" or "!=" or "in" or "not in":
                {
                    var wanted = value is JsonArray list ? list : new JsonArray(value?.DeepClone());
                    var wantsEmpty = wanted.Any(v => v is null || IsFalse(v));
                    var ids = ResolveIds(env, comodel, new JsonArray([.. wanted.Where(v => v is not null && !IsFalse(v)).Select(v => v!.DeepClone())])).ToHashSet();
                    if (op is "=" or "!=" && value is JsonArray)
                    {
                        throw OdooFault.ValueError($"Invalid leaf {Repr(leaf)}: use 'in' with a list");
                    }

                    return row =>
                    {
                        var actual = Ids(env, model, field, row).ToList();
                        var match = (wantsEmpty && actual.Count == 0) || actual.Any(ids.Contains);
                        return match != negate;
                    };
                }

            default:
                {
                    var expected = value is JsonValue n && n.GetValueKind() == JsonValueKind.Number
                        ? n.GetValue<double>()
                        : throw OdooFault.ValueError($"Invalid leaf {Repr(leaf)}");
                    return row => Ids(env, model, field, row).Any(id => op switch
                    {
                        ">" => id > expected,
                        ">=" => id >= expected,
                        "<" => id < expected,
                        _ => id <= expected,
                    });
                }
        }
    }

    private static IEnumerable<int> Ids(OdooEnv env, OdooModel model, OdooField field, OdooRow row) =>
        field.Name == "id" ? [row.Id] : Targets(env, model, field, row);

    /// <summary>Ids in a leaf value: numbers as they are, names through the comodel's display name (Odoo's name_search).</summary>
    private static IEnumerable<int> ResolveIds(OdooEnv env, OdooModel? comodel, JsonNode? value)
    {
        foreach (var item in value is JsonArray list ? list : new JsonArray(value?.DeepClone()))
        {
            if (item is JsonValue number && number.GetValueKind() == JsonValueKind.Number)
            {
                yield return (int)number.GetValue<double>();
            }
            else if (item is JsonValue text && text.GetValueKind() == JsonValueKind.String && comodel is not null)
            {
                var name = (string)text!;
                foreach (var row in env.Rows(comodel.Name).Where(r => string.Equals(env.DisplayName(comodel, r), name, StringComparison.Ordinal)))
                {
                    yield return row.Id;
                }
            }
        }
    }

    private static HashSet<int> Closure(OdooEnv env, OdooModel model, string parent, HashSet<int> roots, bool down)
    {
        var result = new HashSet<int>(roots);
        if (down)
        {
            var changed = true;
            while (changed)
            {
                changed = false;
                foreach (var row in env.Rows(model.Name))
                {
                    if (row.Ref(parent) is { } p && result.Contains(p) && result.Add(row.Id))
                    {
                        changed = true;
                    }
                }
            }
        }
        else
        {
            foreach (var root in roots)
            {
                for (var current = env.Find(model.Name, root); current?.Ref(parent) is { } up && result.Add(up); current = env.Find(model.Name, up))
                {
                }
            }
        }

        return result;
    }

    private static bool IsFalse(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.False;

    private static string? Text(JsonNode? node) => node is JsonValue v ? v.GetValueKind() switch
    {
        JsonValueKind.String => (string?)v,
        JsonValueKind.Number => v.ToJsonString(),
        JsonValueKind.True => "True",
        _ => null,
    } : null;

    /// <summary>A leaf as Python prints it in error messages: <c>('name', '=', 'x')</c>.</summary>
    public static string Repr(JsonNode? node) => node switch
    {
        null => "None",
        JsonArray array => "(" + string.Join(", ", array.Select(Repr)) + ")",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "'" + (string?)v + "'",
            JsonValueKind.True => "True",
            JsonValueKind.False => "False",
            _ => v.ToJsonString(),
        },
        _ => node.ToJsonString(),
    };
}
