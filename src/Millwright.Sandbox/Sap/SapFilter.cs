namespace Millwright.Sandbox.Sap;

/// <summary>A compiled <c>$filter</c>: a predicate over one row of an entity set.</summary>
internal delegate bool SapPredicate(IReadOnlyDictionary<string, object?> row);

/// <summary>
/// Parses OData V2 <c>$filter</c> against an entity type: <c>eq ne gt ge lt le</c>, <c>and or not</c>,
/// parentheses, <c>substringof</c>, <c>startswith</c>, <c>endswith</c>, <c>tolower</c>, <c>toupper</c>,
/// <c>trim</c>, <c>length</c>, and the literals of <see cref="SapFilterLexer"/>. Properties and literal
/// types are checked against the metadata while parsing, so a bad filter is refused before any row is read.
/// </summary>
internal sealed partial class SapFilter
{
    private const int MaxDepth = 32;

    private readonly List<SapToken> tokens;
    private readonly EdmEntityType type;
    private int index;
    private int depth;

    private SapFilter(string text, EdmEntityType type)
    {
        tokens = SapFilterLexer.Tokenize(text, type.IsV4);
        this.type = type;
    }

    private enum Kind
    {
        Boolean,
        Text,
        Number,
        Instant,
        Time,
        Guid,
        Null,
    }

    private readonly record struct Operand(Kind Kind, Func<IReadOnlyDictionary<string, object?>, object?> Value, int Position);

    public static SapPredicate Parse(string text, EdmEntityType type)
    {
        var parser = new SapFilter(text, type);
        var expression = parser.Or();
        if (parser.Current.Kind != SapTokenKind.End)
        {
            throw SapODataError.BadRequest($"Invalid token detected at position {parser.Current.Position}");
        }

        Require(expression, Kind.Boolean);
        return row => expression.Value(row) is true;
    }

    private SapToken Current => tokens[index];

    private bool AcceptName(string name)
    {
        if (Current.Kind == SapTokenKind.Name && Current.Text == name)
        {
            index++;
            return true;
        }

        return false;
    }

    private void Expect(SapTokenKind kind, string what)
    {
        if (Current.Kind != kind)
        {
            throw SapODataError.BadRequest($"Expected {what} at position {Current.Position}, found '{Current.Text}'");
        }

        index++;
    }

    private Operand Or()
    {
        if (++depth > MaxDepth)
        {
            throw SapODataError.BadRequest($"The filter is nested deeper than {MaxDepth} levels");
        }

        var left = And();
        while (AcceptName("or"))
        {
            var right = And();
            var (l, r) = (Require(left, Kind.Boolean), Require(right, Kind.Boolean));
            left = new(Kind.Boolean, row => l(row) is true || r(row) is true, left.Position);
        }

        depth--;
        return left;
    }

    private Operand And()
    {
        var left = Unary();
        while (AcceptName("and"))
        {
            var right = Unary();
            var (l, r) = (Require(left, Kind.Boolean), Require(right, Kind.Boolean));
            left = new(Kind.Boolean, row => l(row) is true && r(row) is true, left.Position);
        }

        return left;
    }

    private Operand Unary()
    {
        var at = Current.Position;
        if (AcceptName("not"))
        {
            var inner = Require(Unary(), Kind.Boolean);
            return new(Kind.Boolean, row => inner(row) is not true, at);
        }

        var left = Primary();
        if (Current.Kind == SapTokenKind.Name && Current.Text is "eq" or "ne" or "gt" or "ge" or "lt" or "le")
        {
            var op = Current.Text;
            index++;
            var right = Primary();
            return Compare(left, op, right);
        }

        return left;
    }

    private static Operand Compare(Operand left, string op, Operand right)
    {
        if (left.Kind != right.Kind && left.Kind != Kind.Null && right.Kind != Kind.Null)
        {
            throw SapODataError.BadRequest($"Incompatible types in comparison '{op}' at position {right.Position}: {left.Kind} and {right.Kind}");
        }

        if (op is not ("eq" or "ne") && left.Kind is Kind.Boolean or Kind.Guid)
        {
            throw SapODataError.BadRequest($"Operator '{op}' is not defined for {left.Kind} at position {left.Position}");
        }

        var (l, r) = (left.Value, right.Value);
        return new(Kind.Boolean, row =>
        {
            var order = SapCompare.Order(l(row), r(row));
            return op switch
            {
                "eq" => order == 0,
                "ne" => order != 0,
                "gt" => order > 0,
                "ge" => order >= 0,
                "lt" => order < 0,
                _ => order <= 0,
            };
        }, left.Position);
    }

    private Operand Primary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case SapTokenKind.LeftParen:
                index++;
                var inner = Or();
                Expect(SapTokenKind.RightParen, "')'");
                return inner;
            case SapTokenKind.Literal:
                index++;
                var value = token.Value;
                return new(KindOfLiteral(token.Text), _ => value, token.Position);
            case SapTokenKind.Name when index + 1 < tokens.Count && tokens[index + 1].Kind == SapTokenKind.LeftParen:
                return Function(token);
            case SapTokenKind.Name:
                index++;
                if (!type.ByName.TryGetValue(token.Text, out var property))
                {
                    throw SapODataError.BadRequest($"Property '{token.Text}' at position {token.Position} is not defined in type '{type.QualifiedName}'");
                }

                var name = property.Name;
                return new(KindOfEdm(property.Type), row => row.GetValueOrDefault(name), token.Position);
            default:
                throw SapODataError.BadRequest($"Expected an operand at position {token.Position}, found '{token.Text}'");
        }
    }
}
