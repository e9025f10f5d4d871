using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Millwright.Server.Features.RequestLogs;

/// <summary>
/// Upstream outcomes of one system in one environment during one hour, kept by the log writer so the
/// status page reads 24 rows per system instead of every call. Times are unix milliseconds and the hour
/// is unix hours, because the writer upserts with plain SQL on both stores.
/// </summary>
public sealed class UpstreamHealthHourRow
{
    public required string System { get; set; }
    public required string Environment { get; set; }
    /// <summary>Hours since the unix epoch (UTC).</summary>
    public long Hour { get; set; }
    public int Calls { get; set; }
    /// <summary>5xx, timeouts and unreachable: the system failed.</summary>
    public int Failures { get; set; }
    public int RateLimited { get; set; }
    /// <summary>The part of <see cref="Failures"/> that were timeouts.</summary>
    public int Timeouts { get; set; }
    public long? FirstFailureAtMs { get; set; }
    public long? LastFailureAtMs { get; set; }
    /// <summary>The latest failure, e.g. <c>HTTP 503</c> or <c>timeout</c>.</summary>
    public string? LastError { get; set; }
}

internal sealed class UpstreamHealthHourRowConfiguration : IEntityTypeConfiguration<UpstreamHealthHourRow>
{
    public void Configure(EntityTypeBuilder<UpstreamHealthHourRow> e)
    {
        e.ToTable("upstream_health_hours");
        e.HasKey(x => new { x.System, x.Environment, x.Hour });
        e.HasIndex(x => x.Hour);
    }
}
