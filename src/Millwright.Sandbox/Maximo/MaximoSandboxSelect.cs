namespace Millwright.Sandbox.Maximo;

/// <summary>
/// A parsed <c>oslc.select</c> (or <c>properties</c> header): attributes, <c>*</c>, child objects as
/// <c>poline{ponum,orderqty}</c> and relationships as <c>rel.asset{assetnum,status}</c>, nested to any depth
/// the structure has. Names are case-insensitive; an unknown name or unbalanced braces is a 400.
/// </summary>
internal sealed class MxmSelection
{
    private const int MaxLength = 4000;

    public bool All { get; private init; }

    public IReadOnlyList<string> Attributes { get; private init; } = [];

    public IReadOnlyDictionary<string, MxmSelection> Children { get; private init; } = new Dictionary<string, MxmSelection>();

    public IReadOnlyDictionary<string, (MxmObjectStructure Target, MxmSelection Selection)> Relationships { get; private init; } =
        new Dictionary<string, (MxmObjectStructure, MxmSelection)>();

    /// <summary>Only href and _rowstamp: what a collection returns without oslc.select.</summary>
    public static MxmSelection None { get; } = new();

    public static MxmSelection Everything { get; } = new() { All = true };

    public static MxmSelection Parse(string text, MxmObjectStructure os)
    {
        if (text.Length > MaxLength)
        {
            throw MxmError.BadQuery($"The oslc.select clause is longer than {MaxLength} characters.");
        }

        var position = 0;
        var selection = ParseList(text, ref position, os.Attributes, os.Domains.Keys, os.Children, os.Relationships, depth: 0);
        if (position < text.Length)
        {
            throw MxmError.BadQuery($"The oslc.select clause has an unexpected '{text[position]}' at position {position + 1}.");
        }

        return selection;
    }

    private static MxmSelection ParseList(string text, ref int position, IReadOnlyDictionary<string, MxmType> attributes,
        IEnumerable<string> domains, IReadOnlyList<MxmChild> childObjects, IReadOnlyList<MxmRelationship> relations, int depth)
    {
        if (depth > 8)
        {
            throw MxmError.BadQuery("The oslc.select clause nests selections deeper than 8 levels.");
        }

        var all = false;
        var names = new List<string>();
        var children = new Dictionary<string, MxmSelection>(StringComparer.Ordinal);
        var relationships = new Dictionary<string, (MxmObjectStructure, MxmSelection)>(StringComparer.Ordinal);
        var descriptions = domains.Select(d => d + "_description").ToHashSet(StringComparer.Ordinal);
        while (true)
        {
            var start = position;
            while (position < text.Length && text[position] is not (',' or '{' or '}'))
            {
                position++;
            }

            var name = text[start..position].Trim().ToLowerInvariant();
            if (name.Length == 0)
            {
                throw MxmError.BadQuery($"The oslc.select clause has an empty name at position {start + 1}.");
            }

            if (position < text.Length && text[position] == '{')
            {
                position++;
                var bare = name.StartsWith("rel.", StringComparison.Ordinal) ? name[4..] : name;
                if (name.StartsWith("rel.", StringComparison.Ordinal) && relations.FirstOrDefault(r => r.Name == bare) is { } relationship)
                {
                    var target = MxmStructures.Find(relationship.Target)!;
                    relationships[relationship.Name] = (target, ParseList(text, ref position, target.Attributes, target.Domains.Keys, target.Children, target.Relationships, depth + 1));
                }
                else if (childObjects.FirstOrDefault(c => c.Name == bare) is { } child)
                {
                    children[child.Name] = ParseList(text, ref position, child.Attributes, [], child.Children, child.Relationships, depth + 1);
                }
                else
                {
                    throw MxmError.BadQuery($"The oslc.select clause names {name.ToUpperInvariant()}, which is neither a child object nor a relationship of this object structure.");
                }

                if (position >= text.Length || text[position] != '}')
                {
                    throw MxmError.BadQuery($"The selection of {name.ToUpperInvariant()} in the oslc.select clause is not closed with '}}'.");
                }

                position++;
            }
            else if (name == "*")
            {
                all = true;
            }
            else if (attributes.ContainsKey(name) || descriptions.Contains(name) || name is "href" or "_rowstamp")
            {
                names.Add(name);
            }
            else
            {
                throw MxmError.BadQuery($"The attribute {name.ToUpperInvariant()} in the oslc.select clause does not exist.");
            }

            if (position >= text.Length || text[position] == '}')
            {
                return new MxmSelection { All = all, Attributes = names, Children = children, Relationships = relationships };
            }

            position++; // ','
        }
    }
}
