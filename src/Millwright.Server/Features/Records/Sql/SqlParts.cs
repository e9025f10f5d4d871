namespace Millwright.Server.Features.Records.Sql;

/// <summary>How SQL reads a value; decides the parameter type a comparison binds and how a cursor stores it.</summary>
internal enum SqlKind
{
    Text,
    Number,
    Boolean,
    /// <summary>An envelope time column (SQLite: unix microseconds; PostgreSQL: timestamptz).</summary>
    Time,
    /// <summary>A date-time inside <c>data</c> (SQLite: unix seconds as REAL; PostgreSQL: timestamptz).</summary>
    JsonTime,
    /// <summary>Declaration-order position of an enum value.</summary>
    Ordinal,
}

/// <summary>One ORDER BY key. Nulls always sort last, in both directions.</summary>
internal sealed record SortKey(string Expression, SqlKind Kind, bool Nullable, bool Descending);

/// <summary>Parameters of one statement. Every user-supplied value goes through here, never into the SQL text.</summary>
internal sealed class SqlParameters
{
    private readonly List<KeyValuePair<string, object>> values = [];

    public IReadOnlyList<KeyValuePair<string, object>> Values => values;

    public string Add(object? value)
    {
        var name = "@p" + values.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        values.Add(new(name, value ?? DBNull.Value));
        return name;
    }
}

internal sealed record SqlStatement(string Text, IReadOnlyList<KeyValuePair<string, object>> Parameters);
