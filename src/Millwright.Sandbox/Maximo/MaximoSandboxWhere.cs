using System.Globalization;
using System.Text.Json.Nodes;

namespace Millwright.Sandbox.Maximo;

/// <summary>
/// The <c>oslc.where</c> language: <c>attr op value</c> with <c>= != &gt; &gt;= &lt; &lt;=</c>,
/// <c>attr in [v, …]</c>, <c>and</c> / <c>or</c> (and binds tighter) and parentheses. Strings are in
/// double quotes; on text, <c>%</c> makes <c>=</c> a case-insensitive like (<c>"%pump%"</c>) and
/// <c>="*"</c> / <c>!="*"</c> test for a value / no value; dates are quoted ISO 8601; numbers are bare;
/// booleans are 1/0 or true/false. Compiled against the structure's attribute types, so a malformed
/// clause, an unknown attribute or a value of the wrong type is a 400 with Maximo's error body, never a crash.
/// A null attribute matches no comparison (SQL semantics).
/// </summary>
internal static class MxmWhere
{
    private const int MaxLength = 8000;
    private const int MaxDepth = 40;

    public static Func<JsonObject, bool> Compile(string text, MxmObjectStructure os)
    {
        if (text.Length > MaxLength)
        {
            throw MxmError.BadQuery($"The oslc.where clause is longer than {MaxLength} characters.");
        }

        var parser = new Parser(MxmWhereLexer.Tokens(text), os);
        var predicate = parser.Or(0);
        parser.ExpectEnd();
        return predicate;
    }

    private sealed class Parser(List<MxmToken> tokens, MxmObjectStructure os)
    {
        private int position;

        private MxmToken Current => tokens[position];

        public void ExpectEnd()
        {
            if (Current.Kind != MxmTokenKind.End)
            {
                throw Unexpected("'and', 'or' or the end of the clause");
            }
        }

        public Func<JsonObject, bool> Or(int depth)
        {
            var left = And(depth);
            while (IsWord("or"))
            {
                position++;
                var right = And(depth);
                var l = left;
                left = r => l(r) || right(r);
            }

            return left;
        }

        private Func<JsonObject, bool> And(int depth)
        {
            var left = Atom(depth);
            while (IsWord("and"))
            {
                position++;
                var right = Atom(depth);
                var l = left;
                left = r => l(r) && right(r);
            }

            return left;
        }

        private Func<JsonObject, bool> Atom(int depth)
        {
            if (depth > MaxDepth)
            {
                throw MxmError.BadQuery($"The oslc.where clause nests parentheses deeper than {MaxDepth} levels.");
            }

            if (Current.Kind == MxmTokenKind.Open)
            {
                position++;
                var inner = Or(depth + 1);
                Expect(MxmTokenKind.Close, "')'");
                return inner;
            }

            if (Current.Kind != MxmTokenKind.Word || IsWord("and") || IsWord("or") || IsWord("in"))
            {
                throw Unexpected("an attribute name");
            }

            var name = Current.Text.ToLowerInvariant();
            var attributePosition = Current.Position;
            position++;
            if (!os.Attributes.TryGetValue(name, out var type))
            {
                throw MxmError.BadQuery($"The attribute {name.ToUpperInvariant()} at position {attributePosition + 1} of the oslc.where clause does not exist in the object structure {os.Name.ToUpperInvariant()}.");
            }

            if (IsWord("in"))
            {
                position++;
                Expect(MxmTokenKind.OpenList, "'[' after 'in'");
                var values = new List<MxmToken> { Value() };
                while (Current.Kind == MxmTokenKind.Comma)
                {
                    position++;
                    values.Add(Value());
                }

                Expect(MxmTokenKind.CloseList, "',' or ']'");
                var tests = values.Select(v => MxmWhereCompare.Build(name, type, "=", v)).ToList();
                return r => tests.Any(t => t(r));
            }

            if (Current.Kind != MxmTokenKind.Operator)
            {
                throw Unexpected($"an operator (=, !=, >, >=, <, <= or in) after {name}");
            }

            var op = Current.Text;
            position++;
            return MxmWhereCompare.Build(name, type, op, Value());
        }

        private MxmToken Value()
        {
            var token = Current;
            if (token.Kind is not (MxmTokenKind.String or MxmTokenKind.Number or MxmTokenKind.Word) || IsWord("and") || IsWord("or"))
            {
                throw Unexpected("a value (a \"quoted string\", a number, true or false)");
            }

            position++;
            return token;
        }

