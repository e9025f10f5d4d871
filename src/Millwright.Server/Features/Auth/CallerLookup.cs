using System.Data;
using System.Data.Common;
using Millwright.Server.Features.Connections;
using Millwright.Server.Features.Records.Sql;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Auth;

/// <summary>What one lookup of a presented secret finds: its key or token row, the account's stored limit, and the request's connection.</summary>
/// <param name="Scopes">A token's space-separated scopes; null for a secret key.</param>
/// <param name="TokenConnectionId">A token's connection id (set even when that connection is gone); null for a secret key.</param>
/// <param name="AccountRateLimitPerMinute"><c>account_settings.rate_limit_per_minute</c> of the account in this environment; null for the default.</param>
/// <param name="Connection">The token's connection, or the one a secret key named, when the caller may see it (<see cref="Visibility"/>).</param>
internal sealed record CallerRecord(
    string CredentialId,
    string AccountId,
    string Environment,
    DateTimeOffset? RevokedAt,
    DateTimeOffset? ExpiresAt,
    string? Scopes,
    string? TokenConnectionId,
    int? AccountRateLimitPerMinute,
    ConnectionRow? Connection);

/// <summary>
/// The read path's one store round trip before the records (ADR 0027): the key or token by hash, joined with the
/// account's rate-limit setting and with the connection the request works on, in one statement, read with plain
/// ADO.NET through <see cref="StoreReads"/> (no EF query compilation, change tracker or materializer; on SQLite the
/// statement stays prepared on a kept connection). Nothing is
/// cached: every request reads the rows as they are now, so a revocation, an expiry, a deleted connection or a
/// changed limit is seen on every node from the next request. The connection join repeats
/// <see cref="Visibility.ConnectionsVisibleTo"/> (same account, same environment, not deleted); keep the two alike.
/// </summary>
internal static class CallerLookup
{
    /// <summary>Every column of <c>connections</c>, in the order <see cref="ReadConnection"/> reads them (a test checks it against the EF model).</summary>
    internal static readonly string[] ConnectionColumns =
    [
        "id", "account_id", "environment", "system", "status", "display_name", "settings_json", "credentials_cipher", "metadata_json",
        "sync_interval_minutes", "created_at", "updated_at", "deleted_at", "last_synced_at", "next_sync_at", "last_full_sync_at",
        "last_error", "rate_limit_per_minute", "last_error_code", "last_error_at", "consecutive_failures",
    ];

    private const int ConnectionStart = 8;

    private static readonly string SelectedConnection = string.Join(", ", ConnectionColumns.Select(c => "c." + c));

    private static readonly string KeySql = $"""
        SELECT k.id, k.account_id, k.environment, k.revoked_at, k.expires_at, NULL, NULL, s.rate_limit_per_minute, {SelectedConnection}
        FROM api_keys k
        LEFT JOIN account_settings s ON s.account_id = k.account_id AND s.environment = k.environment
        LEFT JOIN connections c ON c.id = @connection AND c.account_id = k.account_id AND c.environment = k.environment AND c.deleted_at IS NULL
        WHERE k.key_hash = @hash
        """;

    private static readonly string TokenSql = $"""
        SELECT t.id, t.account_id, t.environment, t.revoked_at, t.expires_at, t.scopes, t.connection_id, s.rate_limit_per_minute, {SelectedConnection}
        FROM connection_tokens t
        LEFT JOIN account_settings s ON s.account_id = t.account_id AND s.environment = t.environment
        LEFT JOIN connections c ON c.id = t.connection_id AND c.account_id = t.account_id AND c.environment = t.environment AND c.deleted_at IS NULL
        WHERE t.token_hash = @hash
        """;

    /// <summary>The key (or token) with this hash; for a key, <paramref name="namedConnection"/> is the connection it names (or null).</summary>
    /// <param name="reads">SQLite's kept read connections (null on PostgreSQL): the statement is then prepared once per connection.</param>
    public static Task<CallerRecord?> FindAsync(
        MillwrightDb db, SqliteReads? reads, bool token, string hash, string? namedConnection, CancellationToken cancellationToken)
    {
        var dialect = db.StoresTimesAsNumbers ? (ISqlDialect)SqliteDialect.Instance : PostgresDialect.Instance;
        KeyValuePair<string, object>[] parameters = token
            ? [new("@hash", hash)]
            : [new("@hash", hash), new("@connection", (object?)namedConnection ?? DBNull.Value)];
        return StoreReads.RunAsync(db, reads, token ? TokenSql : KeySql, parameters, CommandBehavior.SingleRow,
            (reader, ct) => ReadAsync(reader, dialect, ct), cancellationToken);
    }

    private static async Task<CallerRecord?> ReadAsync(DbDataReader reader, ISqlDialect dialect, CancellationToken cancellationToken)
    {
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new CallerRecord(
            reader.GetString(0),
            reader.GetString(1),
            reader.GetString(2),
            reader.IsDBNull(3) ? null : dialect.ReadTime(reader, 3),
            reader.IsDBNull(4) ? null : dialect.ReadTime(reader, 4),
            reader.IsDBNull(5) ? null : reader.GetString(5),
            reader.IsDBNull(6) ? null : reader.GetString(6),
            reader.IsDBNull(7) ? null : reader.GetInt32(7),
            reader.IsDBNull(ConnectionStart) ? null : ReadConnection(reader, dialect));
    }

    private static ConnectionRow ReadConnection(DbDataReader reader, ISqlDialect dialect)
    {
        const int c = ConnectionStart;
        return new ConnectionRow
        {
            Id = reader.GetString(c),
            AccountId = reader.GetString(c + 1),
            Environment = reader.GetString(c + 2),
            System = reader.GetString(c + 3),
            Status = reader.GetString(c + 4),
            DisplayName = Text(reader, c + 5),
            SettingsJson = reader.GetString(c + 6),
            CredentialsCipher = reader.GetFieldValue<byte[]>(c + 7),
            MetadataJson = reader.GetString(c + 8),
            SyncIntervalMinutes = reader.GetInt32(c + 9),
            CreatedAt = dialect.ReadTime(reader, c + 10),
            UpdatedAt = dialect.ReadTime(reader, c + 11),
            DeletedAt = Time(reader, dialect, c + 12),
            LastSyncedAt = Time(reader, dialect, c + 13),
            NextSyncAt = Time(reader, dialect, c + 14),
            LastFullSyncAt = Time(reader, dialect, c + 15),
            LastError = Text(reader, c + 16),
            RateLimitPerMinute = reader.IsDBNull(c + 17) ? null : reader.GetInt32(c + 17),
            LastErrorCode = Text(reader, c + 18),
            LastErrorAt = Time(reader, dialect, c + 19),
            ConsecutiveFailures = reader.GetInt32(c + 20),
        };
    }

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DateTimeOffset? Time(DbDataReader reader, ISqlDialect dialect, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : dialect.ReadTime(reader, ordinal);
}
