using Millwright.Server.Features.Records.Query;

namespace Millwright.Server.Features.Records.Sql;

/// <summary>Field expressions, filter predicates and sort keys.</summary>
internal sealed partial class RecordSql
{
    private IEnumerable<SortKey> KeysOf(SortTerm term)
    {
        var field = term.Field;
        if (field.Kind == FieldKind.Dynamic)
        {
            // Untyped: numbers first (numerically), then strings; anything else last.
            var node = dialect.JsonNode(field, parameters);
            return [new(dialect.JsonNumber(node), SqlKind.Number, true, term.Descending), new(dialect.JsonText(node), SqlKind.Text, true, term.Descending)];
        }

        var (expression, kind) = field.Kind == FieldKind.Enum ? (Ordinal(field), SqlKind.Ordinal) : Value(field);
        return [new(expression, kind, field.Nullable, term.Descending)];
    }

    /// <summary>The expression a typed field sorts by, which is also what its query index holds (ADR 0021).</summary>
    public string KeyExpression(FieldDef field) => KeysOf(new SortTerm(field, Descending: false)).Single().Expression;

    private (string Expression, SqlKind Kind) Value(FieldDef field)
    {
        if (field.Source == FieldSource.Column)
        {
            return field.Kind == FieldKind.DateTime ? ($"r.{field.StorageName}", SqlKind.Time)
                : field.StorageName == "id" ? ("r.id", SqlKind.Text)
                : (dialect.TextColumn($"r.{field.StorageName}"), SqlKind.Text);
        }

        var node = dialect.JsonNode(field, parameters);
        return field.Kind switch
        {
            FieldKind.Number => (dialect.JsonNumber(node), SqlKind.Number),
            FieldKind.Boolean => (dialect.JsonBoolean(node), SqlKind.Boolean),
            FieldKind.DateTime => (dialect.JsonTime(node), SqlKind.JsonTime),
            _ => (dialect.JsonText(node), SqlKind.Text),
        };
    }

    private string Ordinal(FieldDef field)
    {
        var text = dialect.JsonEnumText(dialect.JsonNode(field, parameters));
        // Enum values come from the C# enums (snake_case identifiers), never from the request.
        var cases = field.EnumValues.Select((v, i) => v.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_')
            ? $"WHEN '{v}' THEN {i}"
            : throw new InvalidOperationException($"Enum value {v} of {field.Name} cannot be inlined."));
        return $"(CASE {text} {string.Join(' ', cases)} END)";
    }

    private string Predicate(Filter filter)
    {
        var field = filter.Field;
        var op = filter.Operator;
        if (field.Kind == FieldKind.StringArray)
        {
            var node = dialect.JsonNode(field, parameters);
            var contains = filter.Values.Select(v => dialect.JsonArrayContains(node, parameters.Add(v.Text))).ToList();
            return op == FilterOperator.Ne ? $"NOT {contains[0]}" : $"({string.Join(" OR ", contains)})";
        }

        if (field.Kind == FieldKind.Dynamic)
        {
            return DynamicPredicate(filter);
        }

        // Every enum comparison goes through the declaration-order position, the expression its sort and its
        // query index use: a value outside the enum has none, so eq/in/ranges skip it and ne keeps it, as on text.
        if (field.Kind == FieldKind.Enum)
        {
            var ordinal = walkedSort is not null && walkedSort.Name != field.Name ? dialect.Unindexed(Ordinal(field)) : Ordinal(field);
            return Compare(ordinal, op, filter.Values.Select(v => parameters.Add((long)v.Ordinal!.Value)).ToList());
        }

        var (expression, kind) = Value(field);
        if (op is FilterOperator.Contains or FilterOperator.StartsWith)
        {
            return TextSearch(expression, op, filter.Values[0].Text!);
        }

        return Compare(expression, op, filter.Values.Select(v => Bind(kind, v)).ToList());
    }

    private string DynamicPredicate(Filter filter)
    {
        var node = dialect.JsonNode(filter.Field, parameters);
        string Equal(FilterValue v)
        {
            // A value equals a stored string with the same text, a stored number of the same value
            // (when it reads as a number) or a stored boolean (when it is true/false).
            var options = new List<string> { $"{dialect.JsonText(node)} = {parameters.Add(v.Text)}" };
            if (v.Number is { } number)
            {
                options.Add($"{dialect.JsonNumber(node)} = {parameters.Add(dialect.NumberValue(number))}");
            }

            if (v.Boolean is { } boolean)
            {
                options.Add($"{dialect.JsonBoolean(node)} = {parameters.Add(dialect.BooleanValue(boolean))}");
            }

            return $"({string.Join(" OR ", options)})";
        }

        var value = filter.Values[0];
        return filter.Operator switch
        {
            FilterOperator.Eq => Equal(value),
            FilterOperator.Ne => $"NOT COALESCE({Equal(value)}, FALSE)",
            FilterOperator.In => $"({string.Join(" OR ", filter.Values.Select(Equal))})",
            FilterOperator.Contains or FilterOperator.StartsWith => TextSearch(dialect.JsonText(node), filter.Operator, value.Text!),
            // Ranges: numerically when the value is a number, else as text (ISO dates order correctly as text).
            _ when value.Number is { } number => Compare(dialect.JsonNumber(node), filter.Operator, [parameters.Add(dialect.NumberValue(number))]),
            _ => Compare(dialect.JsonText(node), filter.Operator, [parameters.Add(value.Text)]),
        };
    }

    private string TextSearch(string expression, FilterOperator op, string text)
    {
        var parameter = parameters.Add(QueryValues.LowerAscii(text));
        return op == FilterOperator.Contains ? dialect.Contains(expression, parameter) : dialect.StartsWith(expression, parameter);
    }

    private static string Compare(string expression, FilterOperator op, List<string> values) => op switch
    {
        FilterOperator.Eq => $"{expression} = {values[0]}",
        FilterOperator.Ne => $"NOT COALESCE({expression} = {values[0]}, FALSE)",
        FilterOperator.Gt => $"{expression} > {values[0]}",
        FilterOperator.Gte => $"{expression} >= {values[0]}",
        FilterOperator.Lt => $"{expression} < {values[0]}",
        FilterOperator.Lte => $"{expression} <= {values[0]}",
        FilterOperator.In => $"{expression} IN ({string.Join(", ", values)})",
        _ => throw new InvalidOperationException($"{op} is not a comparison."),
    };

    private string Bind(SqlKind kind, FilterValue value) => kind switch
    {
        SqlKind.Number => parameters.Add(dialect.NumberValue(value.Number!.Value)),
        SqlKind.Boolean => parameters.Add(dialect.BooleanValue(value.Boolean!.Value)),
        SqlKind.Time => parameters.Add(dialect.TimeColumnValue(value.Time!.Value)),
        SqlKind.JsonTime => dialect.JsonTimeParameter(parameters.Add(dialect.JsonTimeValue(value.Time!.Value))),
        _ => dialect.CursorParameter(parameters.Add(value.Text), SqlKind.Text),
    };
}
