using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Millwright.Sandbox.Fiix;

/// <summary>
/// The <c>ql</c> of a find filter: the SQL-like subset SOURCE.md names (Fiix publishes no grammar).
/// <code>
/// expr      := and ('OR' and)*
/// and       := unary ('AND' unary)*
/// unary     := 'NOT' unary | '(' expr ')' | predicate
/// predicate := field ('=' | '&lt;&gt;' | '!=' | '&lt;' | '&lt;=' | '&gt;' | '&gt;=') value
///            | field 'IS' ['NOT'] 'NULL' | field ['NOT'] 'LIKE' value | field ['NOT'] 'IN' '(' value (',' value)* ')'
/// value     := '?' | number | 'text'
/// </code>
/// Keywords are case-insensitive; fields are the class's declared fields; <c>?</c> takes the filter's
/// parameters in order. Text compares case-insensitively (as Fiix's MySQL collation does); a comparison with
/// a missing value is false. Dates compare as epoch milliseconds.
/// </summary>
internal static class FxQl
{
    public static Func<JsonObject, bool> Compile(string className, IReadOnlyDictionary<string, FxType> fields, string ql, JsonArray? parameters)
    {
        var parser = new Parser(className, fields, Tokenize(ql), parameters ?? []);
        var predicate = parser.Expression();
        parser.End();
        return predicate;
    }

    private enum Kind
    {
        Word,
        Number,
        Text,
        Symbol,
        Placeholder,
        End,
    }

    private readonly record struct Token(Kind Kind, string Text, int Position);

