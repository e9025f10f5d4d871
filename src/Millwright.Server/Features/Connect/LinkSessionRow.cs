using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Millwright.Server.Features.Connect;

/// <summary>
/// One Connect page URL handed to one end customer. Only hashes of the URL secret and of the one-time
/// redirect code are kept. Single use: <see cref="CompletedAt"/> is set when the customer's connection
/// was made, after which the page only shows that result.
/// </summary>
public sealed class LinkSessionRow
{
    public required string Id { get; set; }
    public required string AccountId { get; set; }
    public required string Environment { get; set; }
    /// <summary><c>link</c> (30 minutes) or <c>magic</c> (up to 7 days, mailable).</summary>
    public required string Kind { get; set; }
    /// <summary>SHA-256 of the secret in the URL.</summary>
    public required string TokenHash { get; set; }
    public required string EndUserId { get; set; }
    public string? EndUserName { get; set; }
    public string? EndUserEmail { get; set; }
    /// <summary>Space-separated system ids the page offers; empty for all.</summary>
    public string Systems { get; set; } = "";
    public string? RedirectUrl { get; set; }
    /// <summary>JSON object given to the connection as its metadata.</summary>
    public string MetadataJson { get; set; } = "{}";
    /// <summary>For a re-authentication, the connection whose credentials are renewed; otherwise the one created.</summary>
    public string? ConnectionId { get; set; }
    public bool Reauth { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    /// <summary>Set while one submission checks credentials, so two tabs cannot both create a connection.</summary>
    public DateTimeOffset? ClaimedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    /// <summary>SHA-256 of the one-time code of the latest redirect.</summary>
    public string? CodeHash { get; set; }
    public DateTimeOffset? CodeExpiresAt { get; set; }
    public DateTimeOffset? CodeUsedAt { get; set; }
}

internal sealed class LinkSessionRowConfiguration : IEntityTypeConfiguration<LinkSessionRow>
{
    public void Configure(EntityTypeBuilder<LinkSessionRow> e)
    {
        e.ToTable("link_sessions");
        e.HasKey(x => x.Id);
        e.HasIndex(x => x.TokenHash).IsUnique();
        e.HasIndex(x => x.CodeHash);
    }
}
