using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Millwright.Server.Features.RequestLogs;

/// <summary>One upstream attempt caused by a logged API call or sync run.</summary>
public sealed class UpstreamCallRow
{
    public long Id { get; set; }
    public required string RequestLogId { get; set; }
    public required string System { get; set; }
    public string? ConnectionId { get; set; }
    public required string Method { get; set; }
    /// <summary>Redacted: no user info, sensitive query values masked.</summary>
    public required string Url { get; set; }
    public int? Status { get; set; }
    /// <summary><c>succeeded</c>, <c>rejected</c>, <c>rate_limited</c>, <c>failed</c>, <c>timed_out</c>, <c>unreachable</c>, <c>cancelled</c>.</summary>
    public required string Outcome { get; set; }
    public string? Error { get; set; }
    public double DurationMs { get; set; }
    public DateTimeOffset StartedAt { get; set; }
}

internal sealed class UpstreamCallRowConfiguration : IEntityTypeConfiguration<UpstreamCallRow>
{
    public void Configure(EntityTypeBuilder<UpstreamCallRow> e)
    {
        e.ToTable("request_log_upstream_calls");
        e.HasKey(x => x.Id);
        e.HasIndex(x => new { x.RequestLogId, x.Id });
        e.HasIndex(x => x.StartedAt);
    }
}
