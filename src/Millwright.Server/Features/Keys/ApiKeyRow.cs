using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Millwright.Server.Features.Keys;

/// <summary>An account-level secret key; only the SHA-256 of the key is kept.</summary>
public sealed class ApiKeyRow
{
    public required string Id { get; set; }
    public required string AccountId { get; set; }
    public required string Environment { get; set; }
    public required string KeyHash { get; set; }
    /// <summary>First characters of the key, to recognise it in lists (<c>mw_test_sk_ab12…</c>).</summary>
    public required string Hint { get; set; }
    public string? Name { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

internal sealed class ApiKeyRowConfiguration : IEntityTypeConfiguration<ApiKeyRow>
{
    public void Configure(EntityTypeBuilder<ApiKeyRow> e)
    {
        e.ToTable("api_keys");
        e.HasKey(x => x.Id);
        e.HasIndex(x => x.KeyHash).IsUnique();
        e.HasIndex(x => x.AccountId);
    }
}
