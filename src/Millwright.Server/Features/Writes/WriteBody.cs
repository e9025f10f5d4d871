using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Millwright.Client.Errors;
using Millwright.Client.Models;
using Millwright.Connectors.Core;
using Millwright.Connectors.Mapping;
using Millwright.Server.Hosting.Errors;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Writes;

/// <summary>A validated write body: unified values by target (references already turned into remote ids) and the status change.</summary>
internal sealed record WriteValues(Dictionary<string, JsonNode?> Values, StatusChange? Status);

/// <summary>
/// Checks a write body against the connection's write schema (<see cref="WriteSchema"/>) before any vendor call:
/// every problem of the body becomes one <c>details</c> entry (a JSON pointer and a message) of one
/// <c>422 VALIDATION_FAILED</c>; references must name records of this connection.
/// </summary>
internal sealed class WriteBody(MillwrightDb db)
{
    public const string CustomPrefix = "custom_fields.";
    private const int MaxListItems = 200;

    public static IEnumerable<WritableField> TypedFields(WriteTarget target) =>
        target.Plan.Fields.Values.Where(f => f.Field is not null && f.Target != "status" && f.Field.Kind != UnifiedFieldKind.ObjectList);

    public static IReadOnlyList<WritableField> CustomFields(WriteTarget target) =>
        [.. target.Plan.Fields.Values.Where(f => f.Field is null)];

    public static IReadOnlyList<string> Statuses(WriteTarget target, WriteOperation operation) =>
        operation == WriteOperation.Create ? target.Capabilities.InitialStatuses : target.Capabilities.StatusTransitions;

    public async Task<WriteValues> ReadAsync(WriteTarget target, WriteOperation operation, JsonObject body, JsonObject? stored, CancellationToken cancellationToken)
    {
        var errors = new List<ErrorDetail>();
        var values = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        var references = new List<(string Target, Entity Entity, JsonNode? Value)>();
        StatusChange? status = null;
        var typed = TypedFields(target).ToDictionary(f => f.Target, StringComparer.Ordinal);
        foreach (var (name, value) in body)
        {
            if (name == "status")
            {
                status = Status(target, operation, value, errors);
            }
            else if (name == "custom_fields")
            {
                Custom(target, value, values, errors);
            }
            else if (typed.TryGetValue(name, out var field))
            {
                if (Check(field, value, operation, target.Capabilities, errors) is var (ok, normalized) && ok)
                {
                    values[name] = normalized;
                    if (field.Reference is { } entity && normalized is not null)
                    {
                        references.Add((name, entity, normalized));
                    }
                }
            }
            else
            {
                var writable = string.Join(", ", typed.Keys.Concat(Statuses(target, operation).Count > 0 ? ["status"] : []).Order(StringComparer.Ordinal));
                errors.Add(new ErrorDetail($"/{name}", UnifiedFields.Find(target.Info.Entity, name) is null && !UnifiedFields.EnvelopeFields.Contains(name)
                    ? $"'{name}' is not a field of {target.Info.Path}; this connection can write: {writable}."
                    : $"'{name}' cannot be written for this connection (the system assigns it, or the mapping cannot write it back); writable: {writable}."));
            }
        }

        if (operation == WriteOperation.Create)
        {
            foreach (var required in target.Capabilities.RequiredOnCreate.Where(r => !body.ContainsKey(r)))
            {
                errors.Add(new ErrorDetail($"/{required}", $"'{required}' is required to create {target.Info.Path.Replace('-', ' ')} in {target.Connector.Descriptor.Name}."));
            }
        }

        if (body.Count == 0)
        {
            errors.Add(new ErrorDetail("/", "The body names no field to write."));
        }

        if (errors.Count == 0 && stored is not null)
        {
            AddGroupCompanions(target, values, references, stored);
        }

        // Also when other fields failed: every problem of the body is reported at once, and this is a store read, not a vendor call.
        await ResolveReferencesAsync(target.Connection.Id, references, values, errors, cancellationToken);

        if (errors.Count > 0)
        {
            throw new ApiException(StatusCodes.Status422UnprocessableEntity, ErrorCodes.ValidationFailed,
                errors.Count == 1 ? errors[0].Message : $"{errors.Count} fields of the body are not acceptable; see details.", details: errors);
        }

        return new WriteValues(values, status);
    }

    /// <summary>Fields that share one raw array (MaintainX <c>assignees</c> holds users and teams) are written together, from the stored record when the body leaves them out.</summary>
    private static void AddGroupCompanions(WriteTarget target, Dictionary<string, JsonNode?> values, List<(string, Entity, JsonNode?)> references, JsonObject stored)
    {
        var groups = values.Keys.Select(k => target.Plan.Fields.GetValueOrDefault(k)?.Group).Where(g => g is not null).ToHashSet(StringComparer.Ordinal);
        foreach (var companion in target.Plan.Fields.Values.Where(f => f.Group is not null && groups.Contains(f.Group) && !values.ContainsKey(f.Target)))
        {
            var value = stored[companion.Target]?.DeepClone();
            values[companion.Target] = value;
            if (companion.Reference is { } entity && value is not null)
            {
                references.Add((companion.Target, entity, value));
            }
        }
    }

