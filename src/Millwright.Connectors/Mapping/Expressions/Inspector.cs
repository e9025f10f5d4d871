namespace Millwright.Connectors.Mapping.Expressions;

/// <summary>Reads a parsed expression's source paths and output types (see <see cref="ExpressionInfo"/>).</summary>
internal static class Inspector
{
    public static ExpressionInfo Inspect(Node node)
    {
        var paths = new List<string>();
        Collect(node, "", paths);
        return new ExpressionInfo([.. paths.Distinct(StringComparer.Ordinal)], JsonTypes(node.Types), IsDate(node.Types));
    }

    private static void Collect(Node node, string element, List<string> paths)
    {
        switch (node)
        {
            case PathNode path:
                paths.Add(Text(path.FromRoot ? "" : element, path.Steps));
                return;
            case EachNode each:
                Collect(each.Source, element, paths);
                // Fields read the elements of the source list.
                var inner = each.Source is PathNode source ? ElementPath(Text(source.FromRoot ? "" : element, source.Steps)) : element;
                foreach (var field in each.Fields)
                {
                    Collect(field.Expression, inner, paths);
                }

                return;
        }

        foreach (var child in node.Children)
        {
            Collect(child, element, paths);
        }
    }

    private static string ElementPath(string path) => path.EndsWith("[]", StringComparison.Ordinal) ? path : SourcePaths.Elements(path);

    private static string Text(string start, IReadOnlyList<PathStep> steps)
    {
        var text = start;
        foreach (var step in steps)
        {
            text = step is PropertyStep property ? SourcePaths.Property(text, property.Name) : SourcePaths.Elements(text);
        }

        return text;
    }

    private static string[] JsonTypes(ValueTypes types)
    {
        var names = new List<string>();
        if ((types & (ValueTypes.String | ValueTypes.Date)) != 0)
        {
            names.Add("string");
        }

        if (types.HasFlag(ValueTypes.Number))
        {
            names.Add("number");
        }

        if (types.HasFlag(ValueTypes.Boolean))
        {
            names.Add("boolean");
        }

        if ((types & (ValueTypes.List | ValueTypes.MappedList)) != 0)
        {
            names.Add("array");
        }

        if (types.HasFlag(ValueTypes.Object))
        {
            names.Add("object");
        }

        if (types.HasFlag(ValueTypes.Null))
        {
            names.Add("null");
        }

        return [.. names];
    }

    private static bool IsDate(ValueTypes types) =>
        types.HasFlag(ValueTypes.Date) && !types.HasFlag(ValueTypes.String);
}
