using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Millwright.Server.Features.Accounts;
using Millwright.Server.Features.Connect;
using Millwright.Server.Features.Connections;
using Millwright.Server.Features.Dashboard;
using Millwright.Server.Features.Keys;
using Millwright.Server.Features.Mappings;
using Millwright.Server.Features.RateLimits;
using Millwright.Server.Features.Records;
using Millwright.Server.Features.RequestLogs;
using Millwright.Server.Features.Sync;
using Millwright.Server.Features.Webhooks;

namespace Millwright.Server.Persistence;

/// <summary>
/// The store. One model, two providers: <see cref="SqliteMillwrightDb"/> (embedded default) and
/// <see cref="PostgresMillwrightDb"/> (scaled out), each with its own migrations folder, because
/// EF migrations are provider-specific. Table and column names are snake_case on both so that the
/// hand-written record queries (Features/Records) read the same on both.
/// Each row type lives in its feature folder with its <see cref="IEntityTypeConfiguration{TEntity}"/>
/// beside it; rows are persistence shapes only (the wire contract lives in Millwright.Client and
/// endpoints map to it explicitly, so a column can change without changing the API).
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
    public DbSet<FieldMappingVersionRow> FieldMappingVersions => Set<FieldMappingVersionRow>();
    public DbSet<RequestLogRow> RequestLogs => Set<RequestLogRow>();
    public DbSet<UpstreamCallRow> UpstreamCalls => Set<UpstreamCallRow>();
    public DbSet<UpstreamHealthHourRow> UpstreamHealthHours => Set<UpstreamHealthHourRow>();
    public DbSet<WebhookEndpointRow> WebhookEndpoints => Set<WebhookEndpointRow>();
    public DbSet<WebhookEventRow> WebhookEvents => Set<WebhookEventRow>();
    public DbSet<WebhookDeliveryRow> WebhookDeliveries => Set<WebhookDeliveryRow>();
    public DbSet<WebhookAttemptRow> WebhookAttempts => Set<WebhookAttemptRow>();
    public DbSet<LinkSessionRow> LinkSessions => Set<LinkSessionRow>();
    public DbSet<DashboardSessionRow> DashboardSessions => Set<DashboardSessionRow>();
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
        // Each table is configured beside its row type in its feature folder.
        b.ApplyConfigurationsFromAssembly(typeof(MillwrightDb).Assembly);
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
