namespace Millwright.Server.Features.Records.Query;

internal enum FilterOperator
{
    Eq,
    Ne,
    Gt,
    Gte,
    Lt,
    Lte,
    In,
    Contains,
    StartsWith,
}

/// <summary>
/// A filter value, parsed for the field's type. <see cref="Canonical"/> is what the cursor's query hash
/// sees, so two spellings of the same value (<c>2026-01-01T00:00:00Z</c>, <c>2026-01-01T01:00:00+01:00</c>)
/// hash the same.
/// </summary>
internal sealed record FilterValue(string Canonical)
{
    public string? Text { get; init; }
    public decimal? Number { get; init; }
    public bool? Boolean { get; init; }
    public DateTimeOffset? Time { get; init; }
    /// <summary>Position of an enum value in its declaration order.</summary>
    public int? Ordinal { get; init; }
}

internal sealed record Filter(string Parameter, FieldDef Field, FilterOperator Operator, IReadOnlyList<FilterValue> Values);

internal sealed record SortTerm(FieldDef Field, bool Descending);

/// <summary>A validated list or get request. Everything user-supplied in here has been checked against the schema.</summary>
internal sealed record RecordQuery
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public int Limit { get; init; } = DefaultLimit;
    public string? Cursor { get; init; }
    public DateTimeOffset? UpdatedAfter { get; init; }
    public bool IncludeDeleted { get; init; }
    public bool IncludeRaw { get; init; }
    public IReadOnlyList<Filter> Filters { get; init; } = [];
    /// <summary>Never empty: the default is <c>updated_at</c> ascending. The id tiebreaker is not listed.</summary>
    public IReadOnlyList<SortTerm> Sort { get; init; } = [];
    public IReadOnlyList<FieldDef> Expand { get; init; } = [];
}
