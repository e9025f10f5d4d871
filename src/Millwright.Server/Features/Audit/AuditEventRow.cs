using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Millwright.Server.Features.Audit;

/// <summary>
/// One audit event. Account and environment are null for installation-wide events (a burst of failed
/// authentication with secrets that name no account); the command line's <c>audit list</c> shows those.
/// </summary>
public sealed class AuditEventRow
{
    public required string Id { get; set; }
    public string? AccountId { get; set; }
    public string? Environment { get; set; }
    public required string Type { get; set; }
    /// <summary><c>secret_key</c>, <c>connection_token</c>, <c>operator</c> or <c>anonymous</c>.</summary>
    public required string ActorType { get; set; }
    public string? ActorId { get; set; }
    public string? SubjectType { get; set; }
    public string? SubjectId { get; set; }
    public string? RequestId { get; set; }
    public string? IpAddress { get; set; }
    /// <summary>JSON object of string values (never a secret).</summary>
    public string DetailsJson { get; set; } = "{}";
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class AuditEventRowConfiguration : IEntityTypeConfiguration<AuditEventRow>
{
    public void Configure(EntityTypeBuilder<AuditEventRow> e)
    {
        e.ToTable("audit_events");
        e.HasKey(x => x.Id);
        e.HasIndex(x => new { x.AccountId, x.Environment, x.CreatedAt });
        e.HasIndex(x => x.CreatedAt);
    }
}
