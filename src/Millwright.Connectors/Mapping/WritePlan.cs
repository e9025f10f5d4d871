using System.Text.Json.Nodes;
using Millwright.Client.Models;
using Millwright.Connectors.Mapping.Expressions;

namespace Millwright.Connectors.Mapping;

/// <summary>One unified field that can be written back, and how.</summary>
/// <param name="Target">Unified target: a typed field (<c>title</c>) or <c>custom_fields.&lt;name&gt;</c>.</param>
/// <param name="Field">The typed field's description; null for a custom field (untyped: any JSON scalar).</param>
/// <param name="AllowedValues">The unified values the write can express, when a value map limits them (e.g. priorities
/// the system knows); null when any value of the field's type can be written.</param>
/// <param name="Reference">The entity a <c>ref(…)</c> write points at: the caller sends Millwright ids and the server passes remote ids.</param>
/// <param name="SourcePath">Where the value goes in the raw document, in <see cref="Mapping.SourcePaths"/> form.</param>
/// <param name="Group">The raw array this field writes elements into together with other fields (MaintainX <c>assignees</c> holds
/// users and teams), null otherwise. Writing one field of a group rewrites the array, so an update sends all of them.</param>
public sealed record WritableField(
    string Target,
    UnifiedField? Field,
    IReadOnlyList<string>? AllowedValues,
    Entity? Reference,
    string SourcePath,
    string? Group);

/// <summary>
/// What one entity's mapping can write back, and the function that places unified values into a document
/// in the system's own shape (the input of <see cref="Core.IWritableConnector"/>). Built by
/// <see cref="MappingEngine.WritePlan"/>; immutable and thread-safe.
/// </summary>
public sealed class WritePlan
{
    private readonly IReadOnlyDictionary<string, FieldWrite> writes;
    private readonly IReadOnlyList<PathStep>? customSpread;

    internal WritePlan(Entity entity, IReadOnlyDictionary<string, FieldWrite> writes, IReadOnlyList<PathStep>? customSpread)
    {
        Entity = entity;
        this.writes = writes;
        this.customSpread = customSpread;
        Fields = writes.ToDictionary(w => w.Key, w => w.Value.Description, StringComparer.Ordinal);
    }

    public Entity Entity { get; }

    /// <summary>The writable fields by target, typed fields and named custom fields.</summary>
    public IReadOnlyDictionary<string, WritableField> Fields { get; }

    /// <summary>True when any <c>custom_fields.&lt;name&gt;</c> can be written (the mapping writes the <c>custom_fields</c> object
    /// back to the system's own custom fields, e.g. MaintainX <c>extraFields</c>), not only the named ones.</summary>
    public bool AnyCustomField => customSpread is not null;

    /// <summary>The field that writes <paramref name="target"/>, including custom fields reached through <see cref="AnyCustomField"/>.</summary>
    public WritableField? Find(string target) =>
        Fields.GetValueOrDefault(target)
        ?? (customSpread is not null && target.StartsWith(CompiledMapping.CustomPrefix, StringComparison.Ordinal)
            ? new WritableField(target, null, null, null, SourcePaths.Property(PathText(customSpread), target[CompiledMapping.CustomPrefix.Length..]), null)
            : null);

    /// <summary>
    /// The raw document for <paramref name="values"/> (target → unified JSON value; <c>ref</c> fields already hold the
    /// remote id as text, lists of them lists of remote ids). Values must have passed the write schema; a target that is
    /// not writable throws <see cref="ArgumentException"/>.
    /// </summary>
    public JsonObject ToSource(IReadOnlyDictionary<string, JsonNode?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var document = new JsonObject();
        foreach (var (target, value) in values)
        {
            if (writes.TryGetValue(target, out var write))
            {
                write.WriteInto(document, value);
            }
            else if (customSpread is not null && target.StartsWith(CompiledMapping.CustomPrefix, StringComparison.Ordinal))
            {
                FieldWrite.Set(document, [.. customSpread, new PropertyStep(0, target[CompiledMapping.CustomPrefix.Length..])], value?.DeepClone());
            }
            else
            {
                throw new ArgumentException($"'{target}' is not writable for {EntityInfo.Of(Entity).Path}.", nameof(values));
            }
        }

        return document;
    }

    /// <summary>The system's own value for a unified value of <paramref name="target"/> (e.g. status <c>completed</c> → <c>DONE</c>);
    /// null when the field is not writable through the mapping or the value has no counterpart.</summary>
    public JsonNode? Invert(string target, JsonNode? value) =>
        writes.TryGetValue(target, out var write) ? Values.ToJson(write.Invert(Values.FromNode(value))) : null;

    internal static string PathText(IEnumerable<PathStep> steps) =>
        steps.Aggregate("", (path, step) => step is PropertyStep property ? SourcePaths.Property(path, property.Name) : SourcePaths.Elements(path));
}
