namespace Millwright.Client.Connections;

/// <summary>How the connection's system has been answering Millwright's syncs lately.</summary>
public sealed record ConnectionHealth
{
    /// <summary>One of <see cref="ConnectionHealthStatuses"/>.</summary>
    public required string Status { get; init; }

    /// <summary>Code of the most recent failure (e.g. <c>UPSTREAM_UNAVAILABLE</c>, <c>CONNECTION_CREDENTIALS_INVALID</c>), kept after recovery; null when none happened.</summary>
    public string? LastErrorCode { get; init; }

    /// <summary>When the last failure happened.</summary>
    public DateTimeOffset? LastErrorAt { get; init; }

    /// <summary>Failed sync runs in a row; 0 after a successful one.</summary>
    public int ConsecutiveFailures { get; init; }

    /// <summary>End of the last successful sync (the same as the connection's <c>last_synced_at</c>).</summary>
    public DateTimeOffset? LastSuccessAt { get; init; }
}

/// <summary>Values of <see cref="ConnectionHealth.Status"/>.</summary>
public static class ConnectionHealthStatuses
{
    /// <summary>The last sync succeeded (or none has failed yet).</summary>
    public const string Operational = "operational";
    /// <summary>Recent syncs failed or were throttled; Millwright keeps retrying on schedule.</summary>
    public const string Degraded = "degraded";
    /// <summary>The system rejects the credentials, or several syncs in a row failed: data is getting stale.</summary>
    public const string Down = "down";
}
