using Millwright.Client.Connections;

namespace Millwright.Client.Keys;

/// <summary>Body of <c>POST /v1/api-keys/{id}/rotate</c> and <c>POST /v1/connections/{id}/tokens/{token_id}/rotate</c>.</summary>
public sealed record RotateRequest
{
    /// <summary>Longest grace period a rotation may give: 7 days.</summary>
    public const int MaxGracePeriodSeconds = 7 * 24 * 3600;

    /// <summary>Seconds the old secret keeps working beside its successor: 0 revokes it at once, at most 604800 (7 days); 86400 (24 hours) when omitted.</summary>
    public int? GracePeriodSeconds { get; init; }
}

/// <summary>Answer of a secret key rotation: the successor (its secret shown this once) and the old key with the end of its grace period.</summary>
public sealed record RotatedApiKey
{
    /// <summary>The new key; its <c>key</c> is shown this once.</summary>
    public required CreatedApiKey Successor { get; init; }

    /// <summary>The rotated key; it works until its <c>expires_at</c>.</summary>
    public required ApiKey Previous { get; init; }
}

/// <summary>Answer of a connection token rotation: the successor (same name, scopes and expiry; its secret shown this once) and the old token.</summary>
public sealed record RotatedConnectionToken
{
    /// <summary>The new token; its <c>token</c> is shown this once.</summary>
    public required CreatedConnectionToken Successor { get; init; }

    /// <summary>The rotated token; it works until its <c>expires_at</c>.</summary>
    public required ConnectionToken Previous { get; init; }
}
