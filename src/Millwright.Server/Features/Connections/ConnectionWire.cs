using Millwright.Client.Connections;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Connections;

/// <summary>Connection and token rows to their wire shapes.</summary>
internal static class ConnectionWire
{
    public static Connection ToWire(this ConnectionRow row) => new()
    {
        Id = row.Id,
        System = row.System,
        Environment = row.Environment,
        Status = row.Status,
        DisplayName = row.DisplayName,
        Settings = StoredMaps.ReadMap(row.SettingsJson),
        Metadata = StoredMaps.ReadMap(row.MetadataJson),
        SyncIntervalMinutes = row.SyncIntervalMinutes,
        CreatedAt = row.CreatedAt,
        UpdatedAt = row.UpdatedAt,
        LastSyncedAt = row.LastSyncedAt,
        NextSyncAt = row.NextSyncAt,
        LastError = row.LastError,
        RateLimitPerMinute = row.RateLimitPerMinute,
        Health = ConnectionHealthState.Of(row),
    };

    public static ConnectionToken ToWire(this ConnectionTokenRow row) => new()
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
}
