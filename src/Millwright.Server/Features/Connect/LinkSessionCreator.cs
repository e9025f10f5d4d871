using Microsoft.EntityFrameworkCore;
using Millwright.Client.Connect;
using Millwright.Client.Errors;
using Millwright.Connectors.Core;
using Millwright.Server.Features.Auth;
using Millwright.Server.Features.Connections;
using Millwright.Server.Hosting;
using Millwright.Server.Hosting.Errors;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Connect;

/// <summary>Validates and stores link sessions and magic links; answers with the page URL (shown once).</summary>
internal sealed partial class LinkSessionCreator(MillwrightDb db, ConnectorRegistry registry, TimeProvider time, AccountCaps caps, ILogger<LinkSessionCreator> logger)
{
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromMinutes(30);
    public const int MaxMagicLinkHours = 7 * 24;
    private const int MaxTextLength = 200;

    /// <summary>
    /// The base Connect URLs are built on: <c>Millwright:PublicUrl</c>, else the server's own listener — never the
    /// request's <c>Host</c> header, which a caller controls (<c>Host: evil.example</c> must not make a phishing link).
    /// </summary>
    public static string PublicBase(HttpRequest request) => request.HttpContext.RequestServices.GetRequiredService<PublicUrl>().Base;

    public async Task<LinkSession> CreateAsync(Caller caller, CreateLinkSessionBody body, bool magic, string publicBase, CancellationToken cancellationToken)
    {
        var errors = new List<ErrorDetail>();
        var endUserId = body.EndUser?.Id?.Trim();
        if (string.IsNullOrEmpty(endUserId) || endUserId.Length > MaxTextLength)
        {
            errors.Add(new("end_user.id", $"end_user.id is required: your own id for the customer (1 to {MaxTextLength} characters)."));
        }

        CheckLength(body.EndUser?.Name, "end_user.name", errors);
        CheckLength(body.EndUser?.Email, "end_user.email", errors);
        if (body.EndUser?.Email is { Length: > 0 } email && !email.Contains('@', StringComparison.Ordinal))
        {
            errors.Add(new("end_user.email", "end_user.email must be an email address."));
        }

        var systems = CheckSystems(body.Systems, errors);
        var redirect = CheckRedirect(body.RedirectUrl, caller.Environment, errors);
        var metadata = ConnectionInput.CheckMetadata(ConnectionInput.ReadStrings(body.Metadata, "metadata", errors), errors);
        var lifetime = CheckLifetime(body.ExpiresInHours, magic, errors);
        ConnectionRow? target = null;
        if (body.ConnectionId is { } connectionId)
        {
            target = await db.ConnectionsVisibleTo(caller).AsNoTracking().FirstOrDefaultAsync(c => c.Id == connectionId, cancellationToken);
            if (target is null)
            {
                errors.Add(new("connection_id", $"No connection '{connectionId}' in this environment."));
            }
            else if (systems.Count > 0)
            {
                errors.Add(new("systems", "Leave systems out for a re-authentication: the connection's system is used."));
            }
        }

        ConnectionInput.ThrowIfAny(errors);
        await caps.ThrowIfLinkSessionsFullAsync(caller.AccountId, caller.Environment, cancellationToken);
        var now = StoreTime.Now(time);
        var secret = LinkSessionSecrets.NewSessionSecret();
        var row = new LinkSessionRow
        {
            Id = Ids.New("ls"),
            AccountId = caller.AccountId,
            Environment = caller.Environment,
            Kind = magic ? "magic" : "link",
            TokenHash = LinkSessionSecrets.Hash(secret),
            EndUserId = endUserId!,
            EndUserName = Blank(body.EndUser?.Name),
            EndUserEmail = Blank(body.EndUser?.Email),
            Systems = string.Join(' ', systems),
            RedirectUrl = redirect,
            MetadataJson = StoredMaps.WriteMap(metadata),
            ConnectionId = target?.Id,
            Reauth = target is not null,
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        };
        db.LinkSessions.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        LogCreated(row.Id, row.Kind, caller.Environment, row.Reauth);
        return new LinkSession { Id = row.Id, Url = $"{publicBase}/connect/{secret}", ExpiresAt = row.ExpiresAt };
    }

    private List<string> CheckSystems(IReadOnlyList<string?>? requested, List<ErrorDetail> errors)
    {
        var result = new List<string>();
        for (var i = 0; i < (requested?.Count ?? 0); i++)
        {
            if (requested![i] is { } id && registry.Find(id) is not null)
            {
                result.Add(id);
            }
            else
            {
                errors.Add(new($"systems[{i}]", "Unknown system: GET /v1/systems lists the ids."));
            }
        }

        if (requested is { Count: 0 })
        {
            errors.Add(new("systems", "Give at least one system id, or leave systems out to offer all."));
        }

        return [.. result.Distinct(StringComparer.Ordinal)];
    }

    private static string? CheckRedirect(string? value, string environment, List<ErrorDetail> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var ok = Uri.TryCreate(value, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && environment == AccountEnvironments.Test))
            && string.IsNullOrEmpty(uri.UserInfo) && string.IsNullOrEmpty(uri.Fragment) && value.Length <= 2000;
        if (!ok)
        {
            errors.Add(new("redirect_url", environment == AccountEnvironments.Test
                ? "redirect_url must be an absolute http(s) URL without credentials or fragment."
                : "redirect_url must be an absolute https URL without credentials or fragment (http is allowed in test only)."));
        }

        return value;
    }

    private static TimeSpan CheckLifetime(int? hours, bool magic, List<ErrorDetail> errors)
    {
        if (!magic)
        {
            if (hours is not null)
            {
                errors.Add(new("expires_in_hours", "Link sessions last 30 minutes; use POST /v1/magic-links for a longer-lived link."));
            }

            return LinkLifetime;
        }

        if (hours is < 1 or > MaxMagicLinkHours)
        {
            errors.Add(new("expires_in_hours", $"expires_in_hours must be between 1 and {MaxMagicLinkHours} (7 days)."));
        }

        return TimeSpan.FromHours(hours ?? MaxMagicLinkHours);
    }

    private static void CheckLength(string? value, string field, List<ErrorDetail> errors)
    {
        if (value is { Length: > MaxTextLength })
        {
            errors.Add(new(field, $"{field} may have at most {MaxTextLength} characters."));
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [LoggerMessage(Level = LogLevel.Information, Message = "Link session {SessionId} ({Kind}) created in {Environment}; re-authentication: {Reauth}")]
    private partial void LogCreated(string sessionId, string kind, string environment, bool reauth);
}
