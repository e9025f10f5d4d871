using System.Text.Json;
using Millwright.Client.Connections;

namespace Millwright.Server.Features.Connections;

/// <summary>Rows to wire shapes, and the JSON text form of the string maps stored on a connection.</summary>
internal static class ConnectionMapping
{
    public static Connection ToDto(this ConnectionRow row) => new()
    {
        Id = row.Id,
        System = row.System,
        Environment = row.Environment,
        Status = row.Status,
        DisplayName = row.DisplayName,
        Settings = ReadMap(row.SettingsJson),
        Metadata = ReadMap(row.MetadataJson),
        SyncIntervalMinutes = row.SyncIntervalMinutes,
        CreatedAt = row.CreatedAt,
        UpdatedAt = row.UpdatedAt,
        LastSyncedAt = row.LastSyncedAt,
        NextSyncAt = row.NextSyncAt,
        LastError = row.LastError,
        RateLimitPerMinute = row.RateLimitPerMinute,
        Health = ConnectionHealthState.Of(row),
    };

    public static ConnectionToken ToDto(this ConnectionTokenRow row) => new()
    {
        Id = row.Id,
        Hint = row.Hint,
        Name = row.Name,
        Scopes = SplitScopes(row.Scopes),
        ExpiresAt = row.ExpiresAt,
        CreatedAt = row.CreatedAt,
        LastUsedAt = row.LastUsedAt,
    };

    public static IReadOnlyList<string> SplitScopes(string scopes) => scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public static Dictionary<string, string> ReadMap(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];

    /// <summary>
    /// Serialises a string map with the default encoder, which escapes every quote inside keys and values.
    /// Metadata filters rely on that: <see cref="MetadataFragment"/> can then only occur in the stored
    /// text as a real key-value pair, so the filter runs in SQL on both stores.
    /// </summary>
    public static string WriteMap(IReadOnlyDictionary<string, string> map) =>
        JsonSerializer.Serialize(new SortedDictionary<string, string>(map.ToDictionary(), StringComparer.Ordinal));

    public static string MetadataFragment(string key, string value) =>
        JsonSerializer.Serialize(key) + ":" + JsonSerializer.Serialize(value);
}
