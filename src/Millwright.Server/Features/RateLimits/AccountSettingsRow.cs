using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Millwright.Server.Features.RateLimits;

/// <summary>Settings of one account in one environment (they never share budgets); a missing row means defaults.</summary>
public sealed class AccountSettingsRow
{
    public required string AccountId { get; set; }
    public required string Environment { get; set; }
    /// <summary>Inbound requests per minute of the account in this environment; null means the installation's default.</summary>
    public int? RateLimitPerMinute { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class AccountSettingsRowConfiguration : IEntityTypeConfiguration<AccountSettingsRow>
{
    public void Configure(EntityTypeBuilder<AccountSettingsRow> e)
    {
        e.ToTable("account_settings");
        e.HasKey(x => new { x.AccountId, x.Environment });
    }
}
