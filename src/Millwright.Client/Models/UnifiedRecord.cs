using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Millwright.Client.Models;

/// <summary>
/// Fields every unified record carries, whatever its entity and whatever system it came from.
/// </summary>
public abstract record UnifiedRecord
{
    /// <summary>Millwright's stable id: the same remote record of the same connection always gets the same id.</summary>
    public required string Id { get; init; }

    /// <summary>The id of the record in the connected system.</summary>
    public required string RemoteId { get; init; }

    /// <summary>When Millwright first stored the record.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When Millwright last saw the record change; <c>updated_after</c> compares this value.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When the record was deleted in the connected system (only listed with <c>include_deleted=true</c>).</summary>
    public DateTimeOffset? DeletedAt { get; init; }

    /// <summary>Creation time as the connected system reports it.</summary>
    public DateTimeOffset? RemoteCreatedAt { get; init; }

    /// <summary>Last change time as the connected system reports it.</summary>
    public DateTimeOffset? RemoteUpdatedAt { get; init; }

    /// <summary>Fields outside the unified model, as configured by the connection's field mappings.</summary>
    public JsonObject CustomFields { get; init; } = [];

    /// <summary>The source document, only present with <c>include_raw=true</c>.</summary>
    public JsonElement? Raw { get; init; }
}

/// <summary>Serializer settings of the wire contract: snake_case properties and enum values, UTC ISO-8601 times.</summary>
public static class MillwrightJson
{
    /// <summary>Options matching the Millwright wire format.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Creates a fresh copy of the wire format options (for callers that need to extend them).</summary>
    public static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.Converters.Add(new UtcTimestampConverter());
        return options;
    }
}
