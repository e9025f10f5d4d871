using Millwright.Client.Errors;
using Millwright.Server.Hosting.Errors;

namespace Millwright.Server.Features.Records.Query;

/// <summary>
/// Turns the query string of <c>GET /v1/{entity}</c> and <c>GET /v1/{entity}/{id}</c> into a
/// <see cref="RecordQuery"/>. Every problem is collected into one 400 <c>INVALID_QUERY_PARAMETER</c> whose
/// details name each offending parameter; unknown parameters are refused rather than ignored, so a typo
/// (<c>filtr[status]</c>) never silently returns everything.
/// </summary>
internal static partial class QueryParser
{
    public const int MaxFilters = 20;
    public const int MaxInValues = 100;
    public const int MaxSortFields = 4;

    private static readonly SortTerm DefaultSort = new(
        new FieldDef("updated_at", FieldKind.DateTime, FieldSource.Column, "updated_at", Nullable: false), Descending: false);

    public static RecordQuery ParseList(EntitySchema schema, IQueryCollection query) => Parse(schema, query, list: true);

    public static RecordQuery ParseGet(EntitySchema schema, IQueryCollection query) => Parse(schema, query, list: false);

    private static RecordQuery Parse(EntitySchema schema, IQueryCollection query, bool list)
    {
        var errors = new List<ErrorDetail>();
        var result = new RecordQuery { Sort = [DefaultSort] };
        var filters = new List<Filter>();
        foreach (var (key, values) in query)
        {
            if (values.Count != 1)
            {
                errors.Add(new(key, $"{key} is given more than once."));
                continue;
            }

            var value = values.ToString();
            switch (key)
            {
                case "include_deleted":
                    result = result with { IncludeDeleted = Boolean(key, value, errors) };
                    break;
                case "include_raw":
                    result = result with { IncludeRaw = Boolean(key, value, errors) };
                    break;
                case "expand":
                    result = result with { Expand = Expand(schema, value, errors) };
                    break;
                case "limit" when list:
                    result = result with { Limit = Limit(value, errors) };
                    break;
                case "cursor" when list:
                    result = result with { Cursor = value };
                    break;
                case "updated_after" when list:
                    result = result with { UpdatedAfter = UpdatedAfter(value, errors) };
                    break;
                case "sort" when list:
                    result = result with { Sort = Sort(schema, value, errors) };
                    break;
                case var _ when list && key.StartsWith("filter[", StringComparison.Ordinal):
                    if (FilterParser.Parse(schema, key, value, errors) is { } filter)
                    {
                        filters.Add(filter);
                    }

                    break;
                default:
                    errors.Add(new(key, list
                        ? $"Unknown query parameter '{QueryValues.Shorten(key)}'. Lists accept limit, cursor, updated_after, include_deleted, include_raw, expand, sort and filter[field] / filter[field:op]."
                        : $"Unknown query parameter '{QueryValues.Shorten(key)}'. A single record accepts include_deleted, include_raw and expand."));
                    break;
            }
        }

        CheckFilterSet(filters, errors);
        if (errors.Count > 0)
        {
            var message = errors.Count == 1 ? errors[0].Message : $"{errors[0].Message} (and {errors.Count - 1} more problem(s); see details)";
            throw new ApiException(StatusCodes.Status400BadRequest, ErrorCodes.InvalidQueryParameter, message, details: errors);
        }

        return result with { Filters = filters };
    }

    private static void CheckFilterSet(List<Filter> filters, List<ErrorDetail> errors)
    {
        if (filters.Count > MaxFilters)
        {
            errors.Add(new("filter", $"At most {MaxFilters} filters per request."));
        }

        foreach (var group in filters.GroupBy(f => (f.Field.Name, f.Operator)).Where(g => g.Count() > 1))
        {
            var first = group.First();
            errors.Add(new(first.Parameter, $"{first.Field.Name} has the operator {FilterOperators.Name(first.Operator)} more than once; use in for several values."));
        }
    }
}
