using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Millwright.Connectors.Core;
using Millwright.Connectors.Mapping.Expressions;

namespace Millwright.Connectors.Mapping;

/// <summary>
/// Applies declarative field mappings to raw vendor documents: pure, thread-safe, no I/O. Mappings are
/// compiled once (per instance, and per distinct content) and then only evaluated. See Mapping/README.md.
/// </summary>
public static class MappingEngine
{
    private const int ContentCacheCapacity = 2_000;
    private static readonly ConditionalWeakTable<EntityMapping, CompiledMapping> ByInstance = [];
    private static readonly ConcurrentDictionary<string, CompiledMapping> ByContent = new(StringComparer.Ordinal);

    /// <summary>
    /// Maps one raw record to the unified record's typed fields plus <c>custom_fields</c>. Every typed
    /// field of the entity is present (null, or [] for lists, when unmapped or when the source value does
    /// not fit); envelope fields (<c>id</c>, <c>remote_id</c>, timestamps, <c>raw</c>) are left to the caller.
    /// </summary>
    /// <exception cref="MappingException">The mapping does not validate (see <see cref="Validate"/>).</exception>
    public static JsonObject Apply(EntityMapping mapping, RawRecord raw, string connectionId)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentException.ThrowIfNullOrEmpty(connectionId);
        return Compile(mapping).Apply(raw.Data, connectionId);
    }

    /// <summary>Every problem of a mapping (unknown targets, malformed expressions with positions, type mismatches); empty when valid.</summary>
    public static IReadOnlyList<MappingError> Validate(EntityMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        return CompiledMapping.Compile(mapping).Errors;
    }

    /// <summary>The problem of one expression on its own (syntax only); null when it parses.</summary>
    public static MappingError? ValidateExpression(string expression)
    {
        try
        {
            ExpressionCache.Parse(expression);
            return null;
        }
        catch (ExpressionException e)
        {
            return new MappingError("", e.Position, e.Message);
        }
    }

    /// <summary>What an expression reads and may produce; null when it does not parse (see <see cref="ValidateExpression"/>).</summary>
    public static ExpressionInfo? Inspect(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        try
        {
            return Inspector.Inspect(ExpressionCache.Parse(expression));
        }
        catch (ExpressionException)
        {
            return null;
        }
    }

    /// <summary>
    /// What the mapping can write back and how (Mapping/README.md, "Writing"): lines with a <see cref="FieldMapping.Write"/>
    /// rule that inverts, and <c>custom_fields.&lt;name&gt;</c> lines whose expression is a plain path. Lines whose rule does
    /// not invert are read-only here; <see cref="ValidateWrites"/> reports them.
    /// </summary>
    public static WritePlan WritePlan(EntityMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        return Plans.GetValue(mapping, m => BuildWritePlan(m).Plan);
    }

    /// <summary>The write rules of a mapping that do not invert (an error per line); empty when every rule is usable.</summary>
    public static IReadOnlyList<MappingError> ValidateWrites(EntityMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        return BuildWritePlan(mapping).Errors;
    }

    private static readonly ConditionalWeakTable<EntityMapping, WritePlan> Plans = [];

    private static (WritePlan Plan, List<MappingError> Errors) BuildWritePlan(EntityMapping mapping)
    {
        var writes = new Dictionary<string, FieldWrite>(StringComparer.Ordinal);
        var errors = new List<MappingError>();
        IReadOnlyList<PathStep>? spread = null;
        foreach (var line in mapping.Fields)
        {
            var custom = line.Target.StartsWith(CompiledMapping.CustomPrefix, StringComparison.Ordinal);
            if (line.Target == CompiledMapping.CustomFields)
            {
                if (line.Write is not null)
                {
                    if (PlainPath(line.Write) is { } steps)
                    {
                        spread = steps;
                    }
                    else
                    {
                        errors.Add(new(line.Target, null, "'custom_fields' is written back to a plain path (e.g. extraFields), without transforms"));
                    }
                }

                continue;
            }

            // A connection's own custom field is writable when it simply reads one value.
            var rule = line.Write ?? (custom && PlainPath(line.Expression) is not null ? line.Expression : null);
            if (rule is null)
            {
                continue;
            }

            var field = custom ? null : UnifiedFields.Find(mapping.Entity, line.Target);
            if (!custom && field is null)
            {
                continue;
            }

            var (write, error) = FieldWrite.Compile(line.Target, field, rule);
            if (write is null)
            {
                errors.Add(new(line.Target, null, $"'{line.Target}' cannot be written back through '{rule}': {error}"));
                continue;
            }

            writes[line.Target] = write;
        }

        return (new WritePlan(mapping.Entity, writes, spread), errors);
    }

    private static IReadOnlyList<PathStep>? PlainPath(string expression)
    {
        try
        {
            return ExpressionCache.Parse(expression) is PathNode { Steps.Count: > 0 } path && path.Steps.All(s => s is PropertyStep) ? path.Steps : null;
        }
        catch (ExpressionException)
        {
            return null;
        }
    }

    internal static CompiledMapping Compile(EntityMapping mapping)
    {
        if (ByInstance.TryGetValue(mapping, out var compiled))
        {
            return compiled;
        }

        var key = ContentKey(mapping);
        if (!ByContent.TryGetValue(key, out compiled))
        {
            var (result, errors) = CompiledMapping.Compile(mapping);
            compiled = result ?? throw new MappingException(errors);
            if (ByContent.Count >= ContentCacheCapacity)
            {
                ByContent.Clear();
            }

            ByContent[key] = compiled;
        }

        ByInstance.AddOrUpdate(mapping, compiled);
        return compiled;
    }

    private static string ContentKey(EntityMapping mapping) =>
        string.Join('\u001f', mapping.Fields.SelectMany(f => new[] { f.Target, f.Expression }).Prepend(mapping.Entity.ToString()));
}
