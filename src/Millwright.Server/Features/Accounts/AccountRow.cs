using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Millwright.Server.Features.Accounts;

/// <summary>A tenant. Its data is split by environment (<c>test</c> / <c>live</c>) on every row below.</summary>
public sealed class AccountRow
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class AccountRowConfiguration : IEntityTypeConfiguration<AccountRow>
{
    public void Configure(EntityTypeBuilder<AccountRow> e)
    {
        e.ToTable("accounts");
        e.HasKey(x => x.Id);
    }
}
