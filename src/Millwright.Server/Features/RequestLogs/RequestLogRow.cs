using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Millwright.Server.Features.RequestLogs;

/// <summary>
/// One logged API call (<see cref="Kind"/> <c>api</c>, id = request id) or the upstream calls of one sync run
/// (<c>sync</c>, id = run id). Headers and bodies are stored already redacted and truncated.
/// </summary>
public sealed class RequestLogRow
{
    public required string Id { get; set; }
    /// <summary><c>api</c> or <c>sync</c>.</summary>
    public required string Kind { get; set; }
    public required string AccountId { get; set; }
    public required string Environment { get; set; }
    public string? ConnectionId { get; set; }
    /// <summary>Id of the secret key or connection token that made the call (never the secret).</summary>
    public string? CredentialId { get; set; }
    public string? Method { get; set; }
    public string? Path { get; set; }
    /// <summary>Query string without the leading <c>?</c>, sensitive values masked.</summary>
    public string? Query { get; set; }
    public int? Status { get; set; }
    public double? DurationMs { get; set; }
    /// <summary>JSON object of header name → value, secrets masked.</summary>
    public string? RequestHeadersJson { get; set; }
    public string? RequestBody { get; set; }
    public bool RequestBodyTruncated { get; set; }
    public string? ResponseHeadersJson { get; set; }
    public string? ResponseBody { get; set; }
    public bool ResponseBodyTruncated { get; set; }
    public int UpstreamCallCount { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class RequestLogRowConfiguration : IEntityTypeConfiguration<RequestLogRow>
{
    public void Configure(EntityTypeBuilder<RequestLogRow> e)
    {
        e.ToTable("request_logs");
        e.HasKey(x => x.Id);
        // Newest-first lists of one account and environment, and retention.
        e.HasIndex(x => new { x.AccountId, x.Environment, x.CreatedAt, x.Id });
        e.HasIndex(x => x.CreatedAt);
    }
}
