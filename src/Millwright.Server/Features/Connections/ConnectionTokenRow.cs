using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Millwright.Server.Features.Connections;

public sealed class ConnectionTokenRow
{
    public required string Id { get; set; }
    public required string ConnectionId { get; set; }
    public required string AccountId { get; set; }
    public required string Environment { get; set; }
    public required string TokenHash { get; set; }
    public required string Hint { get; set; }
    /// <summary>Space-separated scopes: <c>read</c>, <c>write</c>.</summary>
    public required string Scopes { get; set; }
    public string? Name { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
}

internal sealed class ConnectionTokenRowConfiguration : IEntityTypeConfiguration<ConnectionTokenRow>
{
    public void Configure(EntityTypeBuilder<ConnectionTokenRow> e)
    {
        e.ToTable("connection_tokens");
        e.HasKey(x => x.Id);
        e.HasIndex(x => x.TokenHash).IsUnique();
        e.HasIndex(x => x.ConnectionId);
    }
}
