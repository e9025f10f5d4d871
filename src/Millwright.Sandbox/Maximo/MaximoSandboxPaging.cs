using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Millwright.Sandbox.Maximo;

/// <summary>
/// Filters, orders, pages and wraps a collection as <c>{member, href, responseInfo:{href, nextPage,
/// previousPage, pagenum, totalCount?, totalPages?}}</c>. Pages are numbered (<c>pageno</c>) over the
/// live result, so records changing mid-walk can shift between pages, as on the real server; with
/// <c>stablePaging</c> the ordered keys are fixed at the first page and later pages render those records
/// (forward only; an expired or re-read page is 410). Without <c>oslc.pageSize</c> the server pages by
/// <c>mxe.oslc.maxpagesize</c>.
/// </summary>
internal static class MxmPaging
{
    public static JsonObject Page(HttpContext http, MaximoSandbox sandbox, MxmView view, string osName, MxmObjectStructure os, MxmQuery query)
    {
        var table = sandbox.Data.Table(os);
        var size = Math.Min(query.PageSize ?? sandbox.Settings.MaxPageSize, sandbox.Settings.MaxPageSize);
        List<JsonObject> rows;
        string? stableSet = null;
        var total = 0;
        if (query.StableSet is { } set)
        {
            var keys = sandbox.StablePages.Take(set, query.PageNumber);
            total = keys.Count;
            rows = [.. keys.Skip((query.PageNumber - 1) * size).Take(size).Select(table.Find).OfType<JsonObject>()];
            stableSet = set;
        }
        else
        {
            var matching = Ordered(table.Snapshot().Where(query.Where ?? (_ => true)), os, query.OrderBy).ToList();
            total = matching.Count;
            if (query.StablePaging)
            {
                stableSet = sandbox.StablePages.Create([.. matching.Select(r => MxmJson.KeyOf(os, r))], query.PageNumber);
            }

            rows = [.. matching.Skip((query.PageNumber - 1) * size).Take(size)];
        }

        var pages = Math.Max(1, (total + size - 1) / size);
        var info = new JsonObject { ["href"] = Url(http, null, null) };
        if (query.PageNumber < pages)
        {
            info["nextPage"] = new JsonObject { ["href"] = Url(http, query.PageNumber + 1, stableSet) };
        }
        else if (stableSet is not null)
        {
            sandbox.StablePages.Remove(stableSet);
        }

        if (query.PageNumber > 1 && stableSet is null)
        {
            info["previousPage"] = new JsonObject { ["href"] = Url(http, query.PageNumber - 1, null) };
        }

        info["pagenum"] = query.PageNumber;
        if (query.CollectionCount)
        {
            info["totalCount"] = total;
            info["totalPages"] = pages;
        }

        return new JsonObject
        {
            ["member"] = new JsonArray([.. rows.Select(r => (JsonNode)view.Render(osName, os, r, query.Selection))]),
            ["href"] = view.StructuresBase + osName,
            ["responseInfo"] = info,
        };
    }

    private static IEnumerable<JsonObject> Ordered(IEnumerable<JsonObject> rows, MxmObjectStructure os, IReadOnlyList<(string Attribute, bool Descending)> orderBy)
    {
        if (orderBy.Count == 0)
        {
            return rows; // the snapshot is in unique-id order
        }

        IOrderedEnumerable<JsonObject>? ordered = null;
        foreach (var (attribute, descending) in orderBy)
        {
            var type = os.Attributes[attribute];
            Func<JsonObject, IComparable?> key = type switch
            {
                MxmType.Integer or MxmType.Number => r => MxmJson.Number(r[attribute]),
                MxmType.Timestamp => r => MxmJson.Date(r[attribute]),
                MxmType.YesNo => r => r[attribute] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null,
                _ => r => MxmJson.Text(r[attribute])?.ToUpperInvariant(),
            };
            ordered = ordered is null
                ? descending ? rows.OrderByDescending(key, Comparer.Instance) : rows.OrderBy(key, Comparer.Instance)
                : descending ? ordered.ThenByDescending(key, Comparer.Instance) : ordered.ThenBy(key, Comparer.Instance);
        }

        return ordered!.ThenBy(r => MxmJson.Long(r[os.IdAttribute]));
    }

    /// <summary>This request's absolute URL, with <c>pageno</c> (and the stable set) replaced when given.</summary>
    private static string Url(HttpContext http, int? page, string? stableSet)
    {
        var request = http.Request;
        var pairs = request.Query
            .Where(p => page is null || (p.Key != "pageno" && p.Key != MxmQuery.StableSetParameter))
            .Select(p => KeyValuePair.Create(p.Key, p.Value))
            .ToList();
        if (page is { } number)
        {
            pairs.Add(KeyValuePair.Create("pageno", new StringValues(number.ToString(CultureInfo.InvariantCulture))));
            if (stableSet is not null)
            {
                pairs.Add(KeyValuePair.Create(MxmQuery.StableSetParameter, new StringValues(stableSet)));
            }
        }

        return $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{QueryString.Create(pairs)}";
    }

    /// <summary>Nulls sort last ascending (first descending), as Oracle and DB2 order them.</summary>
    private sealed class Comparer : IComparer<IComparable?>
    {
        public static readonly Comparer Instance = new();

        public int Compare(IComparable? x, IComparable? y) =>
            x is null ? (y is null ? 0 : 1) : y is null ? -1 : x.CompareTo(y);
    }
}
