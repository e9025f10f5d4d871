using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Millwright.Server.Features.Records.Query;

namespace Millwright.Server.Features.Records.Cursors;

/// <summary>
/// Hash of everything that decides which rows a list returns and in which order: connection, entity,
/// filters (order-insensitive, values canonical), <c>updated_after</c>, <c>include_deleted</c> and the sort.
/// <c>limit</c>, <c>expand</c> and <c>include_raw</c> only shape a page, so they may change from page to page.
/// </summary>
internal static class QueryFingerprint
{
    public const int Size = 16;

    public static byte[] Compute(string connectionId, string entityPath, RecordQuery query)
    {
        var text = new StringBuilder(256)
            .Append("records/v1\n").Append(connectionId).Append('\n').Append(entityPath).Append('\n')
            .Append(query.IncludeDeleted ? "deleted" : "live").Append('\n')
            .Append(query.UpdatedAfter?.UtcTicks.ToString(CultureInfo.InvariantCulture) ?? "-").Append('\n');
        foreach (var filter in query.Filters.OrderBy(f => f.Field.Name, StringComparer.Ordinal).ThenBy(f => f.Operator))
        {
            var values = filter.Values.Select(v => v.Canonical).Order(StringComparer.Ordinal);
            text.Append("filter\u001f").Append(filter.Field.Name).Append('\u001f').Append(FilterOperators.Name(filter.Operator))
                .Append('\u001f').Append(string.Join('\u001e', values)).Append('\n');
        }

        foreach (var term in query.Sort)
        {
            text.Append("sort\u001f").Append(term.Descending ? '-' : '+').Append(term.Field.Name).Append('\n');
        }

        return SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()))[..Size];
    }
}
