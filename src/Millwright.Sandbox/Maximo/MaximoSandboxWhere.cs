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

        var parser = new Parser(MxmWhereLexer.Tokens(text), os.Attributes, os.Children, os.Name);
        var predicate = parser.Or(0);
        parser.ExpectEnd();
        return predicate;
    }

    /// <summary>A child filter (<c>asset.assetmeter.where=changedate&gt;="…"</c>): the clause with the child's rows in context.</summary>
    public static Func<JsonObject, bool> Compile(string text, MxmChild child)
    {
        if (text.Length > MaxLength)
        {
            throw MxmError.BadQuery($"The where clause of {child.Name.ToUpperInvariant()} is longer than {MaxLength} characters.");
        }

        var parser = new Parser(MxmWhereLexer.Tokens(text), child.Attributes, child.Children, child.Name);
        var predicate = parser.Or(0);
        parser.ExpectEnd();
        return predicate;
    }

    /// <summary>
    /// <paramref name="attributes"/> of the object in context; a dotted name (<c>assetmeter.changedate</c>,
    /// <c>assetmeter.meterreading.enterdate</c>) reaches attributes of child objects, and matches when any row does
    /// (REST API Guide, filtering: "&lt;rel1&gt;[.rel2]*.attr1").
    /// </summary>
    private sealed class Parser(List<MxmToken> tokens, IReadOnlyDictionary<string, MxmType> attributes, IReadOnlyList<MxmChild> children, string label)
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
            var path = new List<string>();
            var (scope, scopeChildren, leaf) = (attributes, children, name);
            while (!scope.ContainsKey(leaf) && leaf.IndexOf('.', StringComparison.Ordinal) is > 0 and var dot
                && scopeChildren.FirstOrDefault(c => c.Name == leaf[..dot]) is { } child)
            {
                path.Add(child.Name);
                (scope, scopeChildren, leaf) = (child.Attributes, child.Children, leaf[(dot + 1)..]);
            }

            if (!scope.TryGetValue(leaf, out var type))
            {
                throw MxmError.BadQuery($"The attribute {name.ToUpperInvariant()} at position {attributePosition + 1} of the oslc.where clause does not exist in the object structure {label.ToUpperInvariant()}.");
            }

            var test = Comparison(leaf, type);
            return path.Count == 0 ? test : r => Rows(r, path, 0).Any(test);
        }

        private static IEnumerable<JsonObject> Rows(JsonObject record, List<string> path, int depth) =>
            depth == path.Count ? [record] : (record[path[depth]] as JsonArray)?.OfType<JsonObject>().SelectMany(r => Rows(r, path, depth + 1)) ?? [];

        private Func<JsonObject, bool> Comparison(string name, MxmType type)
        {
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
