using Millwright.Client.Errors;

namespace Millwright.Server.Features.Records.Query;

/// <summary>Parses one <c>filter[field]=value</c> or <c>filter[field:op]=value</c> parameter.</summary>
internal static class FilterParser
{
    public static Filter? Parse(EntitySchema schema, string key, string value, List<ErrorDetail> errors)
    {
        if (!key.EndsWith(']') || key.Length <= "filter[]".Length)
        {
            errors.Add(new(key, $"'{QueryValues.Shorten(key)}' is not a filter; write filter[field]=value or filter[field:op]=value."));
            return null;
        }

        var inner = key["filter[".Length..^1];
        var colon = inner.LastIndexOf(':');
        var name = colon < 0 ? inner : inner[..colon];
        var op = FilterOperator.Eq;
        if (colon >= 0 && !FilterOperators.TryParse(inner[(colon + 1)..], out op))
        {
            errors.Add(new(key, $"Unknown filter operator '{QueryValues.Shorten(inner[(colon + 1)..])}'; use eq, ne, gt, gte, lt, lte, in, contains or starts_with."));
            return null;
        }

        var field = schema.Find(name);
        if (field is null)
        {
            errors.Add(new(key, $"{schema.Info.Path} has no field '{QueryValues.Shorten(name)}' to filter on."));
            return null;
        }

        var allowed = FilterOperators.For(field.Kind);
        if (allowed.Count == 0)
        {
            errors.Add(new(key, $"{field.Name} holds nested objects and cannot be filtered."));
            return null;
        }

        if (!allowed.Contains(op))
        {
            errors.Add(new(key, $"The operator {FilterOperators.Name(op)} does not apply to {Describe(field.Kind)} field {field.Name}; use {string.Join(", ", allowed.Select(FilterOperators.Name))}."));
            return null;
        }

        var raw = op == FilterOperator.In ? value.Split(',') : [value];
        if (op == FilterOperator.In && raw.Length > QueryParser.MaxInValues)
        {
            errors.Add(new(key, $"in accepts at most {QueryParser.MaxInValues} values."));
            return null;
        }

        if ((op is FilterOperator.Contains or FilterOperator.StartsWith || (op == FilterOperator.In && field.Kind != FieldKind.String)) && raw.Any(r => r.Length == 0))
        {
            errors.Add(new(key, $"{FilterOperators.Name(op)} needs non-empty values."));
            return null;
        }

        var values = new List<FilterValue>(raw.Length);
        foreach (var item in raw)
        {
            if (QueryValues.Parse(field, item, out var error) is not { } parsed)
            {
                errors.Add(new(key, error!));
                return null;
            }

            values.Add(parsed);
        }

        return new Filter(key, field, op, values);
    }

    private static string Describe(FieldKind kind) => kind switch
    {
        FieldKind.DateTime => "date-time",
        FieldKind.StringArray => "list",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
