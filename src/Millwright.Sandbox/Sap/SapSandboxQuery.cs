using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Millwright.Sandbox.Sap;

/// <summary>
/// The system query options of one read, validated against the entity type: <c>$filter</c>, <c>$select</c>,
/// <c>$expand</c> (paths such as <c>to_Operation/to_Component</c> in V2), <c>$orderby</c>, <c>$top</c>, <c>$skip</c>, <c>$inlinecount</c>,
/// <c>$skiptoken</c> (the offset of the next server page) and <c>$format</c>.
/// </summary>
internal sealed record SapQuery(
    SapPredicate? Filter,
    IReadOnlySet<string>? Select,
    IReadOnlyList<EdmNavigation> Expand,
    IReadOnlyList<(string Property, bool Descending)> OrderBy,
    int? Top,
    int Skip,
    bool InlineCount,
    int? SkipToken)
{
    /// <summary>What to expand inside each entity of an expanded navigation (V2 <c>$expand=a/b</c>), by navigation name.</summary>
    public IReadOnlyDictionary<string, SapQuery> Nested { get; init; } = new Dictionary<string, SapQuery>(StringComparer.Ordinal);

    private static readonly HashSet<string> Known =
        ["$filter", "$select", "$expand", "$orderby", "$top", "$skip", "$inlinecount", "$skiptoken", "$format", "$search"];

    private static readonly HashSet<string> KnownV4 =
        ["$filter", "$select", "$expand", "$orderby", "$top", "$skip", "$count", "$skiptoken", "$format", "$search"];

    /// <param name="sets">The service's entity sets, which resolve multi-level <c>$expand</c> paths (V2); without them an item with <c>/</c> is refused.</param>
    public static SapQuery Parse(IQueryCollection query, EdmEntityType type, IReadOnlyDictionary<string, EdmEntitySet>? sets = null)
    {
        foreach (var key in query.Keys)
        {
            if (key.StartsWith('$') && !(type.IsV4 ? KnownV4 : Known).Contains(key))
            {
                throw SapODataError.BadRequest($"System query option '{key}' is not supported");
            }
        }

        var filter = query["$filter"].FirstOrDefault() is { Length: > 0 } f ? SapFilter.Parse(f, type) : null;
        var (expand, nested) = Expansions(Items(query["$expand"], paths: sets is not null), type, sets);
        HashSet<string>? select = null;
        if (query["$select"].FirstOrDefault() is { Length: > 0 } s && s != "*")
        {
            select = new HashSet<string>(StringComparer.Ordinal);
            foreach (var name in List(s))
            {
                if (!type.ByName.ContainsKey(name) && type.Navigations.All(n => n.Name != name))
                {
                    throw SapODataError.BadRequest($"Property '{name}' is not defined in type '{type.QualifiedName}'");
                }

                select.Add(name);
            }
        }

        var order = List(query["$orderby"]).Select(clause =>
        {
            var parts = clause.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length is < 1 or > 2 || !type.ByName.ContainsKey(parts[0]) || (parts.Length == 2 && parts[1] is not ("asc" or "desc")))
            {
                throw SapODataError.BadRequest($"Invalid $orderby clause '{clause}'");
            }

            return (parts[0], parts.Length == 2 && parts[1] == "desc");
        }).ToList();
        var inline = type.IsV4 ? query["$count"].FirstOrDefault() switch
        {
            null or "false" => false,
            "true" => true,
            var other => throw SapODataError.BadRequest($"Invalid value '{other}' of $count; use true or false"),
        } : query["$inlinecount"].FirstOrDefault() switch
        {
            null or "none" => false,
            "allpages" => true,
            var other => throw SapODataError.BadRequest($"Invalid value '{other}' of $inlinecount; use allpages or none"),
        };
        return new SapQuery(filter, select, expand, order, Number(query, "$top"), Number(query, "$skip") ?? 0, inline, Number(query, "$skiptoken")) { Nested = nested };
    }

    /// <summary>
    /// The navigations of <c>$expand</c> items on <paramref name="type"/>, and for paths (<c>to_MaintenanceOrderOperation/to_MaintOrderOpComponent_2</c>)
    /// the expansion of each first step's target, resolved step by step against the metadata so that an unknown step is a <c>400</c>.
    /// </summary>
    private static (List<EdmNavigation> Expand, Dictionary<string, SapQuery> Nested) Expansions(IEnumerable<string> items, EdmEntityType type,
        IReadOnlyDictionary<string, EdmEntitySet>? sets)
    {
        var expand = new List<EdmNavigation>();
        var deeper = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var slash = item.IndexOf('/', StringComparison.Ordinal);
            var name = slash < 0 ? item : item[..slash];
            var navigation = type.Navigations.FirstOrDefault(n => n.Name == name)
                ?? throw SapODataError.BadRequest($"Property '{name}' is not a navigation property of type '{type.QualifiedName}'");
            if (!expand.Contains(navigation))
            {
                expand.Add(navigation);
            }

            if (slash >= 0)
            {
                (deeper.TryGetValue(name, out var rest) ? rest : deeper[name] = []).Add(item[(slash + 1)..]);
            }
        }

        var nested = new Dictionary<string, SapQuery>(StringComparer.Ordinal);
        foreach (var (name, rest) in deeper)
        {
            var target = sets![expand.First(n => n.Name == name).TargetSet].Type;
            var (inner, innerNested) = Expansions(rest, target, sets);
            nested[name] = new SapQuery(null, null, inner, [], null, 0, false, null) { Nested = innerNested };
        }

        return (expand, nested);
    }

    /// <summary>Refuses every format but JSON: the sandbox does not emulate Atom XML (README, deviations).</summary>
    public static void RequireJson(HttpRequest request)
    {
        var format = request.Query["$format"].FirstOrDefault();
        if (format == "json" || (format is null && request.Headers.Accept.ToString().Contains("json", StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        throw new SapODataError(StatusCodes.Status415UnsupportedMediaType, SapODataError.TechnicalError,
            "The sandbox serves OData V2 JSON only: add $format=json or Accept: application/json");
    }

    private static int? Number(IQueryCollection query, string name) =>
        query[name].FirstOrDefault() is not { } text ? null
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
        : throw SapODataError.BadRequest($"Invalid value '{text}' of {name}: expected a non-negative integer");

    private static IEnumerable<string> List(string? text) => Items(text, paths: false);

    /// <summary>The comma-separated items of an option; with <paramref name="paths"/>, items may be <c>/</c>-separated paths without empty steps.</summary>
    private static IEnumerable<string> Items(string? text, bool paths) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split(',').Select(p => p.Trim()).Where(p =>
            p.Length > 0 && (paths ? p.Split('/').All(step => step.Length > 0) : !p.Contains('/', StringComparison.Ordinal))
                ? true
                : throw SapODataError.BadRequest($"Invalid item '{p}' in the query option"));

    /// <summary>Filters, orders (key order when no <c>$orderby</c>) and cuts one server page; the offset of the next page, if any.</summary>
    public (List<IReadOnlyDictionary<string, object?>> Page, int Total, int? Next) Apply(IEnumerable<IReadOnlyDictionary<string, object?>> rows, int maxPage)
    {
        var matching = (Filter is null ? rows : rows.Where(r => Filter(r))).ToList();
        if (OrderBy.Count > 0)
        {
            // Stable, so that ties keep key order and server pages never overlap.
            matching = [.. matching.Order(Comparer<IReadOnlyDictionary<string, object?>>.Create((a, b) =>
            {
                foreach (var (property, descending) in OrderBy)
                {
                    var order = SapCompare.Sort(a[property], b[property]);
                    if (order != 0)
                    {
                        return descending ? -order : order;
                    }
                }

                return 0;
            }))];
        }

        var end = Top is { } top ? Math.Min(matching.Count, Skip + top) : matching.Count;
        var start = Math.Max(SkipToken ?? Skip, Skip);
        var stop = Math.Min(end, start + maxPage);
        var page = start < stop ? matching.GetRange(start, stop - start) : [];
        return (page, matching.Count, stop < end ? stop : null);
    }
}
