using Microsoft.EntityFrameworkCore;

namespace Millwright.Server.Features.RequestLogs;

/// <summary>Store model of request logs and upstream health (called from <c>MillwrightDb.OnModelCreating</c>).</summary>
internal static class RequestLogModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<RequestLogRow>(e =>
        {
            e.ToTable("request_logs");
            e.HasKey(x => x.Id);
            // Newest-first lists of one account and environment, and retention.
            e.HasIndex(x => new { x.AccountId, x.Environment, x.CreatedAt, x.Id });
            e.HasIndex(x => x.CreatedAt);
        });
        b.Entity<UpstreamCallRow>(e =>
        {
            e.ToTable("request_log_upstream_calls");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.RequestLogId, x.Id });
            e.HasIndex(x => x.StartedAt);
        });
        b.Entity<UpstreamHealthHourRow>(e =>
        {
            e.ToTable("upstream_health_hours");
            e.HasKey(x => new { x.System, x.Environment, x.Hour });
            e.HasIndex(x => x.Hour);
        });
    }
}
