namespace Millwright.Sandbox.Sap;

/// <summary>Ordering of Edm values for <c>$filter</c> and <c>$orderby</c>: instants by UTC, numbers by value, text ordinally.</summary>
internal static class SapCompare
{
    /// <summary>Negative, zero or positive; null when the two cannot be ordered (one is null, or the kinds differ).</summary>
    public static int? Order(object? left, object? right)
    {
        if (left is null || right is null)
        {
            return left is null && right is null ? 0 : null;
        }

        return (Normalize(left), Normalize(right)) switch
        {
            (decimal a, decimal b) => a.CompareTo(b),
            (DateTimeOffset a, DateTimeOffset b) => a.UtcTicks.CompareTo(b.UtcTicks),
            (string a, string b) => string.CompareOrdinal(a, b),
            (bool a, bool b) => a.CompareTo(b),
            (TimeSpan a, TimeSpan b) => a.CompareTo(b),
            (Guid a, Guid b) => a.CompareTo(b),
            _ => null,
        };
    }

    /// <summary>For sorting: nulls first, then <see cref="Order"/>.</summary>
    public static int Sort(object? left, object? right) =>
        left is null ? (right is null ? 0 : -1) : right is null ? 1 : Order(left, right) ?? 0;

    private static object Normalize(object value) => value switch
    {
        DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
        int i => (decimal)i,
        long l => (decimal)l,
        double d => (decimal)Math.Clamp(d, -7.9e27, 7.9e27),
        _ => value,
    };
}
