using System.Text.Json;
using System.Text.Json.Nodes;
using Millwright.Client.Errors;
using Millwright.Connectors.Core;
using Millwright.Server.Hosting.Errors;

namespace Millwright.Server.Features.Connections;

/// <summary>Settings and credentials that passed <see cref="ConnectionInput"/>, with descriptor defaults filled in.</summary>
internal sealed record ConnectionFields(IReadOnlyDictionary<string, string> Settings, IReadOnlyDictionary<string, string> Credentials);

/// <summary>A create request that passed validation: ready for the system check.</summary>
internal sealed record ValidatedConnection(
    IConnector Connector,
    ConnectionFields Fields,
    IReadOnlyDictionary<string, string> Metadata,
    int SyncIntervalMinutes);

/// <summary>
/// Validation of what a connection is made of, shared by <c>POST /v1/connections</c> and the Connect page.
/// Problems are collected, not thrown one at a time, so a form can mark every wrong field at once;
/// each detail names its field as <c>settings.base_url</c>, <c>credentials.api_key</c>, <c>metadata.key</c>.
/// Messages never repeat a submitted value: a credential pasted into the wrong box must not be echoed.
/// </summary>
internal static class ConnectionInput
{
    public const int DefaultSyncIntervalMinutes = 15;
    public const int MinSyncIntervalMinutes = 5;
    public const int MaxSyncIntervalMinutes = 7 * 24 * 60;
    public const int MaxFieldLength = 4096;
    public const int MaxMetadataKeys = 50;
    public const int MaxMetadataKeyLength = 40;
    public const int MaxMetadataValueLength = 500;

    /// <summary>Reads a JSON object whose values must be strings (or null, where <paramref name="allowNulls"/>).</summary>
    public static Dictionary<string, string?> ReadStrings(JsonNode? node, string member, List<ErrorDetail> errors, bool allowNulls = false)
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (node is null)
        {
            return result;
        }

        if (node is not JsonObject obj)
        {
            errors.Add(new(member, $"{member} must be an object whose values are strings."));
            return result;
        }

        foreach (var (key, value) in obj)
        {
            if (value is null && allowNulls)
            {
                result[key] = null;
            }
            else if (value is JsonValue v && v.GetValueKind() == JsonValueKind.String)
            {
                result[key] = v.GetValue<string>();
            }
            else
            {
                errors.Add(new($"{member}.{key}", allowNulls ? "Must be a string, or null to remove the key." : "Must be a string."));
            }
        }

        return result;
    }

    /// <summary>Checks settings and credentials against the system's descriptor and fills defaults.</summary>
    public static ConnectionFields CheckFields(
        SystemDescriptor system,
        IReadOnlyDictionary<string, string?> settings,
        IReadOnlyDictionary<string, string?> credentials,
        List<ErrorDetail> errors) =>
        new(
            CheckKind(system, ConnectionFieldKind.Setting, settings, errors),
            CheckKind(system, ConnectionFieldKind.Credential, credentials, errors));

    public static Dictionary<string, string> CheckMetadata(IReadOnlyDictionary<string, string?> metadata, List<ErrorDetail> errors)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (metadata.Count > MaxMetadataKeys)
        {
            errors.Add(new("metadata", $"metadata has {metadata.Count} keys; at most {MaxMetadataKeys} are allowed."));
        }

        foreach (var (key, value) in metadata)
        {
            if (key.Length is 0 or > MaxMetadataKeyLength)
            {
                errors.Add(new($"metadata.{key}", $"Keys must have 1 to {MaxMetadataKeyLength} characters."));
            }
            else if (value is null)
            {
                errors.Add(new($"metadata.{key}", "Must be a string."));
            }
            else if (value.Length > MaxMetadataValueLength)
            {
                errors.Add(new($"metadata.{key}", $"Values may have at most {MaxMetadataValueLength} characters."));
            }
            else
            {
                result[key] = value;
            }
        }

        return result;
    }

    public static int CheckSyncInterval(int? minutes, List<ErrorDetail> errors)
    {
        if (minutes is { } m && m is < MinSyncIntervalMinutes or > MaxSyncIntervalMinutes)
        {
            errors.Add(new("sync_interval_minutes",
                $"sync_interval_minutes must be between {MinSyncIntervalMinutes} and {MaxSyncIntervalMinutes}."));
        }

        return minutes ?? DefaultSyncIntervalMinutes;
    }

    /// <summary>422 <c>VALIDATION_FAILED</c> listing every problem, when there are any.</summary>
    public static void ThrowIfAny(List<ErrorDetail> errors)
    {
        if (errors.Count > 0)
        {
            var message = errors.Count == 1
                ? $"{errors[0].Field}: {errors[0].Message}"
                : $"{errors.Count} fields are not valid; see details.";
            throw new ApiException(StatusCodes.Status422UnprocessableEntity, ErrorCodes.ValidationFailed, message, details: errors);
        }
    }

    private static Dictionary<string, string> CheckKind(
        SystemDescriptor system,
        ConnectionFieldKind kind,
        IReadOnlyDictionary<string, string?> given,
        List<ErrorDetail> errors)
    {
        var member = kind == ConnectionFieldKind.Setting ? "settings" : "credentials";
        var fields = system.Fields.Where(f => f.Kind == kind).ToDictionary(f => f.Name, StringComparer.Ordinal);
        foreach (var (name, value) in given)
        {
            if (!fields.ContainsKey(name))
            {
                var other = system.Fields.FirstOrDefault(f => f.Name == name);
                errors.Add(new($"{member}.{name}", other is null
                    ? $"{system.Name} has no field '{name}'."
                    : $"'{name}' is a {(other.Kind == ConnectionFieldKind.Setting ? "setting: send it in settings" : "credential: send it in credentials")}."));
            }
            else if (value is { Length: > MaxFieldLength })
            {
                errors.Add(new($"{member}.{name}", $"Must have at most {MaxFieldLength} characters."));
            }
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in fields.Values)
        {
            var value = given.GetValueOrDefault(field.Name);
            if (!string.IsNullOrWhiteSpace(value))
            {
                result[field.Name] = value;
            }
            else if (field.Default is { } fallback)
            {
                result[field.Name] = fallback;
            }
            else if (field.Required)
            {
                errors.Add(new($"{member}.{field.Name}", $"{field.Label} is required."));
            }
        }

        return result;
    }
}
