using System.Globalization;
using Microsoft.Extensions.Primitives;
using Millwright.Client.Errors;
using Millwright.Server.Hosting.Errors;

namespace Millwright.Server.Features.Records.Query;

/// <summary>
/// Turns the query string of <c>GET /v1/{entity}</c> and <c>GET /v1/{entity}/{id}</c> into a
/// <see cref="RecordQuery"/>. Every problem is collected into one 400 <c>INVALID_QUERY_PARAMETER</c> whose
/// details name each offending parameter; unknown parameters are refused rather than ignored, so a typo
/// (<c>filtr[status]</c>) never silently returns everything.
/// </summary>
internal static class QueryParser
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

    private static bool Boolean(string key, string value, List<ErrorDetail> errors)
    {
        if (QueryValues.TryParseBoolean(value, out var result))
        {
            return result;
        }

        errors.Add(new(key, $"{key} must be true or false."));
        return false;
    }

    private static int Limit(string value, List<ErrorDetail> errors)
    {
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= RecordQuery.MaxLimit)
        {
            return limit;
        }

        errors.Add(new("limit", $"limit must be a whole number from 1 to {RecordQuery.MaxLimit} (default {RecordQuery.DefaultLimit})."));
        return RecordQuery.DefaultLimit;
    }

    private static DateTimeOffset? UpdatedAfter(string value, List<ErrorDetail> errors)
    {
        if (QueryValues.TryParseTime(value, out var time))
        {
            return time;
        }

        errors.Add(new("updated_after", "updated_after must be an ISO-8601 date-time, for example 2026-01-31T08:00:00Z."));
        return null;
    }

    private static List<SortTerm> Sort(EntitySchema schema, string value, List<ErrorDetail> errors)
    {
        var terms = new List<SortTerm>();
        foreach (var item in value.Split(',', StringSplitOptions.TrimEntries))
        {
            var descending = item.StartsWith('-');
            var name = descending ? item[1..] : item;
            var field = schema.Find(name);
            string? problem = field switch
            {
                _ when name.Length == 0 => "sort has an empty field name; use a comma list such as -due_at,title.",
                null => $"sort: {schema.Info.Path} has no field '{QueryValues.Shorten(name)}'.",
                { IsSortable: false } => $"sort: {name} is a list and cannot be sorted on.",
                _ when terms.Exists(t => t.Field.Name == name) => $"sort: {name} is listed twice.",
                _ when terms.Count > 0 && terms[^1].Field.Name == "id" => "sort: id is unique, so it must be the last sort field.",
                _ => null,
            };
            if (problem is not null)
            {
                errors.Add(new("sort", problem));
                return [DefaultSort];
            }

            terms.Add(new SortTerm(field!, descending));
        }

        if (terms.Count > MaxSortFields)
        {
            errors.Add(new("sort", $"sort accepts at most {MaxSortFields} fields."));
            return [DefaultSort];
        }

        return terms;
    }

    private static List<FieldDef> Expand(EntitySchema schema, string value, List<ErrorDetail> errors)
    {
        var fields = new List<FieldDef>();
        foreach (var name in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!schema.Expansions.TryGetValue(name, out var field))
            {
                errors.Add(new("expand", schema.Expansions.Count == 0
                    ? $"expand: {schema.Info.Path} have no references to expand."
                    : $"expand: '{QueryValues.Shorten(name)}' is not a reference of {schema.Info.Path}; use {string.Join(", ", schema.Expansions.Keys)}."));
                continue;
            }

            if (!fields.Contains(field))
            {
                fields.Add(field);
            }
        }

        return fields;
    }
}