    private static StatusChange? Status(WriteTarget target, WriteOperation operation, JsonNode? value, List<ErrorDetail> errors)
    {
        var allowed = Statuses(target, operation);
        if (allowed.Count == 0)
        {
            errors.Add(new ErrorDetail("/status", operation == WriteOperation.Create
                ? $"{target.Connector.Descriptor.Name} sets the first status itself; leave 'status' out and change it with PATCH."
                : $"{target.Connector.Descriptor.Name} offers no status change for {target.Info.Path.Replace('-', ' ')}."));
            return null;
        }

        if (value is not JsonValue v || v.GetValueKind() != JsonValueKind.String || allowed.FirstOrDefault(a => string.Equals(a, (string)v!, StringComparison.OrdinalIgnoreCase)) is not { } status)
        {
            errors.Add(new ErrorDetail("/status", $"'status' must be one of {string.Join(", ", allowed)} for {target.Connector.Descriptor.Name}."));
            return null;
        }

        var remote = target.Plan.Invert("status", JsonValue.Create(status));
        return new StatusChange(status, remote?.GetValueKind() == JsonValueKind.String ? (string?)remote : remote?.ToJsonString());
    }

    private static void Custom(WriteTarget target, JsonNode? value, Dictionary<string, JsonNode?> values, List<ErrorDetail> errors)
    {
        if (value is not JsonObject fields)
        {
            errors.Add(new ErrorDetail("/custom_fields", "'custom_fields' must be an object of field name → value."));
            return;
        }

        foreach (var (name, fieldValue) in fields)
        {
            var targetName = CustomPrefix + name;
            if (target.Plan.Find(targetName) is null)
            {
                var named = CustomFields(target).Select(c => c.Target[CustomPrefix.Length..]).ToList();
                errors.Add(new ErrorDetail($"/custom_fields/{name}", named.Count == 0
                    ? $"Custom field '{name}' cannot be written for this connection."
                    : $"Custom field '{name}' cannot be written for this connection; writable: {string.Join(", ", named)}."));
            }
            else if (fieldValue is JsonObject or JsonArray)
            {
                errors.Add(new ErrorDetail($"/custom_fields/{name}", "A custom field takes text, a number, true/false or null."));
            }
            else
            {
                values[targetName] = fieldValue?.DeepClone();
            }
        }
    }

