using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Millwright.Server.Features.Connect;
using Millwright.Server.Features.Dashboard;

namespace Millwright.Server.Persistence;

/// <summary>
/// The store. One model, two providers: <see cref="SqliteMillwrightDb"/> (embedded default) and
/// <see cref="PostgresMillwrightDb"/> (scaled out), each with its own migrations folder, because
/// EF migrations are provider-specific. Table and column names are snake_case on both so that the
/// hand-written record queries (Features/Records) read the same on both.
/// </summary>
public abstract class MillwrightDb(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<AccountRow> Accounts => Set<AccountRow>();
    public DbSet<ApiKeyRow> ApiKeys => Set<ApiKeyRow>();
    public DbSet<ConnectionRow> Connections => Set<ConnectionRow>();
    public DbSet<ConnectionTokenRow> ConnectionTokens => Set<ConnectionTokenRow>();
    public DbSet<RecordRow> Records => Set<RecordRow>();
    public DbSet<SyncRunRow> SyncRuns => Set<SyncRunRow>();
    public DbSet<SyncCheckpointRow> SyncCheckpoints => Set<SyncCheckpointRow>();
    public DbSet<AccountSettingsRow> AccountSettings => Set<AccountSettingsRow>();
    public DbSet<Features.Mappings.FieldMappingVersionRow> FieldMappingVersions => Set<Features.Mappings.FieldMappingVersionRow>();
    public DbSet<Features.RequestLogs.RequestLogRow> RequestLogs => Set<Features.RequestLogs.RequestLogRow>();
    public DbSet<Features.RequestLogs.UpstreamCallRow> UpstreamCalls => Set<Features.RequestLogs.UpstreamCallRow>();
    public DbSet<Features.RequestLogs.UpstreamHealthHourRow> UpstreamHealthHours => Set<Features.RequestLogs.UpstreamHealthHourRow>();
    public DbSet<WebhookEndpointRow> WebhookEndpoints => Set<WebhookEndpointRow>();
    public DbSet<WebhookEventRow> WebhookEvents => Set<WebhookEventRow>();
    public DbSet<WebhookDeliveryRow> WebhookDeliveries => Set<WebhookDeliveryRow>();
    public DbSet<WebhookAttemptRow> WebhookAttempts => Set<WebhookAttemptRow>();
    public DbSet<LinkSessionRow> LinkSessions => Set<LinkSessionRow>();
    public DbSet<DashboardSessionRow> DashboardSessions => Set<DashboardSessionRow>();
    public DbSet<Features.Writes.IdempotencyKeyRow> IdempotencyKeys => Set<Features.Writes.IdempotencyKeyRow>();
    /// <summary>ASP.NET Data Protection key ring (dashboard antiforgery tokens), shared by every node.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>True on SQLite, where times are stored as unix microseconds (see <see cref="ConfigureConventions"/>).</summary>
    public abstract bool StoresTimesAsNumbers { get; }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no time type and EF cannot order or compare DateTimeOffset stored as text, so
        // times become integers there. PostgreSQL keeps timestamptz.
        if (StoresTimesAsNumbers)
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UnixMicrosConverter>();
            configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UnixMicrosConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<AccountRow>(e =>
        {
            e.ToTable("accounts");
            e.HasKey(x => x.Id);
        });
        b.Entity<ApiKeyRow>(e =>
        {
            e.ToTable("api_keys");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.KeyHash).IsUnique();
            e.HasIndex(x => x.AccountId);
        });
        b.Entity<ConnectionRow>(e =>
        {
            e.ToTable("connections");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.AccountId, x.Environment });
        });
        b.Entity<ConnectionTokenRow>(e =>
        {
            e.ToTable("connection_tokens");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.TokenHash).IsUnique();
            e.HasIndex(x => x.ConnectionId);
        });
        b.Entity<RecordRow>(e =>
        {
            e.ToTable("records");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.ConnectionId, x.Entity, x.RemoteId }).IsUnique();
            // Default list order and updated_after scans.
            e.HasIndex(x => new { x.ConnectionId, x.Entity, x.UpdatedAt, x.Id });
        });
        b.Entity<SyncRunRow>(e =>
        {
            e.ToTable("sync_runs");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.ConnectionId, x.CreatedAt });
            // At most one queued or running run per connection, enforced by the store itself so that
            // two nodes starting a sync at the same moment cannot both succeed.
            e.HasIndex(x => x.ConnectionId).IsUnique()
                .HasFilter("status IN ('queued', 'running')")
                .HasDatabaseName("ux_sync_runs_active_per_connection");
        });
        b.Entity<SyncCheckpointRow>(e =>
        {
            e.ToTable("sync_checkpoints");
            e.HasKey(x => new { x.ConnectionId, x.Entity });
        });

        // Reliability: per-environment account settings (inbound rate limit)
        b.Entity<AccountSettingsRow>(e =>
        {
            e.ToTable("account_settings");
            e.HasKey(x => new { x.AccountId, x.Environment });
        });

        // Mappings
        b.Entity<Features.Mappings.FieldMappingVersionRow>(e =>
        {
            e.ToTable("field_mapping_versions");
            e.HasKey(x => new { x.ConnectionId, x.Version });
        });
        // RequestLogs (request logs, their upstream calls, and the hourly upstream health of the status page)
        Features.RequestLogs.RequestLogModel.Configure(b);
        b.ApplyConfiguration(new Features.Writes.IdempotencyKeyConfiguration());

        // Webhooks
        b.Entity<WebhookEndpointRow>(e =>
        {
            e.ToTable("webhook_endpoints");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.AccountId, x.Environment, x.CreatedAt });
        });
        b.Entity<WebhookEventRow>(e =>
        {
            e.ToTable("webhook_events");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.AccountId, x.Environment, x.CreatedAt });
        });
        b.Entity<WebhookDeliveryRow>(e =>
        {
            e.ToTable("webhook_deliveries");
            e.HasKey(x => x.Id);
            // The dispatcher's scan: due pending deliveries, oldest first.
            e.HasIndex(x => new { x.Status, x.NextAttemptAt });
            e.HasIndex(x => new { x.AccountId, x.Environment, x.CreatedAt });
            e.HasIndex(x => new { x.EndpointId, x.CreatedAt });
        });
        b.Entity<WebhookAttemptRow>(e =>
        {
            e.ToTable("webhook_attempts");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.DeliveryId, x.AttemptedAt });
        });

        // Connect and Dashboard
        b.Entity<LinkSessionRow>(e =>
        {
            e.ToTable("link_sessions");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.TokenHash).IsUnique();
            e.HasIndex(x => x.CodeHash);
        });
        b.Entity<DashboardSessionRow>(e =>
        {
            e.ToTable("dashboard_sessions");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.TokenHash).IsUnique();
        });
        b.Entity<DataProtectionKey>(e => e.ToTable("data_protection_keys"));

        foreach (var entity in b.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(ToSnakeCase(property.Name));
            }
        }
    }

    internal static string ToSnakeCase(string name)
    {
        var sb = new System.Text.StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0)
                {
                    sb.Append('_');
                }

                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private sealed class UnixMicrosConverter() : ValueConverter<DateTimeOffset, long>(
        v => (v.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10,
        v => new DateTimeOffset(DateTimeOffset.UnixEpoch.UtcTicks + (v * 10), TimeSpan.Zero));
}

public sealed class SqliteMillwrightDb(DbContextOptions<SqliteMillwrightDb> options) : MillwrightDb(options)
{
    public override bool StoresTimesAsNumbers => true;
}

public sealed class PostgresMillwrightDb(DbContextOptions<PostgresMillwrightDb> options) : MillwrightDb(options)
{
    public override bool StoresTimesAsNumbers => false;
}
