using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace Millwright.Client;

/// <summary>Comparison operators of list filters (<c>filter[field:op]=value</c>).</summary>
public enum FilterOperator
{
    /// <summary>Equal (the default). On list fields such as <c>assignee_ids</c>: the list holds the value.</summary>
    Eq,
    /// <summary>Not equal; records without a value match. On list fields: the list does not hold the value.</summary>
    Ne,
    /// <summary>Greater than.</summary>
    Gt,
    /// <summary>Greater than or equal.</summary>
    Gte,
    /// <summary>Less than.</summary>
    Lt,
    /// <summary>Less than or equal.</summary>
    Lte,
    /// <summary>One of a comma list of values.</summary>
    In,
    /// <summary>Text contains the value, ignoring ASCII case.</summary>
    Contains,
    /// <summary>Text starts with the value, ignoring ASCII case.</summary>
    StartsWith,
}

/// <summary>One list filter: <paramref name="Field"/> is a wire name (<c>due_at</c>, <c>custom_fields.line</c>).</summary>
/// <param name="Field">Field to compare.</param>
/// <param name="Operator">Comparison.</param>
/// <param name="Value">Value as the API reads it (use <see cref="ListQuery.Where(string, FilterOperator, object)"/> to format typed values).</param>
public sealed record ListFilter(string Field, FilterOperator Operator, string Value);

/// <summary>
/// Parameters of <c>GET /v1/{entity}</c>. Immutable: the helper methods return a changed copy, e.g.
/// <c>new ListQuery { Limit = 100 }.Where("status", FilterOperator.In, new[] { "open", "on_hold" }).OrderByDescending("due_at")</c>.
/// </summary>
public sealed record ListQuery
{
    /// <summary>Page size, 1–500; the server's default is 50.</summary>
    public int? Limit { get; init; }

    /// <summary>The <c>next_cursor</c> of the previous page of the same query.</summary>
    public string? Cursor { get; init; }

    /// <summary>Only records Millwright saw change strictly after this time.</summary>
    public DateTimeOffset? UpdatedAfter { get; init; }

    /// <summary>Also list records deleted in the connected system.</summary>
    public bool IncludeDeleted { get; init; }

    /// <summary>Include each record's source document in <c>raw</c>.</summary>
    public bool IncludeRaw { get; init; }

    /// <summary>Sort fields, <c>-</c> prefix for descending; empty means the server default (<c>updated_at</c>).</summary>
    public IReadOnlyList<string> Sort { get; init; } = [];

    /// <summary>References to inline (<c>asset</c>, <c>location</c>, <c>site</c>, …).</summary>
    public IReadOnlyList<string> Expand { get; init; } = [];

    /// <summary>Filters, combined with AND.</summary>
    public IReadOnlyList<ListFilter> Filters { get; init; } = [];

    /// <summary>Adds an equality filter.</summary>
    public ListQuery Where(string field, object value) => Where(field, FilterOperator.Eq, value);

    /// <summary>Adds a filter; dates, enums, booleans, numbers and lists (for <see cref="FilterOperator.In"/>) are formatted for the wire.</summary>
    public ListQuery Where(string field, FilterOperator op, object value) =>
        this with { Filters = [.. Filters, new ListFilter(field, op, Format(value))] };

    /// <summary>Adds an ascending sort field.</summary>
    public ListQuery OrderBy(string field) => this with { Sort = [.. Sort, field] };

    /// <summary>Adds a descending sort field.</summary>
    public ListQuery OrderByDescending(string field) => this with { Sort = [.. Sort, "-" + field] };

    /// <summary>Adds references to inline.</summary>
    public ListQuery Expanding(params string[] references) => this with { Expand = [.. Expand, .. references] };

    /// <summary>The query-string parameters of this query.</summary>
    public IEnumerable<KeyValuePair<string, string?>> ToParameters()
    {
        yield return new("limit", Limit?.ToString(CultureInfo.InvariantCulture));
        yield return new("cursor", Cursor);
        yield return new("updated_after", UpdatedAfter is { } after ? Format(after) : null);
        yield return new("include_deleted", IncludeDeleted ? "true" : null);
        yield return new("include_raw", IncludeRaw ? "true" : null);
        yield return new("sort", Sort.Count > 0 ? string.Join(',', Sort) : null);
        yield return new("expand", Expand.Count > 0 ? string.Join(',', Expand) : null);
        foreach (var filter in Filters)
        {
            var op = filter.Operator == FilterOperator.StartsWith ? "starts_with" : filter.Operator.ToString().ToLowerInvariant();
            yield return new($"filter[{filter.Field}:{op}]", filter.Value);
        }
    }

    /// <summary>Formats a value as the API reads it.</summary>
    public static string Format(object value) => value switch
    {
        string s => s,
        DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
        DateTime t => Format(new DateTimeOffset(t.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : t)),
        bool b => b ? "true" : "false",
        Enum e => JsonNamingPolicy.SnakeCaseLower.ConvertName(e.ToString()),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable items => string.Join(',', items.Cast<object>().Select(Format)),
        _ => value.ToString() ?? "",
    };
}
