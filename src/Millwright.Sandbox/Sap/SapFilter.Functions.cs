namespace Millwright.Sandbox.Sap;

/// <summary>The canonical functions of OData V2 <c>$filter</c> and the type rules of operands.</summary>
internal sealed partial class SapFilter
{
    private Operand Function(SapToken name)
    {
        index += 2;
        var arguments = new List<Operand>();
        if (Current.Kind != SapTokenKind.RightParen)
        {
            do
            {
                arguments.Add(Or());
            }
            while (Current.Kind == SapTokenKind.Comma && ++index > 0);
        }

        Expect(SapTokenKind.RightParen, "')' or ','");
        var text = arguments.Select(a => Require(a, Kind.Text)).ToList();
        Func<IReadOnlyDictionary<string, object?>, string?> Arg(int i) => row => text[i](row) as string;
        return (name.Text, arguments.Count) switch
        {
            ("substringof", 2) => new(Kind.Boolean, row => Arg(1)(row) is { } s && Arg(0)(row) is { } p && s.Contains(p, StringComparison.Ordinal), name.Position),
            // V4 replaced substringof(needle, text) by contains(text, needle).
            ("contains", 2) when type.IsV4 => new(Kind.Boolean, row => Arg(0)(row) is { } s && Arg(1)(row) is { } p && s.Contains(p, StringComparison.Ordinal), name.Position),
            ("startswith", 2) => new(Kind.Boolean, row => Arg(0)(row) is { } s && Arg(1)(row) is { } p && s.StartsWith(p, StringComparison.Ordinal), name.Position),
            ("endswith", 2) => new(Kind.Boolean, row => Arg(0)(row) is { } s && Arg(1)(row) is { } p && s.EndsWith(p, StringComparison.Ordinal), name.Position),
            ("tolower", 1) => new(Kind.Text, row => Arg(0)(row)?.ToLowerInvariant(), name.Position),
            ("toupper", 1) => new(Kind.Text, row => Arg(0)(row)?.ToUpperInvariant(), name.Position),
            ("trim", 1) => new(Kind.Text, row => Arg(0)(row)?.Trim(), name.Position),
            ("length", 1) => new(Kind.Number, row => Arg(0)(row) is { } s ? (decimal)s.Length : null, name.Position),
            _ => throw SapODataError.BadRequest($"Unknown function '{name.Text}' with {arguments.Count} argument(s) at position {name.Position}"),
        };
    }

    private static Func<IReadOnlyDictionary<string, object?>, object?> Require(Operand operand, Kind kind) =>
        operand.Kind == kind || (operand.Kind == Kind.Null && kind != Kind.Boolean)
            ? operand.Value
            : throw SapODataError.BadRequest($"Expected a {kind.ToString().ToLowerInvariant()} expression at position {operand.Position}, found {operand.Kind.ToString().ToLowerInvariant()}");

    private static Kind KindOfLiteral(string literal) => literal switch
    {
        "string" => Kind.Text,
        "number" => Kind.Number,
        "boolean" => Kind.Boolean,
        "datetime" or "datetimeoffset" or "date" => Kind.Instant,
        "time" => Kind.Time,
        "guid" => Kind.Guid,
        _ => Kind.Null,
    };

    private static Kind KindOfEdm(string edm) => edm switch
    {
        "Edm.String" => Kind.Text,
        "Edm.Boolean" => Kind.Boolean,
        "Edm.DateTime" or "Edm.DateTimeOffset" or "Edm.Date" => Kind.Instant,
        "Edm.Time" or "Edm.TimeOfDay" => Kind.Time,
        "Edm.Guid" => Kind.Guid,
        "Edm.Binary" => Kind.Null,
        _ when edm.StartsWith("Collection(", StringComparison.Ordinal) => Kind.Null,
        _ => Kind.Number,
    };
}
