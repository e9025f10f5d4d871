using Millwright.Client.Models;

namespace Millwright.Connectors.Mapping.Expressions;

/// <summary>
/// Recursive-descent parser of the mapping expression language (grammar in Mapping/README.md).
/// Every error carries the 0-based position of the offending token.
/// </summary>
internal sealed partial class Parser
{
    public const int MaxLength = 4096;
    private const int MaxDepth = 32;

    private readonly List<Token> tokens;
    private int index;
    private int depth;

    private Parser(List<Token> tokens) => this.tokens = tokens;

    private Token Current => tokens[index];

    /// <summary>Parses a whole expression; throws <see cref="ExpressionException"/> when it is malformed.</summary>
    public static Node Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ExpressionException(0, "The expression is empty");
        }

        if (text.Length > MaxLength)
        {
            throw new ExpressionException(MaxLength, $"The expression is longer than {MaxLength} characters");
        }

        var parser = new Parser(Lexer.Tokenize(text));
        var node = parser.Current is { Kind: TokenKind.Identifier, Text: "each" } && parser.Peek(1).Kind == TokenKind.LeftParen
            ? parser.ParseEach()
            : parser.ParseExpression();
        if (parser.Current.Kind != TokenKind.End)
        {
            var unexpected = parser.Current;
            throw new ExpressionException(unexpected.Position, node is EachNode && unexpected.Kind == TokenKind.Pipe
                ? "each(…){…} cannot be followed by transforms: apply them to the fields inside the braces"
                : $"Unexpected {unexpected.Describe()}: expected '|' or the end of the expression");
        }

        return node;
    }

    private Token Peek(int offset) => tokens[Math.Min(index + offset, tokens.Count - 1)];

    private Token Advance() => tokens[index++];

    private bool Accept(TokenKind kind)
    {
        if (Current.Kind != kind)
        {
            return false;
        }

        index++;
        return true;
    }

    private Token Expect(TokenKind kind, string what)
    {
        if (Current.Kind != kind)
        {
            throw new ExpressionException(Current.Position, $"Expected {what}, found {Current.Describe()}");
        }

        return Advance();
    }

    private Node ParseExpression()
    {
        if (++depth > MaxDepth)
        {
            throw new ExpressionException(Current.Position, $"The expression nests deeper than {MaxDepth} levels");
        }

        var node = ParsePrimary();
        while (Accept(TokenKind.Pipe))
        {
            node = ParseTransform(node);
        }

        depth--;
        return node;
    }

    private Node ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.String:
                Advance();
                return new LiteralNode(token.Position, token.Text);
            case TokenKind.Number:
                Advance();
                return new LiteralNode(token.Position, token.Number);
            case TokenKind.Dollar:
                Advance();
                return ParsePath(token.Position, fromRoot: true, []);
            case TokenKind.At:
                Advance();
                return ParsePath(token.Position, fromRoot: false, []);
            case TokenKind.LeftParen:
                Advance();
                var inner = ParseExpression();
                Expect(TokenKind.RightParen, "')'");
                return inner;
            case TokenKind.Identifier when Peek(1).Kind == TokenKind.LeftParen:
                return ParseFunction();
            case TokenKind.Identifier when token.Text is "true" or "false" or "null":
                Advance();
                return new LiteralNode(token.Position, token.Text switch { "true" => true, "false" => false, _ => null });
            case TokenKind.Identifier:
                Advance();
                return ParsePath(token.Position, fromRoot: false, [new PropertyStep(token.Position, token.Text)]);
            default:
                throw new ExpressionException(token.Position, $"Expected a field path, a literal or a function, found {token.Describe()}");
        }
    }

    private Node ParseFunction()
    {
        var name = Advance();
        switch (name.Text)
        {
            case "coalesce":
                return new CoalesceNode(name.Position, ParseArguments(null));
            case "concat":
                return new ConcatNode(name.Position, ParseArguments(null));
            case "each":
                throw new ExpressionException(name.Position, "each(…){…} must be the whole expression of a field");
            default:
                var hint = Transforms.Names.Contains(name.Text)
                    ? $": '{name.Text}' is a transform, write it after a value, e.g. `field | {name.Text}`"
                    : ": the functions are coalesce(…), concat(…) and each(…){…}";
                throw new ExpressionException(name.Position, $"Unknown function '{name.Text}'{hint}");
        }
    }

    /// <summary>Comma-separated expressions between parentheses; <paramref name="first"/> is the piped-in value, if any.</summary>
    private List<Node> ParseArguments(Node? first)
    {
        var open = Expect(TokenKind.LeftParen, "'('");
        var arguments = first is null ? new List<Node>() : [first];
        if (Current.Kind == TokenKind.RightParen)
        {
            throw new ExpressionException(Current.Position, "Expected at least one argument");
        }

        do
        {
            arguments.Add(ParseExpression());
        }
        while (Accept(TokenKind.Comma));

        Expect(TokenKind.RightParen, "',' or ')'");
        return arguments.Count <= 64
            ? arguments
            : throw new ExpressionException(open.Position, "Too many arguments (at most 64)");
    }

    private PathNode ParsePath(int position, bool fromRoot, List<PathStep> steps)
    {
        while (true)
        {
            var token = Current;
            if (Accept(TokenKind.Dot))
            {
                var name = Current;
                if (name.Kind is not (TokenKind.Identifier or TokenKind.String or TokenKind.Number))
                {
                    throw new ExpressionException(name.Position, $"Expected a field name after '.', found {name.Describe()}");
                }

                Advance();
                steps.Add(new PropertyStep(name.Position, name.Text));
            }
            else if (Accept(TokenKind.LeftBracket))
            {
                steps.Add(ParseBracket(token.Position));
            }
            else
            {
                return new PathNode(position, fromRoot, steps);
            }
        }
    }

    private PathStep ParseBracket(int position)
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.RightBracket:
                Advance();
                return new ProjectStep(position);
            case TokenKind.String:
                Advance();
                Expect(TokenKind.RightBracket, "']'");
                return new PropertyStep(token.Position, token.Text);
            case TokenKind.Number when token.Number == decimal.Truncate(token.Number) && Math.Abs(token.Number) <= 1_000_000:
                Advance();
                Expect(TokenKind.RightBracket, "']'");
                return new IndexStep(token.Position, (int)token.Number);
            case TokenKind.Question:
                Advance();
                return ParseFilter(position);
            default:
                throw new ExpressionException(token.Position,
                    $"Expected ']' (every element), an index, a quoted field name or '?' (a filter), found {token.Describe()}");
        }
    }

    private FilterStep ParseFilter(int position)
    {
        var field = new List<string> { Expect(TokenKind.Identifier, "a field name to filter on").Text };
        while (Accept(TokenKind.Dot))
        {
            field.Add(Expect(TokenKind.Identifier, "a field name").Text);
        }

        var op = Current;
        if (!Accept(TokenKind.Equal) && !Accept(TokenKind.NotEqual))
        {
            throw new ExpressionException(op.Position, $"Expected '==' or '!=' in the filter, found {op.Describe()}");
        }

        var literal = ParseConstant("a value to compare with");
        Expect(TokenKind.RightBracket, "']' to close the filter");
        return new FilterStep(position, field, op.Kind == TokenKind.Equal, literal.Value);
    }

    /// <summary>A constant: quoted string, number, true/false/null, or a bare word taken as text.</summary>
    private (object? Value, int Position) ParseConstant(string what)
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.String:
                Advance();
                return (token.Text, token.Position);
            case TokenKind.Number:
                Advance();
                return (token.Number, token.Position);
            case TokenKind.Identifier:
                Advance();
                return (token.Text switch { "true" => true, "false" => false, "null" => null, _ => token.Text }, token.Position);
            default:
                throw new ExpressionException(token.Position, $"Expected {what}, found {token.Describe()}");
        }
    }

    private EachNode ParseEach()
    {
        var each = Advance();
        Expect(TokenKind.LeftParen, "'('");
        var source = ParseExpression();
        Expect(TokenKind.RightParen, "')' after the list to iterate");
        Expect(TokenKind.LeftBrace, "'{' with the fields of each element");
        var fields = new List<EachField>();
        while (Current.Kind != TokenKind.RightBrace)
        {
            var name = Current;
            if (name.Kind is not (TokenKind.Identifier or TokenKind.String))
            {
                throw new ExpressionException(name.Position, $"Expected a field name, found {name.Describe()}");
            }

            Advance();
            if (fields.Any(f => f.Name == name.Text))
            {
                throw new ExpressionException(name.Position, $"Field '{name.Text}' is given twice");
            }

            Expect(TokenKind.Colon, $"':' after '{name.Text}'");
            if (Current is { Kind: TokenKind.Identifier, Text: "each" } && Peek(1).Kind == TokenKind.LeftParen)
            {
                throw new ExpressionException(Current.Position, "each(…){…} cannot be nested");
            }

            fields.Add(new EachField(name.Text, name.Position, ParseExpression()));
            if (!Accept(TokenKind.Comma))
            {
                break;
            }
        }

        Expect(TokenKind.RightBrace, "',' or '}'");
        if (fields.Count == 0)
        {
            throw new ExpressionException(each.Position, "each(…){…} needs at least one field");
        }

        return new EachNode(each.Position, source, fields);
    }

    internal static Entity? ResolveEntity(string name)
    {
        foreach (var info in EntityInfo.All)
        {
            if (name == info.Path || name == info.Path.Replace('-', '_') || name == info.Singular
                || string.Equals(name, info.Entity.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                return info.Entity;
            }
        }

        return null;
    }
}
