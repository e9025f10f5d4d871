using System.Globalization;

namespace Millwright.Connectors.Mapping.Expressions;

internal sealed partial class Parser
{
    private Node ParseTransform(Node input)
    {
        var name = Current;
        if (name.Kind != TokenKind.Identifier)
        {
            throw new ExpressionException(name.Position, $"Expected a transform name after '|', found {name.Describe()}");
        }

        Advance();
        var at = name.Position;
        switch (name.Text)
        {
            case "map":
                return ParseMap(at, input);
            case "date":
                return ParseDate(at, input);
            case "ref":
                return ParseRef(at, input);
            case "concat":
                return new ConcatNode(at, ParseArguments(input));
            case "coalesce":
                return new CoalesceNode(at, ParseArguments(input));
            case "default":
                return new CoalesceNode(at, [input, ParseConstantArgument("default")]);
            case "join":
                return Transforms.Join(at, input, Current.Kind == TokenKind.LeftParen ? ParseStringArgument("join") : ", ");
            case "mul" or "div":
                return ParseScale(at, input, name.Text == "div");
        }

        NoArguments(name.Text);
        return name.Text switch
        {
            "number" => Transforms.Number(at, input),
            "bool" => Transforms.Boolean(at, input),
            "string" => Transforms.String(at, input),
            "trim" => Transforms.Text(at, input, s => s.Trim()),
            "lower" => Transforms.Text(at, input, s => s.ToLowerInvariant()),
            "upper" => Transforms.Text(at, input, s => s.ToUpperInvariant()),
            "first" => Transforms.First(at, input),
            "last" => Transforms.Last(at, input),
            "sum" => Transforms.Sum(at, input),
            "count" => Transforms.Count(at, input),
            "exists" => Transforms.Exists(at, input),
            "not" => Transforms.Not(at, input),
            "words" => Transforms.Words(at, input),
            _ => throw new ExpressionException(at, $"Unknown transform '{name.Text}'; known transforms: {string.Join(", ", Transforms.Names)}"),
        };
    }

    private void NoArguments(string transform)
    {
        if (Current.Kind != TokenKind.LeftParen)
        {
            return;
        }

        if (Peek(1).Kind == TokenKind.RightParen)
        {
            index += 2;
            return;
        }

        if (Transforms.Names.Contains(transform))
        {
            throw new ExpressionException(Peek(1).Position, $"'{transform}' takes no arguments");
        }
    }

    private MapNode ParseMap(int at, Node input)
    {
        Expect(TokenKind.LeftParen, "'(' with the value map, e.g. map(A: a, *: other)");
        var entries = new Dictionary<string, object?>(StringComparer.Ordinal);
        var constants = new List<(string, int)>();
        var hasDefault = false;
        object? fallback = null;
        do
        {
            var key = Current;
            string? keyText;
            switch (key.Kind)
            {
                case TokenKind.Star:
                    keyText = null;
                    break;
                case TokenKind.Identifier or TokenKind.String:
                    keyText = key.Text;
                    break;
                case TokenKind.Number:
                    keyText = key.Number.ToString("0.############################", CultureInfo.InvariantCulture);
                    break;
                default:
                    throw new ExpressionException(key.Position, $"Expected a value to match, or '*' for everything else, found {key.Describe()}");
            }

            Advance();
            if (keyText is null ? hasDefault : entries.ContainsKey(keyText))
            {
                throw new ExpressionException(key.Position, keyText is null ? "'*' is given twice" : $"'{keyText}' is mapped twice");
            }

            Expect(TokenKind.Colon, "':' between the matched value and its replacement");
            var (value, position) = ParseConstant("the replacement value");
            if (value is string s)
            {
                constants.Add((s, position));
            }

            if (keyText is null)
            {
                hasDefault = true;
                fallback = value;
            }
            else
            {
                entries[keyText] = value;
            }
        }
        while (Accept(TokenKind.Comma) && Current.Kind != TokenKind.RightParen);

        Expect(TokenKind.RightParen, "',' or ')'");
        return new MapNode(at, input, entries, hasDefault, fallback, constants);
    }

