using System.Globalization;
using Millwright.Client.Audit;
using Millwright.Client.Models;

namespace Millwright.Client;

// The audit log of the account's environment (secret key).
public sealed partial class MillwrightClient
{
    /// <summary>Lists audit events of the key's environment, newest first. Secret key.</summary>
    public Task<Page<AuditEvent>> ListAuditEventsAsync(AuditEventQuery? query = null, CancellationToken cancellationToken = default)
    {
        query ??= new AuditEventQuery();
        return SendAsync<Page<AuditEvent>>(HttpMethod.Get, WithQuery("v1/audit-events",
        [
            new("type", query.Type),
            new("created_after", Timestamp(query.CreatedAfter)),
            new("created_before", Timestamp(query.CreatedBefore)),
            new("limit", query.Limit?.ToString(CultureInfo.InvariantCulture)),
            new("cursor", query.Cursor),
        ]), null, cancellationToken);
    }

    private static string? Timestamp(DateTimeOffset? value) =>
        value?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture);
}
