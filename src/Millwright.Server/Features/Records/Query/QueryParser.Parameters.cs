using System.Globalization;
using Millwright.Client.Errors;

namespace Millwright.Server.Features.Records.Query;

/// <summary>The single-valued parameters: flags, limit, updated_after, sort and expand.</summary>
internal static partial class QueryParser
{
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
