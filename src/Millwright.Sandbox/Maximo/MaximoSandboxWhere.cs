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
