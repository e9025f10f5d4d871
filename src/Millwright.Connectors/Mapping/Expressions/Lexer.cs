using System.Globalization;
using System.Text;

namespace Millwright.Connectors.Mapping.Expressions;

internal enum TokenKind
{
    End,
    Identifier,
    String,
    Number,
    Pipe,
    Dot,
    Comma,
    Colon,
    LeftParen,
    RightParen,
    LeftBracket,
    RightBracket,
    LeftBrace,
    RightBrace,
    Question,
    Equal,
    NotEqual,
    Star,
    Dollar,
    At,
}

/// <param name="Text">Identifier or decoded string text; the source text for other tokens.</param>
/// <param name="Number">Value of a <see cref="TokenKind.Number"/> token.</param>
internal readonly record struct Token(TokenKind Kind, int Position, string Text, decimal Number = 0)
{
    public string Describe() => Kind switch
    {
        TokenKind.End => "the end of the expression",
        TokenKind.String => $"the string '{Text}'",
        TokenKind.Number => $"the number {Text}",
        TokenKind.Identifier => $"'{Text}'",
        _ => $"'{Text}'",
    };
}

/// <summary>Splits an expression into tokens; positions are 0-based character offsets.</summary>
internal static class Lexer
{
    public static List<Token> Tokenize(string source)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (true)
        {
            while (i < source.Length && char.IsWhiteSpace(source[i]))
            {
                i++;
            }

            if (i >= source.Length)
            {
                tokens.Add(new(TokenKind.End, source.Length, ""));
                return tokens;
            }

            var start = i;
            var c = source[i];
            TokenKind? single = c switch
            {
                '|' => TokenKind.Pipe,
                '.' => TokenKind.Dot,
                ',' => TokenKind.Comma,
                ':' => TokenKind.Colon,
                '(' => TokenKind.LeftParen,
                ')' => TokenKind.RightParen,
                '[' => TokenKind.LeftBracket,
                ']' => TokenKind.RightBracket,
                '{' => TokenKind.LeftBrace,
                '}' => TokenKind.RightBrace,
                '?' => TokenKind.Question,
                '*' => TokenKind.Star,
                '$' => TokenKind.Dollar,
                '@' => TokenKind.At,
                _ => null,
            };
            if (single is { } kind)
            {
                tokens.Add(new(kind, start, c.ToString()));
                i++;
            }
            else if (c is '=' or '!')
            {
                if (i + 1 >= source.Length || source[i + 1] != '=')
                {
                    throw new ExpressionException(start, c == '=' ? "Expected '==' (a single '=' is not an operator)" : "Expected '!='");
                }

                tokens.Add(new(c == '=' ? TokenKind.Equal : TokenKind.NotEqual, start, source.Substring(i, 2)));
                i += 2;
            }
            else if (c is '\'' or '"')
            {
                tokens.Add(ReadString(source, ref i));
            }
            else if (char.IsAsciiDigit(c) || (c == '-' && i + 1 < source.Length && char.IsAsciiDigit(source[i + 1])))
            {
                tokens.Add(ReadNumber(source, ref i));
            }
            else if (IsIdentifierStart(c))
            {
                while (i < source.Length && IsIdentifierPart(source[i]))
                {
                    i++;
                }

                tokens.Add(new(TokenKind.Identifier, start, source[start..i]));
            }
            else
            {
                throw new ExpressionException(start, $"Unexpected character '{c}'");
            }
        }
    }

    private static bool IsIdentifierStart(char c) => char.IsLetter(c) || c == '_';

    // Dashes are allowed inside names so that `work-orders` and vendor keys like `x-id` read naturally;
    // the language has no arithmetic operators for them to clash with.
    private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c is '_' or '-';

    private static Token ReadString(string source, ref int i)
    {
        var start = i;
        var quote = source[i++];
        var text = new StringBuilder();
        while (true)
        {
            if (i >= source.Length)
            {
                throw new ExpressionException(start, "Unterminated string: missing closing quote");
            }

            var c = source[i++];
            if (c == quote)
            {
                return new(TokenKind.String, start, text.ToString());
            }

            if (c != '\\')
            {
                text.Append(c);
                continue;
            }

            if (i >= source.Length)
            {
                throw new ExpressionException(start, "Unterminated string: missing closing quote");
            }

            var escaped = source[i++];
            text.Append(escaped switch
            {
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                '\\' or '\'' or '"' => escaped,
                _ => throw new ExpressionException(i - 2, $"Unknown escape '\\{escaped}' (use \\\\, \\', \\\", \\n, \\t or \\r)"),
            });
        }
    }

    private static Token ReadNumber(string source, ref int i)
    {
        var start = i;
        if (source[i] == '-')
        {
            i++;
        }

        while (i < source.Length && char.IsAsciiDigit(source[i]))
        {
            i++;
        }

        if (i + 1 < source.Length && source[i] == '.' && char.IsAsciiDigit(source[i + 1]))
        {
            i++;
            while (i < source.Length && char.IsAsciiDigit(source[i]))
            {
                i++;
            }
        }

        var text = source[start..i];
        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            throw new ExpressionException(start, $"Number '{text}' is out of range");
        }

        return new(TokenKind.Number, start, text, value);
    }
}

/// <summary>A malformed expression; <see cref="Position"/> is the 0-based offset of the offending part.</summary>
internal sealed class ExpressionException(int position, string message) : Exception(message)
{
    public int Position { get; } = position;
}
