using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Millwright.Server.Features.Dashboard;

/// <summary>
/// A signed-in dashboard browser. The cookie holds a random secret of which only the SHA-256 is kept
/// here; the secret key used to sign in is never stored, only its id, and revoking that key ends the
/// session's access to its environment.
/// </summary>
public sealed class DashboardSessionRow
{
    public required string Id { get; set; }
    public required string TokenHash { get; set; }
    public required string AccountId { get; set; }
    /// <summary>The environment the dashboard shows now.</summary>
    public required string Environment { get; set; }
    /// <summary>Key that unlocked <c>test</c>, when one did.</summary>
    public string? TestKeyId { get; set; }
    /// <summary>Key that unlocked <c>live</c>, when one did.</summary>
    public string? LiveKeyId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}

internal sealed class DashboardSessionRowConfiguration : IEntityTypeConfiguration<DashboardSessionRow>
{
    public void Configure(EntityTypeBuilder<DashboardSessionRow> e)
    {
        e.ToTable("dashboard_sessions");
        e.HasKey(x => x.Id);
        e.HasIndex(x => x.TokenHash).IsUnique();
    }
}
