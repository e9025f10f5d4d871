using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Millwright.Server.Features.Writes;

/// <summary>
/// One <c>Idempotency-Key</c> of an account and environment, held for 24 hours. The row is inserted before the
/// vendor call (the insert is the claim: the primary key lets exactly one request of any node win), then holds
/// the answer to replay.
/// </summary>
public sealed class IdempotencyKeyRow
{
    public required string AccountId { get; set; }
    public required string Environment { get; set; }
    public required string Key { get; set; }
    /// <summary>SHA-256 of connection, method, path and body: another request under the same key is refused.</summary>
    public required string RequestHash { get; set; }
    /// <summary><c>running</c> while the owner works, <c>done</c> once the answer is stored.</summary>
    public required string State { get; set; }
    public int? ResponseStatus { get; set; }
    public string? ResponseBody { get; set; }
    public string? ResponseLocation { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    /// <summary>Until when the owner holds a running claim; a node that died leaves it to be taken over after this.</summary>
    public DateTimeOffset LockedUntil { get; set; }
}

internal sealed class IdempotencyKeyConfiguration : IEntityTypeConfiguration<IdempotencyKeyRow>
{
    public void Configure(EntityTypeBuilder<IdempotencyKeyRow> e)
    {
        e.ToTable("idempotency_keys");
        e.HasKey(x => new { x.AccountId, x.Environment, x.Key });
        e.Property(x => x.Key).HasMaxLength(255);
        e.HasIndex(x => x.ExpiresAt);
    }
}
