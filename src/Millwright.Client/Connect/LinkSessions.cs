namespace Millwright.Client.Connect;

/// <summary>The end customer who will open the Connect page: the account's own identifiers for them.</summary>
/// <param name="Id">The account's id for the customer (required).</param>
/// <param name="Name">Shown on the Connect page ("Connecting for …").</param>
/// <param name="Email">For the account's records; Millwright sends no mail.</param>
public sealed record EndUser(string Id, string? Name = null, string? Email = null);

/// <summary>Body of <c>POST /v1/link-sessions</c> and <c>POST /v1/magic-links</c>.</summary>
public sealed record CreateLinkSessionRequest
{
    /// <summary>Who connects.</summary>
    public required EndUser EndUser { get; init; }

    /// <summary>System ids the page offers; every supported system when omitted.</summary>
    public IReadOnlyList<string>? Systems { get; init; }

    /// <summary>Where the page sends the customer when done, with <c>?code=…</c> to exchange.</summary>
    public string? RedirectUrl { get; init; }

    /// <summary>Metadata given to the connection the customer creates.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>Re-authentication: the existing connection whose credentials the customer renews.</summary>
    public string? ConnectionId { get; init; }

    /// <summary>Magic links only: hours the link stays valid, 1 to 168 (7 days); 168 when omitted.</summary>
    public int? ExpiresInHours { get; init; }
}

/// <summary>A Connect page URL for one customer. The URL holds the session's secret: hand it to that customer only.</summary>
public sealed record LinkSession
{
    /// <summary>Session id (<c>ls_…</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The Connect page; single use: once a connection is made through it, it only shows the result.</summary>
    public required string Url { get; init; }

    /// <summary>When the URL stops working.</summary>
    public DateTimeOffset ExpiresAt { get; init; }
}

/// <summary>Body of <c>POST /v1/link-sessions/token</c>.</summary>
/// <param name="Code">The one-time <c>code</c> the Connect page appended to the redirect URL.</param>
public sealed record ExchangeLinkCodeRequest(string Code);

/// <summary>What a finished Connect session produced.</summary>
public sealed record LinkSessionResult
{
    /// <summary>The session (<c>ls_…</c>).</summary>
    public required string LinkSessionId { get; init; }

    /// <summary>The connection created (or re-authenticated).</summary>
    public required string ConnectionId { get; init; }

    /// <summary>The account's id for the customer, as given when the session was created.</summary>
    public required string EndUserId { get; init; }

    /// <summary>
    /// A new connection token with scopes read and write (shown this once); null for a re-authentication,
    /// where the connection's existing tokens keep working.
    /// </summary>
    public Connections.CreatedConnectionToken? Token { get; init; }
}
