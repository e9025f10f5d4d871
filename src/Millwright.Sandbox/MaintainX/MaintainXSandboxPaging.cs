using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;

namespace Millwright.Sandbox.MaintainX;

/// <summary>
/// Orders, pages and wraps a list as <c>{ &lt;envelope&gt;: [...], nextCursor, nextPageUrl }</c>.
/// Work orders and most lists page by keyset (the cursor holds the last sort key and id), so records that
/// change while a client pages never shift the pages. Parts, assets and purchase orders page by offset,
/// as the vendor's "Polling for Changes" text says they do, so records updated mid-walk can move between
/// pages exactly as they would on the real API. The cursor is opaque (base64url) and names its sort.
/// </summary>
internal static class MxPaging
{
    public static JsonObject Page<T>(HttpContext http, MxListQuery query, IEnumerable<T> rows, string envelope,
        Func<T, long> id, Func<T, string, DateTimeOffset?> sortValue, Func<T, JsonNode?> project)
    {
        var descending = query.Sort.StartsWith('-');
        var attribute = query.Sort.TrimStart('-');
        long Key(T row) => attribute is "" or "id"
            ? id(row)
            : sortValue(row, attribute)?.UtcTicks ?? (descending ? long.MinValue : long.MaxValue);

        var ordered = descending
            ? rows.OrderByDescending(Key).ThenByDescending(id)
            : rows.OrderBy(Key).ThenBy(id);
        var start = Decode(query.Cursor, query.Sort, query.Options.OffsetPaging);
        IEnumerable<T> remaining = start switch
        {
            Position.Offset offset => ordered.Skip(offset.Skip),
            Position.After after when descending => ordered.SkipWhile(r => Key(r) > after.Key || (Key(r) == after.Key && id(r) >= after.Id)),
            Position.After after => ordered.SkipWhile(r => Key(r) < after.Key || (Key(r) == after.Key && id(r) <= after.Id)),
            _ => ordered,
        };
        var page = remaining.Take(query.Limit + 1).ToList();
        var more = page.Count > query.Limit;
        if (more)
        {
            page.RemoveAt(page.Count - 1);
        }

        string? next = null;
        if (more)
        {
            next = query.Options.OffsetPaging
                ? Encode($"o|{query.Sort}|{((start as Position.Offset)?.Skip ?? 0) + page.Count}")
                : Encode(string.Create(CultureInfo.InvariantCulture, $"k|{query.Sort}|{Key(page[^1])}|{id(page[^1])}"));
        }

        return new JsonObject
        {
            [envelope] = MxJson.Array(page, project),
            ["nextCursor"] = next,
            ["nextPageUrl"] = next is null ? null : NextPageUrl(http.Request, next),
        };
    }

    private static string NextPageUrl(HttpRequest request, string cursor)
    {
        var query = QueryHelpers.ParseQuery(request.QueryString.Value);
        query["cursor"] = cursor;
        var builder = new QueryBuilder(query.SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string>(p.Key, v ?? ""))));
        return UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path, builder.ToQueryString());
    }

    private static string Encode(string cursor) => Base64UrlTextEncoder.Encode(Encoding.UTF8.GetBytes(cursor));

    private static Position? Decode(string? cursor, string sort, bool offsetPaging)
    {
        if (cursor is null)
        {
            return null;
        }

        string[] parts;
        try
        {
            parts = Encoding.UTF8.GetString(Base64UrlTextEncoder.Decode(cursor)).Split('|');
        }
        catch (FormatException)
        {
            throw InvalidCursor();
        }

        if (parts.Length < 3 || parts[1] != sort)
        {
            throw InvalidCursor();
        }

        if (offsetPaging && parts is ["o", _, var skipText] && int.TryParse(skipText, NumberStyles.None, CultureInfo.InvariantCulture, out var skip))
        {
            return new Position.Offset(skip);
        }

        if (!offsetPaging && parts is ["k", _, var keyText, var idText]
            && long.TryParse(keyText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var key)
            && long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var last))
        {
            return new Position.After(key, last);
        }

        throw InvalidCursor();
    }

    private static MxApiError InvalidCursor() => MxApiError.BadRequest("Invalid cursor");

    private abstract record Position
    {
        public sealed record Offset(int Skip) : Position;

        public sealed record After(long Key, long Id) : Position;
    }
}
