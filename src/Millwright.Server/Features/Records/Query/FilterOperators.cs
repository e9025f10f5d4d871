namespace Millwright.Server.Features.Records.Query;

/// <summary>Operator names on the wire and which field types accept which operators.</summary>
internal static class FilterOperators
{
    private static readonly Dictionary<string, FilterOperator> ByName = new(StringComparer.Ordinal)
    {
        ["eq"] = FilterOperator.Eq,
        ["ne"] = FilterOperator.Ne,
        ["gt"] = FilterOperator.Gt,
        ["gte"] = FilterOperator.Gte,
        ["lt"] = FilterOperator.Lt,
        ["lte"] = FilterOperator.Lte,
        ["in"] = FilterOperator.In,
        ["contains"] = FilterOperator.Contains,
        ["starts_with"] = FilterOperator.StartsWith,
    };

    private static readonly FilterOperator[] Equality = [FilterOperator.Eq, FilterOperator.Ne, FilterOperator.In];
    private static readonly FilterOperator[] Ordered = [.. Equality, FilterOperator.Gt, FilterOperator.Gte, FilterOperator.Lt, FilterOperator.Lte];
    private static readonly FilterOperator[] All = [.. Ordered, FilterOperator.Contains, FilterOperator.StartsWith];

    public static bool TryParse(string name, out FilterOperator op) => ByName.TryGetValue(name, out op);

    public static string Name(FilterOperator op) => op switch
    {
        FilterOperator.StartsWith => "starts_with",
        _ => op.ToString().ToLowerInvariant(),
    };

    public static IReadOnlyList<FilterOperator> For(FieldKind kind) => kind switch
    {
        FieldKind.String or FieldKind.Dynamic => All,
        FieldKind.Number or FieldKind.Enum => Ordered,
        FieldKind.DateTime => [FilterOperator.Eq, FilterOperator.Ne, FilterOperator.Gt, FilterOperator.Gte, FilterOperator.Lt, FilterOperator.Lte],
        FieldKind.Boolean => [FilterOperator.Eq, FilterOperator.Ne],
        FieldKind.StringArray => Equality,
        _ => [],
    };
}
