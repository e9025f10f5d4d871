using System.Globalization;

namespace Millwright.Sandbox.Odoo;

/// <summary>
/// The <c>order</c> of a search: a comma-separated list of stored fields, each optionally <c>asc</c> or
/// <c>desc</c> and <c>nulls first|last</c>; the model's <c>_order</c> when none is given. NULLs sort as
/// PostgreSQL sorts them (last ascending, first descending); a many2one sorts by its comodel's order.
/// Rows that tie on every key come in heap order (<see cref="OdooRow.Physical"/>), as on a real server.
/// </summary>
internal static class OdooOrder
{
    public static bool Sortable(OdooField field) => (field.Stored || field.Related) && !field.IsToMany && field.Type is not ("binary" or "properties" or "properties_definition");

    public static void Sort(OdooEnv env, OdooModel model, List<OdooRow> rows, string? order)
    {
        var keys = Parse(model, string.IsNullOrWhiteSpace(order) ? model.Order : order);
        var ranks = keys.Where(k => k.Field.Type == "many2one").Select(k => k.Field.Relation!).Distinct()
            .ToDictionary(r => r, r => Rank(env, r), StringComparer.Ordinal);
        rows.Sort((a, b) =>
        {
            foreach (var (field, descending, nullsFirst) in keys)
            {
                var x = Key(env, model, field, a, ranks);
                var y = Key(env, model, field, b, ranks);
                int compare;
                if (x is null || y is null)
                {
                    compare = x is null && y is null ? 0 : (x is null) == nullsFirst ? -1 : 1;
                    if (compare != 0)
                    {
                        return compare;
                    }

                    continue;
                }

                compare = x is string sx && y is string sy ? string.CompareOrdinal(sx, sy) : ((IComparable)x).CompareTo(y);
                if (compare != 0)
                {
                    return descending ? -compare : compare;
                }
            }

            return a.Physical.CompareTo(b.Physical);
        });
    }

    private static List<(OdooField Field, bool Descending, bool NullsFirst)> Parse(OdooModel model, string order)
    {
        var keys = new List<(OdooField, bool, bool)>();
        foreach (var part in order.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var words = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var field = model.Field(words[0]);
            var direction = words.Length > 1 ? words[1].ToLowerInvariant() : "asc";
            var nulls = words.Length > 3 && words[2].Equals("nulls", StringComparison.OrdinalIgnoreCase) ? words[3].ToLowerInvariant() : null;
            if (field is null || !Sortable(field) || direction is not ("asc" or "desc") || words.Length is 3 or > 4 || (words.Length == 4 && nulls is not ("first" or "last")))
            {
                throw OdooFault.ValueError($"Invalid \"order\" specified ({order}). A valid \"order\" specification is a comma-separated list of valid field names (optionally followed by asc/desc for the direction)");
            }

            var descending = direction == "desc";
            keys.Add((field, descending, nulls is null ? descending : nulls == "first"));
        }

        return keys;
    }

    private static IComparable? Key(OdooEnv env, OdooModel model, OdooField field, OdooRow row, Dictionary<string, Dictionary<int, int>> ranks)
    {
        var value = env.Value(model, row, field);
        return field.Type switch
        {
            "many2one" => value is int id && ranks[field.Relation!].TryGetValue(id, out var rank) ? rank : null,
            "integer" or "float" or "monetary" => value is null ? null : Convert.ToDouble(value, CultureInfo.InvariantCulture),
            "boolean" => value is true,
            _ => value as string,
        };
    }

    /// <summary>The position of every record of <paramref name="model"/> in its own <c>_order</c> (by name when that order is itself relational).</summary>
    private static Dictionary<int, int> Rank(OdooEnv env, string model)
    {
        var definition = env.Db.Model(model);
        if (definition is null)
        {
            return [];
        }

        var rows = env.Rows(model).ToList();
        var simple = definition.Order.Split(',').All(p => definition.Field(p.Trim().Split(' ')[0]) is { Type: not "many2one" });
        if (simple)
        {
            Sort(env, definition, rows, null);
        }
        else
        {
            rows.Sort((a, b) => string.CompareOrdinal(env.DisplayName(definition, a), env.DisplayName(definition, b)));
        }

        return rows.Select((r, i) => (r.Id, i)).ToDictionary(p => p.Id, p => p.i);
    }
}