    private static (bool Ok, JsonNode? Value) Check(WritableField writable, JsonNode? value, WriteOperation operation, EntityCapabilities capabilities, List<ErrorDetail> errors)
    {
        var field = writable.Field!;
        var pointer = $"/{field.Name}";
        if (value is null)
        {
            if (field.Kind == UnifiedFieldKind.StringList)
            {
                return (true, new JsonArray());
            }

            if (capabilities.RequiredOnCreate.Contains(field.Name))
            {
                errors.Add(new ErrorDetail(pointer, $"'{field.Name}' cannot be empty."));
                return (false, null);
            }

            return (true, null);
        }

        string? problem = null;
        JsonNode? normalized = null;
        var kind = value is JsonValue scalar ? scalar.GetValueKind() : value is JsonArray ? JsonValueKind.Array : JsonValueKind.Object;
        switch (field.Kind)
        {
            case UnifiedFieldKind.String when kind == JsonValueKind.String:
                var text = (string)value!;
                if (capabilities.RequiredOnCreate.Contains(field.Name) && string.IsNullOrWhiteSpace(text))
                {
                    problem = $"'{field.Name}' cannot be empty.";
                }

                normalized = JsonValue.Create(text);
                break;
            // A number beyond decimal's range (1e126) is bad input, not an OverflowException (found by BadInputFuzzTests).
            case UnifiedFieldKind.Decimal or UnifiedFieldKind.Integer when kind == JsonValueKind.Number && !value!.AsValue().TryGetValue<decimal>(out _):
                problem = $"'{field.Name}' takes a number between -79228162514264337593543950335 and 79228162514264337593543950335.";
                break;
            case UnifiedFieldKind.Decimal when kind == JsonValueKind.Number:
                normalized = JsonValue.Create(value!.GetValue<decimal>());
                break;
            case UnifiedFieldKind.Integer when kind == JsonValueKind.Number:
                var number = value!.GetValue<decimal>();
                problem = decimal.Truncate(number) == number && number is >= int.MinValue and <= int.MaxValue ? null : $"'{field.Name}' takes a whole number.";
                normalized = JsonValue.Create((int)decimal.Truncate(Math.Clamp(number, int.MinValue, int.MaxValue)));
                break;
            case UnifiedFieldKind.Boolean when kind is JsonValueKind.True or JsonValueKind.False:
                normalized = JsonValue.Create(kind == JsonValueKind.True);
                break;
            case UnifiedFieldKind.DateTime when kind == JsonValueKind.String:
                if (DateTimeOffset.TryParse((string)value!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
                    && ((string)value!).Length >= 10)
                {
                    normalized = JsonValue.Create(time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
                }
                else
                {
                    problem = $"'{field.Name}' takes an ISO 8601 date-time such as 2026-03-05T10:00:00Z.";
                }

                break;
            case UnifiedFieldKind.Enum when kind == JsonValueKind.String:
                var allowed = writable.AllowedValues ?? field.EnumValues ?? [];
                if (allowed.FirstOrDefault(a => string.Equals(a, (string)value!, StringComparison.OrdinalIgnoreCase)) is { } match)
                {
                    normalized = JsonValue.Create(match);
                }
                else
                {
                    problem = $"'{field.Name}' must be one of {string.Join(", ", allowed)} for this connection.";
                }

                break;
            case UnifiedFieldKind.StringList when kind == JsonValueKind.Array:
                var items = value!.AsArray();
                if (items.Count > MaxListItems || items.Any(i => i is not JsonValue item || item.GetValueKind() != JsonValueKind.String))
                {
                    problem = $"'{field.Name}' takes a list of at most {MaxListItems} ids (text).";
                }
                else
                {
                    normalized = new JsonArray([.. items.Select(i => (JsonNode)(string)i!).Distinct(JsonNodeComparer.Instance)]);
                }

                break;
            default:
                problem = $"'{field.Name}' takes {Describe(field.Kind)}, not {Describe(kind)}.";
                break;
        }

        if (problem is not null)
        {
            errors.Add(new ErrorDetail(pointer, problem));
            return (false, null);
        }

        return (true, normalized);
    }

    /// <summary>Millwright ids → remote ids, for records of this connection and of the referenced entity only.</summary>
    private async Task ResolveReferencesAsync(
        string connectionId, List<(string Target, Entity Entity, JsonNode? Value)> references, Dictionary<string, JsonNode?> values, List<ErrorDetail> errors,
        CancellationToken cancellationToken)
    {
        foreach (var group in references.GroupBy(r => r.Entity))
        {
            var path = EntityInfo.Of(group.Key).Path;
            var ids = group.SelectMany(r => r.Value is JsonArray list ? list.Select(i => (string)i!) : [(string)r.Value!]).Distinct(StringComparer.Ordinal).ToList();
            var found = await db.Records.AsNoTracking()
                .Where(r => r.ConnectionId == connectionId && r.Entity == path && r.DeletedAt == null && ids.Contains(r.Id))
                .ToDictionaryAsync(r => r.Id, r => r.RemoteId, StringComparer.Ordinal, cancellationToken);
            foreach (var (target, _, value) in group)
            {
                if (value is JsonArray list)
                {
                    var missing = list.Select(i => (string)i!).Where(i => !found.ContainsKey(i)).ToList();
                    if (missing.Count > 0)
                    {
                        errors.Add(new ErrorDetail($"/{target}", $"No {path.Replace('-', ' ')} of this connection has the id {string.Join(", ", missing.Take(5))}."));
                        continue;
                    }

                    values[target] = new JsonArray([.. list.Select(i => (JsonNode)found[(string)i!])]);
                }
                else if (found.TryGetValue((string)value!, out var remoteId))
                {
                    values[target] = remoteId;
                }
                else
                {
                    errors.Add(new ErrorDetail($"/{target}", $"No {path.Replace('-', ' ')} of this connection has the id '{(string)value!}'."));
                }
            }
        }
    }

    private static string Describe(UnifiedFieldKind kind) => kind switch
    {
        UnifiedFieldKind.Decimal => "a number",
        UnifiedFieldKind.Integer => "a whole number",
        UnifiedFieldKind.Boolean => "true or false",
        UnifiedFieldKind.DateTime => "an ISO 8601 date-time text",
        UnifiedFieldKind.Enum => "one of its values as text",
        UnifiedFieldKind.StringList => "a list of texts",
        _ => "text",
    };

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true/false",
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "an object",
        _ => "text",
    };

    private sealed class JsonNodeComparer : IEqualityComparer<JsonNode>
    {
        public static readonly JsonNodeComparer Instance = new();

        public bool Equals(JsonNode? x, JsonNode? y) => JsonNode.DeepEquals(x, y);

        public int GetHashCode(JsonNode obj) => obj.ToJsonString().GetHashCode(StringComparison.Ordinal);
    }
}
