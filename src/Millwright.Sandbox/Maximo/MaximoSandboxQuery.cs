using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Millwright.Sandbox.Maximo;

/// <summary>
/// The query parameters of a collection request, parsed and checked against the object structure:
/// <c>lean</c>, <c>oslc.select</c>, <c>oslc.where</c>, <c>oslc.searchTerms</c>, <c>oslc.orderBy</c>,
/// <c>oslc.pageSize</c>, <c>pageno</c>, <c>collectioncount</c>, <c>stablePaging</c>, <c>_dropnulls</c>.
/// </summary>
internal sealed record MxmQuery(
    MxmSelection Selection,
    Func<JsonObject, bool>? Where,
    IReadOnlyList<(string Attribute, bool Descending)> OrderBy,
    int? PageSize,
    int PageNumber,
    bool CollectionCount,
    bool StablePaging,
    string? StableSet,
    bool Lean,
    bool DropNulls,
    IReadOnlyDictionary<string, Func<JsonObject, bool>> ChildWhere)
{
    public const string StableSetParameter = "stableset";

    public static MxmQuery Parse(HttpRequest request, MxmObjectStructure os, bool leanByDefault)
    {
        var query = request.Query;
        var select = query["oslc.select"].ToString();
        var where = query["oslc.where"].ToString();
        var terms = query["oslc.searchTerms"].ToString().Trim().Trim('"');
        Func<JsonObject, bool>? predicate = where.Trim().Length > 0 ? MxmWhere.Compile(where, os) : null;
        if (terms.Length > 0 && os.Attributes.ContainsKey("description"))
        {
            // Search terms match the description text (Maximo's text search, without its index).
            var inner = predicate;
            predicate = r => (inner is null || inner(r))
                && MxmJson.Text(r["description"])?.Contains(terms, StringComparison.OrdinalIgnoreCase) == true;
        }

        return new MxmQuery(
            select.Trim().Length > 0 ? MxmSelection.Parse(select, os) : MxmSelection.None,
            predicate,
            ParseOrderBy(query["oslc.orderBy"].ToString(), os),
            query.ContainsKey("oslc.pageSize") ? Positive(query["oslc.pageSize"].ToString(), "oslc.pageSize") : null,
            query.ContainsKey("pageno") ? Positive(query["pageno"].ToString(), "pageno") : 1,
            Flag(query["collectioncount"].ToString()),
            Flag(query["stablePaging"].ToString()),
            query[StableSetParameter].ToString() is { Length: > 0 } set ? set : null,
            query.ContainsKey("lean") ? Flag(query["lean"].ToString()) : leanByDefault,
            query["_dropnulls"].ToString() != "0",
            ChildFilters(request, os));
    }

    /// <summary>
    /// <c>&lt;parent mbo&gt;.&lt;child&gt;.where</c> (REST API Guide, "Child objects": <c>po.poline.where=…</c>) filters the rows of
    /// that child object inlined in each record, without changing which records are selected.
    /// </summary>
    private static Dictionary<string, Func<JsonObject, bool>> ChildFilters(HttpRequest request, MxmObjectStructure os)
    {
        var filters = new Dictionary<string, Func<JsonObject, bool>>(StringComparer.Ordinal);
        foreach (var (key, value) in request.Query)
        {
            var parts = key.ToLowerInvariant().Split('.');
            if (parts is not [var parent, var name, "where"])
            {
                continue;
            }

            var child = Pairs(os.MainObject, os.Children).FirstOrDefault(p => p.Parent == parent && p.Child.Name == name).Child
                ?? throw MxmError.BadQuery($"{key}: {name.ToUpperInvariant()} is not a child object of {parent.ToUpperInvariant()} in the object structure {os.Name.ToUpperInvariant()}.");
            filters[child.Name] = MxmWhere.Compile(value.ToString(), child);
        }

        return filters;
    }

    private static IEnumerable<(string Parent, MxmChild Child)> Pairs(string parent, IReadOnlyList<MxmChild> children) =>
        children.SelectMany(c => Pairs(c.Name, c.Children).Prepend((parent.ToLowerInvariant(), c)));

    /// <summary>
    /// <c>-changedate,+wonum</c>: every attribute needs a sign. An unencoded '+' arrives as a space, which
    /// Maximo does not read as ascending: that is a 400 here, with a hint, rather than a silent reorder.
    /// </summary>
    private static List<(string, bool)> ParseOrderBy(string text, MxmObjectStructure os)
    {
        var result = new List<(string, bool)>();
        if (text.Trim().Length == 0)
        {
            return result;
        }

        foreach (var part in text.Split(','))
        {
            if (part.Length < 2 || part[0] is not ('+' or '-'))
            {
                throw MxmError.BadQuery($"Each attribute of oslc.orderBy needs a sign, + or - (URL-encode + as %2B): '{part.Trim()}'.");
            }

            var name = part[1..].Trim().ToLowerInvariant();
            if (!os.Attributes.ContainsKey(name))
            {
                throw MxmError.BadQuery($"The attribute {name.ToUpperInvariant()} in oslc.orderBy does not exist in the object structure {os.Name.ToUpperInvariant()}.");
            }

            result.Add((name, part[0] == '-'));
        }

        return result;
    }

    private static int Positive(string text, string name) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw MxmError.BadQuery($"The value '{text}' of {name} is not a positive whole number.");

    private static bool Flag(string text) => text is "1" or "true" or "TRUE" or "True";
}