    private static List<Token> Tokenize(string ql)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < ql.Length)
        {
            var c = ql[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (char.IsAsciiLetter(c) || c == '_')
            {
                var start = i;
                while (i < ql.Length && (char.IsAsciiLetterOrDigit(ql[i]) || ql[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new(Kind.Word, ql[start..i], start));
            }
            else if (char.IsAsciiDigit(c) || (c == '-' && i + 1 < ql.Length && char.IsAsciiDigit(ql[i + 1])))
            {
                var start = i++;
                while (i < ql.Length && (char.IsAsciiDigit(ql[i]) || ql[i] == '.'))
                {
                    i++;
                }

                tokens.Add(new(Kind.Number, ql[start..i], start));
            }
            else if (c == '\'')
            {
                var start = i++;
                var text = new System.Text.StringBuilder();
                while (true)
                {
                    if (i >= ql.Length)
                    {
                        throw FxError.Query($"Unterminated string starting at position {start} of the ql.");
                    }

                    if (ql[i] == '\'' && i + 1 < ql.Length && ql[i + 1] == '\'')
                    {
                        text.Append('\'');
                        i += 2;
                    }
                    else if (ql[i] == '\'')
                    {
                        i++;
                        break;
                    }
                    else
                    {
                        text.Append(ql[i++]);
                    }
                }

                tokens.Add(new(Kind.Text, text.ToString(), start));
            }
            else if (c == '?')
            {
                tokens.Add(new(Kind.Placeholder, "?", i++));
            }
            else if (c is '<' or '>' or '!' && i + 1 < ql.Length && (ql[i + 1] == '=' || (c == '<' && ql[i + 1] == '>')))
            {
                tokens.Add(new(Kind.Symbol, ql.Substring(i, 2), i));
                i += 2;
            }
            else if (c is '=' or '<' or '>' or '(' or ')' or ',')
            {
                tokens.Add(new(Kind.Symbol, c.ToString(), i++));
            }
            else
            {
                throw FxError.Query($"Unexpected character '{c}' at position {i} of the ql.");
            }
        }

        tokens.Add(new(Kind.End, "", ql.Length));
        return tokens;
    }

    private sealed class Parser(string className, IReadOnlyDictionary<string, FxType> fields, List<Token> tokens, JsonArray parameters)
    {
        private int index;
        private int parameter;

        private Token Peek => tokens[index];

        public void End()
        {
            if (Peek.Kind != Kind.End)
            {
                throw Unexpected();
            }

            if (parameter != parameters.Count)
            {
                throw FxError.Query($"The ql has {parameter} '?' placeholders but the filter has {parameters.Count} parameters.");
            }
        }

        public Func<JsonObject, bool> Expression()
        {
            var left = And();
            while (Keyword("OR"))
            {
                var a = left;
                var b = And();
                left = row => a(row) || b(row);
            }

            return left;
        }

        private Func<JsonObject, bool> And()
        {
            var left = Unary();
            while (Keyword("AND"))
            {
                var a = left;
                var b = Unary();
                left = row => a(row) && b(row);
            }

            return left;
        }

        private Func<JsonObject, bool> Unary()
        {
            if (Keyword("NOT"))
            {
                var inner = Unary();
                return row => !inner(row);
            }

            if (Symbol("("))
            {
                var inner = Expression();
                Expect(")");
                return inner;
            }

            return Predicate();
        }

        private Func<JsonObject, bool> Predicate()
        {
            var token = Peek;
            if (token.Kind != Kind.Word)
            {
                throw Unexpected();
            }

            index++;
            if (!fields.TryGetValue(token.Text, out var type))
            {
                throw FxError.Field(className, token.Text);
            }

            var field = token.Text;
            if (Keyword("IS"))
            {
                var negated = Keyword("NOT");
                ExpectKeyword("NULL");
                return row => IsNull(row[field]) != negated;
            }

            var not = Keyword("NOT");
            if (Keyword("LIKE"))
            {
                var pattern = Value(FxType.String) as string ?? throw FxError.Query("LIKE needs a text pattern.");
                var regex = new System.Text.RegularExpressions.Regex(
                    "^" + System.Text.RegularExpressions.Regex.Escape(pattern).Replace("%", ".*", StringComparison.Ordinal).Replace("_", ".", StringComparison.Ordinal) + "$",
                    System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.Singleline | System.Text.RegularExpressions.RegexOptions.CultureInvariant,
                    TimeSpan.FromMilliseconds(100));
                return row => Text(row[field]) is { } text && regex.IsMatch(text) != not;
            }

            if (Keyword("IN"))
            {
                Expect("(");
                var values = new List<object?> { Value(type) };
                while (Symbol(","))
                {
                    values.Add(Value(type));
                }

                Expect(")");
                return row => !IsNull(row[field]) && values.Any(v => Compare(row[field], v, type) == 0) != not;
            }

            if (not)
            {
                throw Unexpected();
            }

            var op = Peek;
            if (op.Kind != Kind.Symbol || op.Text is not ("=" or "<>" or "!=" or "<" or "<=" or ">" or ">="))
            {
                throw Unexpected();
            }

            index++;
            var value = Value(type);
            return op.Text switch
            {
                "=" => row => Compare(row[field], value, type) == 0,
                "<>" or "!=" => row => Compare(row[field], value, type) is { } c && c != 0,
                "<" => row => Compare(row[field], value, type) < 0,
                "<=" => row => Compare(row[field], value, type) <= 0,
                ">" => row => Compare(row[field], value, type) > 0,
                _ => row => Compare(row[field], value, type) >= 0,
            };
        }

        private object? Value(FxType type)
        {
            var token = Peek;
            index++;
            switch (token.Kind)
            {
                case Kind.Placeholder:
                    if (parameter >= parameters.Count)
                    {
                        throw FxError.Query($"The ql has more '?' placeholders than the filter has parameters ({parameters.Count}).");
                    }

                    return Convert(parameters[parameter++], type);
                case Kind.Number:
                    return Convert(JsonValue.Create(decimal.Parse(token.Text, CultureInfo.InvariantCulture)), type);
                case Kind.Text:
                    return Convert(JsonValue.Create(token.Text), type);
                default:
                    index--;
                    throw Unexpected();
            }
        }

        private static object? Convert(JsonNode? node, FxType type)
        {
            if (node is null)
            {
                return null;
            }

            if (type == FxType.String)
            {
                return node.GetValueKind() == JsonValueKind.String ? (string?)node : node.ToJsonString();
            }

            var kind = node.GetValueKind();
            if (kind == JsonValueKind.Number)
            {
                return node.GetValue<decimal>();
            }

            if (kind is JsonValueKind.True or JsonValueKind.False)
            {
                return kind == JsonValueKind.True ? 1m : 0m;
            }

            if (kind == JsonValueKind.String && decimal.TryParse((string?)node, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                return number;
            }

            throw FxError.Query($"A parameter of the ql does not fit the field type ({type}): {node.ToJsonString()}.");
        }

        private bool Keyword(string word)
        {
            if (Peek.Kind == Kind.Word && string.Equals(Peek.Text, word, StringComparison.OrdinalIgnoreCase))
            {
                index++;
                return true;
            }

            return false;
        }

        private void ExpectKeyword(string word)
        {
            if (!Keyword(word))
            {
                throw Unexpected();
            }
        }

        private bool Symbol(string symbol)
        {
            if (Peek.Kind == Kind.Symbol && Peek.Text == symbol)
            {
                index++;
                return true;
            }

            return false;
        }

        private void Expect(string symbol)
        {
            if (!Symbol(symbol))
            {
                throw Unexpected();
            }
        }

        private FxError Unexpected() => FxError.Query(Peek.Kind == Kind.End
            ? "The ql ended unexpectedly."
            : $"Unexpected '{Peek.Text}' at position {Peek.Position} of the ql.");
    }

    private static bool IsNull(JsonNode? node) => node is null || node.GetValueKind() == JsonValueKind.Null;

    private static string? Text(JsonNode? node) => IsNull(node) ? null : node!.GetValueKind() == JsonValueKind.String ? (string?)node : node!.ToJsonString();

    /// <summary>Orders a stored value against a query value; null when either is missing (SQL's unknown).</summary>
    internal static int? Compare(JsonNode? stored, object? value, FxType type)
    {
        if (IsNull(stored) || value is null)
        {
            return null;
        }

        if (type == FxType.String)
        {
            return string.Compare(Text(stored), (string)value, StringComparison.OrdinalIgnoreCase);
        }

        return stored!.GetValueKind() == JsonValueKind.Number ? stored.GetValue<decimal>().CompareTo((decimal)value) : null;
    }
}