    private Node ParseDate(int at, Node input)
    {
        if (!Accept(TokenKind.LeftParen))
        {
            return Transforms.Date(at, input, null, null);
        }

        var argument = Current;
        Node node = argument switch
        {
            { Kind: TokenKind.Identifier, Text: "unix_s" or "s" } => Transforms.Date(at, input, "s", null),
            { Kind: TokenKind.Identifier, Text: "unix_ms" or "ms" } => Transforms.Date(at, input, "ms", null),
            { Kind: TokenKind.Identifier, Text: "iso" } => Transforms.Date(at, input, null, null),
            { Kind: TokenKind.String } when ValidDateFormat(argument.Text) => Transforms.Date(at, input, null, argument.Text),
            { Kind: TokenKind.String } => throw new ExpressionException(argument.Position, $"'{argument.Text}' is not a usable date format"),
            _ => throw new ExpressionException(argument.Position,
                $"Expected unix_s, unix_ms, iso or a quoted format like 'yyyyMMdd', found {argument.Describe()}"),
        };
        Advance();
        Expect(TokenKind.RightParen, "')'");
        return node;
    }

    private static bool ValidDateFormat(string format)
    {
        try
        {
            _ = new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc).ToString(format, CultureInfo.InvariantCulture);
            return format.Length is > 0 and <= 64;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private Node ParseRef(int at, Node input)
    {
        Expect(TokenKind.LeftParen, "'(' with the referenced entity, e.g. ref(assets)");
        var name = Current;
        if (name.Kind is not (TokenKind.Identifier or TokenKind.String))
        {
            throw new ExpressionException(name.Position, $"Expected an entity name, found {name.Describe()}");
        }

        var entity = ResolveEntity(name.Text) ?? throw new ExpressionException(name.Position,
            $"Unknown entity '{name.Text}'; use one of {string.Join(", ", Client.Models.EntityInfo.All.Select(e => e.Path.Replace('-', '_')))}");
        Advance();
        Expect(TokenKind.RightParen, "')'");
        return Transforms.Ref(at, input, entity);
    }

    private LiteralNode ParseConstantArgument(string transform)
    {
        Expect(TokenKind.LeftParen, $"'(' with the value of {transform}");
        var (value, position) = ParseConstant("a constant");
        Expect(TokenKind.RightParen, "')'");
        return new LiteralNode(position, value);
    }

    private string ParseStringArgument(string transform)
    {
        Expect(TokenKind.LeftParen, "'('");
        var text = Expect(TokenKind.String, $"a quoted string for {transform}").Text;
        Expect(TokenKind.RightParen, "')'");
        return text;
    }

    private const decimal MaxScaleFactor = 1_000_000_000_000m;
    private const decimal MinScaleFactor = 0.000_000_000_001m;

    private Node ParseScale(int at, Node input, bool divide)
    {
        Expect(TokenKind.LeftParen, "'(' with a number");
        var factor = Expect(TokenKind.Number, "a number");
        if (divide && factor.Number == 0)
        {
            throw new ExpressionException(factor.Position, "Division by zero");
        }

        // Scaling is for units (cents, per mille, grams): a factor beyond 10^±12 is a mistake, and near decimal's
        // limits it overflows on ordinary values, so it is refused where the user can still fix it.
        if (Math.Abs(factor.Number) is > MaxScaleFactor or (> 0 and < MinScaleFactor))
        {
            throw new ExpressionException(factor.Position,
                $"{(divide ? "div" : "mul")} takes a factor between 0.000000000001 and 1000000000000 (or 0 for mul), not {factor.Text}");
        }

        Expect(TokenKind.RightParen, "')'");
        return Transforms.Scale(at, input, factor.Number, divide);
    }
}