        private bool IsWord(string word) =>
            Current.Kind == MxmTokenKind.Word && string.Equals(Current.Text, word, StringComparison.OrdinalIgnoreCase);

        private void Expect(MxmTokenKind kind, string what)
        {
            if (Current.Kind != kind)
            {
                throw Unexpected(what);
            }

            position++;
        }

        private MxmError Unexpected(string expected) =>
            MxmError.BadQuery(Current.Kind == MxmTokenKind.End
                ? $"The oslc.where clause ends where {expected} was expected."
                : $"The oslc.where clause has '{Current.Text}' at position {Current.Position + 1} where {expected} was expected.");
    }
}

/// <summary>One comparison of an attribute with a literal, typed by the attribute.</summary>
internal static class MxmWhereCompare
{
    public static Func<JsonObject, bool> Build(string name, MxmType type, string op, MxmToken value)
    {
        if (type == MxmType.Text && value.Kind == MxmTokenKind.String && value.Text == "*" && op is "=" or "!=")
        {
            return op == "=" ? r => MxmJson.Text(r[name]) is { Length: > 0 } : r => MxmJson.Text(r[name]) is not { Length: > 0 };
        }

        switch (type)
        {
            case MxmType.Text:
                if (value.Kind != MxmTokenKind.String)
                {
                    throw MxmError.BadQuery($"The value {value.Text} for {name.ToUpperInvariant()} must be a string in double quotes.");
                }

                if (value.Text.Contains('%') && op is "=" or "!=")
                {
                    var like = Like(value.Text);
                    return op == "=" ? r => MxmJson.Text(r[name]) is { } t && like(t) : r => MxmJson.Text(r[name]) is { } t && !like(t);
                }

                return Ordered(op, r => MxmJson.Text(r[name]), value.Text, (a, b) => string.Compare(a, b, StringComparison.OrdinalIgnoreCase));
            case MxmType.Integer or MxmType.Number:
                if (!decimal.TryParse(value.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    throw MxmError.BadQuery($"The value {value.Text} for {name.ToUpperInvariant()} is not a number.");
                }

                return Ordered<decimal?>(op, r => MxmJson.Number(r[name]), number, (a, b) => a!.Value.CompareTo(b!.Value));
            case MxmType.YesNo:
                bool flag = value.Text.ToLowerInvariant() switch
                {
                    "1" or "true" => true,
                    "0" or "false" => false,
                    _ => throw MxmError.BadQuery($"The value {value.Text} for {name.ToUpperInvariant()} must be 1, 0, true or false."),
                };
                if (op is not ("=" or "!="))
                {
                    throw MxmError.BadQuery($"The operator {op} cannot compare the yes/no attribute {name.ToUpperInvariant()}.");
                }

                return r => r[name] is JsonValue v && v.TryGetValue<bool>(out var b) && (b == flag) == (op == "=");
            default:
                if (value.Kind != MxmTokenKind.String
                    || !DateTimeOffset.TryParse(value.Text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
                {
                    throw MxmError.BadQuery($"The value {value.Text} for {name.ToUpperInvariant()} must be a date and time in double quotes, like \"2024-01-01T00:00:00-00:00\".");
                }

                return Ordered<DateTimeOffset?>(op, r => MxmJson.Date(r[name]), date, (a, b) => a!.Value.CompareTo(b!.Value));
        }
    }

    private static Func<JsonObject, bool> Ordered<T>(string op, Func<JsonObject, T?> read, T literal, Func<T, T, int> compare)
    {
        Func<int, bool> accept = op switch
        {
            "=" => c => c == 0,
            "!=" => c => c != 0,
            ">" => c => c > 0,
            ">=" => c => c >= 0,
            "<" => c => c < 0,
            _ => c => c <= 0,
        };
        return r => read(r) is { } value && accept(compare(value, literal));
    }

    /// <summary>A like pattern where '%' matches any run of characters, compared case-insensitively.</summary>
    private static Func<string, bool> Like(string pattern)
    {
        var parts = pattern.Split('%');
        return text =>
        {
            if (!text.StartsWith(parts[0], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            var at = parts[0].Length;
            for (var i = 1; i < parts.Length - 1; i++)
            {
                var found = text.IndexOf(parts[i], at, StringComparison.OrdinalIgnoreCase);
                if (found < 0)
                {
                    return false;
                }

                at = found + parts[i].Length;
            }

            var last = parts[^1];
            return text.Length - at >= last.Length && text.EndsWith(last, StringComparison.OrdinalIgnoreCase);
        };
    }
}
