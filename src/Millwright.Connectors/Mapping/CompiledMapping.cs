using System.Text.Json.Nodes;
using Millwright.Client.Models;
using Millwright.Connectors.Mapping.Expressions;

namespace Millwright.Connectors.Mapping;

/// <summary>An <see cref="EntityMapping"/> checked against the unified model and ready to run.</summary>
internal sealed class CompiledMapping
{
    private readonly Entity entity;
    private readonly (UnifiedField Target, Node? Expression)[] typed;
    private readonly (string Name, Node Expression)[] custom;
    private readonly Node? spread;

    private CompiledMapping(Entity entity, (UnifiedField, Node?)[] typed, (string, Node)[] custom, Node? spread)
    {
        this.entity = entity;
        this.typed = typed;
        this.custom = custom;
        this.spread = spread;
    }

    /// <summary>Target that copies every property of an object (e.g. the vendor's own custom fields) into custom_fields.</summary>
    public const string CustomFields = "custom_fields";

    public const string CustomPrefix = "custom_fields.";

    public static (CompiledMapping? Mapping, IReadOnlyList<MappingError> Errors) Compile(EntityMapping mapping)
    {
        var errors = new List<MappingError>();
        var byTarget = new Dictionary<string, Node>(StringComparer.Ordinal);
        var custom = new List<(string, Node)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Node? spread = null;
        foreach (var field in mapping.Fields)
        {
            if (!seen.Add(field.Target))
            {
                errors.Add(new(field.Target, null, "This field is mapped twice"));
                continue;
            }

            Node node;
            try
            {
                node = ExpressionCache.Parse(field.Expression);
            }
            catch (ExpressionException e)
            {
                errors.Add(new(field.Target, e.Position, e.Message));
                continue;
            }

            if (field.Target == CustomFields)
            {
                if ((node.Types & (ValueTypes.Object | ValueTypes.Null)) == 0)
                {
                    errors.Add(new(field.Target, node.Position,
                        $"'custom_fields' takes an object whose properties become custom fields, but this expression gives {TargetCoercion.Describe(node.Types)}"));
                    continue;
                }

                spread = node;
                continue;
            }

            if (field.Target.StartsWith(CustomPrefix, StringComparison.Ordinal))
            {
                var name = field.Target[CustomPrefix.Length..];
                // The same names the records API can filter and sort on (filter[custom_fields.<name>]).
                if (name.Length is 0 or > 100 || name.Any(c => char.IsControl(c) || c is '"' or '\\' or '.' or ':' or '[' or ']'))
                {
                    errors.Add(new(field.Target, null,
                        "A custom field needs a name of 1 to 100 printable characters after 'custom_fields.', without \" \\ . : [ or ]"));
                    continue;
                }

                byTarget[field.Target] = node;
                custom.Add((name, node));
                continue;
            }

            var target = UnifiedFields.Find(mapping.Entity, field.Target);
            if (target is null)
            {
                var known = string.Join(", ", UnifiedFields.For(mapping.Entity).Select(f => f.Name));
                var why = UnifiedFields.EnvelopeFields.Contains(field.Target)
                    ? $"'{field.Target}' is filled by the sync engine, not by a mapping"
                    : $"'{field.Target}' is not a field of {EntityInfo.Of(mapping.Entity).Path}; the fields are {known}, or custom_fields.<name>";
                errors.Add(new(field.Target, null, why));
                continue;
            }

            if (Check(target, node) is { } problem)
            {
                errors.Add(problem with { Target = field.Target });
                continue;
            }

            byTarget[field.Target] = node;
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var typed = UnifiedFields.For(mapping.Entity)
            .Select(f => (f, byTarget.GetValueOrDefault(f.Name)))
            .ToArray();
        return (new CompiledMapping(mapping.Entity, typed, custom.ToArray(), spread), []);
    }

    /// <summary>Static type check of one expression against its target; null when it may fit.</summary>
    private static MappingError? Check(UnifiedField target, Node node)
    {
        var produced = node.Types & ~ValueTypes.Null;
        if (produced != 0 && (produced & TargetCoercion.Accepts(target.Kind)) == 0)
        {
            return new(target.Name, node.Position,
                $"'{target.Name}' takes {TargetCoercion.Describe(target.Kind)}, but this expression gives {TargetCoercion.Describe(produced)}");
        }

        if (target.Kind == UnifiedFieldKind.Enum && node.Constants is { } constants)
        {
            foreach (var (value, position) in constants)
            {
                if (!target.EnumValues!.Contains(value, StringComparer.OrdinalIgnoreCase))
                {
                    return new(target.Name, position,
                        $"'{value}' is not a valid {target.Name}; use one of {string.Join(", ", target.EnumValues!)}");
                }
            }
        }

        if (node is EachNode each)
        {
            foreach (var field in each.Fields)
            {
                var nested = target.Nested!.FirstOrDefault(n => n.Name == field.Name);
                if (nested is null)
                {
                    return new(target.Name, field.Position,
                        $"'{field.Name}' is not a field of {target.Name}; the fields are {string.Join(", ", target.Nested!.Select(n => n.Name))}");
                }

                if (Check(nested, field.Expression) is { } problem)
                {
                    return problem;
                }
            }
        }

        return null;
    }

    public JsonObject Apply(JsonObject raw, string connectionId)
    {
        var context = new EvaluationContext(raw, connectionId);
        var output = new PropertyBuffer(typed.Length + 1);
        try
        {
            foreach (var (target, expression) in typed)
            {
                output.Add(target.Name, expression switch
                {
                    null => TargetCoercion.Empty(target),
                    EachNode each => TargetCoercion.Coerce(target, each.Evaluate(context, raw, target.Nested)),
                    _ => TargetCoercion.Coerce(target, expression.Evaluate(context, raw)),
                });
            }

            output.Add(CustomFields, CustomFieldsOf(context, raw));
            return output.ToObject();
        }
        finally
        {
            output.Return();
        }
    }

    private JsonObject CustomFieldsOf(EvaluationContext context, JsonObject raw)
    {
        var source = spread?.Evaluate(context, raw) as JsonObject;
        var fields = new PropertyBuffer((source?.Count ?? 0) + custom.Length);
        try
        {
            if (source is not null)
            {
                foreach (var (name, value) in source)
                {
                    fields.Add(name, value?.DeepClone());
                }
            }

            foreach (var (name, expression) in custom)
            {
                var value = Values.ToJson(expression.Evaluate(context, raw));
                // A named custom field wins over the spread one of the same name, in the spread one's place.
                if (source is null || !source.ContainsKey(name) || !fields.TryReplace(name, value))
                {
                    fields.Add(name, value);
                }
            }

            return fields.ToObject();
        }
        finally
        {
            fields.Return();
        }
    }

    public override string ToString() => $"{entity} mapping ({typed.Count(t => t.Expression is not null)} fields, {custom.Length} custom)";
}
