using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Millwright.Sandbox.MaintainX;

/// <summary>What a list endpoint accepts, taken from its parameters in the vendor's OpenAPI file.</summary>
internal sealed record MxListOptions(bool TimeFilters = false, string[]? Sorts = null, string[]? Expand = null, bool OffsetPaging = false);

/// <summary>The common query of MaintainX list endpoints: cursor, limit, time filters, sort and expand.</summary>
internal sealed class MxListQuery
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 200;

    private static readonly string[] TimeParameters = ["updatedAt[gte]", "updatedAt[lte]", "createdAt[gte]", "createdAt[lte]"];

    private MxListQuery(IQueryCollection raw, MxListOptions options)
    {
        Raw = raw;
        Options = options;
    }

    public IQueryCollection Raw { get; }

    public MxListOptions Options { get; }

    public int Limit { get; private init; } = DefaultLimit;

    public string? Cursor { get; private init; }

    public DateTimeOffset? UpdatedGte { get; private set; }

    public DateTimeOffset? UpdatedLte { get; private set; }

    public DateTimeOffset? CreatedGte { get; private set; }

    public DateTimeOffset? CreatedLte { get; private set; }

    /// <summary>The <c>sort</c> value as sent ("-updatedAt"), or "" for the default order (id ascending).</summary>
    public string Sort { get; private init; } = "";

    public IReadOnlySet<string> Expand { get; private init; } = new HashSet<string>();

    public static MxListQuery Parse(HttpRequest request, MxListOptions options)
    {
        var raw = request.Query;
        var query = new MxListQuery(raw, options)
        {
            Limit = ParseLimit(raw["limit"]),
            Cursor = raw["cursor"].ToString() is { Length: > 0 } cursor ? cursor : null,
            Sort = ParseSort(raw["sort"], options.Sorts),
            Expand = ParseExpand(raw["expand"], options.Expand),
        };
        if (options.TimeFilters)
        {
            query.UpdatedGte = ParseTime(raw, TimeParameters[0]);
            query.UpdatedLte = ParseTime(raw, TimeParameters[1]);
            query.CreatedGte = ParseTime(raw, TimeParameters[2]);
            query.CreatedLte = ParseTime(raw, TimeParameters[3]);
        }

        return query;
    }

    /// <summary>Whether a record passes the time filters (always true where the endpoint has none).</summary>
    public bool InTimeWindow(MxRecord record) =>
        (UpdatedGte is not { } ug || record.UpdatedAt >= ug) && (UpdatedLte is not { } ul || record.UpdatedAt <= ul)
        && (CreatedGte is not { } cg || record.CreatedAt >= cg) && (CreatedLte is not { } cl || record.CreatedAt <= cl);

    /// <summary>Integer values of a repeatable filter (<c>assets=1&amp;assets=2</c>); null when absent.</summary>
    public HashSet<long>? Ids(string name)
    {
        var values = Raw[name];
        if (values.Count == 0)
        {
            return null;
        }

        var result = new HashSet<long>();
        foreach (var value in values)
        {
            if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                throw MxApiError.BadRequest($"{name} must be an array of integers");
            }

            result.Add(id);
        }

        return result;
    }

    /// <summary>Enum values of a repeatable filter (<c>statuses=OPEN&amp;statuses=DONE</c>); null when absent.</summary>
    public HashSet<string>? Enums(string name, IReadOnlyCollection<string> allowed)
    {
        var values = Raw[name];
        if (values.Count == 0)
        {
            return null;
        }

        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            if (value is null || !allowed.Contains(value))
            {
                throw MxApiError.BadRequest($"{name} must be one of {string.Join(", ", allowed)}");
            }

            result.Add(value);
        }

        return result;
    }

    private static int ParseLimit(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return DefaultLimit;
        }

        if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var limit) || limit is < 1 or > MaxLimit)
        {
            throw MxApiError.BadRequest($"limit must be an integer between 1 and {MaxLimit}");
        }

        return limit;
    }

    private static string ParseSort(string? value, string[]? allowed)
    {
        if (string.IsNullOrEmpty(value) || allowed is null)
        {
            return "";
        }

        return allowed.Contains(value, StringComparer.Ordinal)
            ? value
            : throw MxApiError.BadRequest($"sort must be one of {string.Join(", ", allowed)}");
    }

    private static HashSet<string> ParseExpand(Microsoft.Extensions.Primitives.StringValues values, string[]? allowed)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        if (allowed is null)
        {
            return result;
        }

        foreach (var value in values)
        {
            if (value is null || !allowed.Contains(value, StringComparer.Ordinal))
            {
                throw MxApiError.BadRequest($"expand must be one of {string.Join(", ", allowed)}");
            }

            result.Add(value);
        }

        return result;
    }

    private static DateTimeOffset? ParseTime(IQueryCollection raw, string name)
    {
        var value = raw[name].ToString();
        if (value.Length == 0)
        {
            return null;
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? parsed
            : throw MxApiError.BadRequest($"{name} must be a valid ISO 8601 date-time");
    }
}
