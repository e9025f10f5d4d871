using Millwright.Client.Errors;
using Millwright.Server.Hosting.Errors;

namespace Millwright.Server.Features.Connect;

/// <summary>A failed connection attempt in the words of a maintenance manager.</summary>
/// <param name="Kind">Stable name of the explanation (tests and CSS hook): wrong_key, missing_permission, …</param>
/// <param name="Headline">What went wrong.</param>
/// <param name="Advice">What to do about it.</param>
/// <param name="Detail">The system's own account (never a secret), or null.</param>
internal sealed record ConnectFailure(string Kind, string Headline, string Advice, string? Detail);

/// <summary>
/// Turns the refusal of a credential check (<c>ConnectionCheckErrors</c>: code + message from the connector's
/// failure classification) into plain words. The connector's message stays beside it as the detail, so
/// nothing it said is lost; the code decides the explanation and the message only refines it where one
/// code covers several causes (401 vs 403, TLS vs DNS vs refused).
/// </summary>
internal static class ConnectFailures
{
    public static ConnectFailure Explain(ApiException error, string system)
    {
        var message = error.Message;
        return error.Code switch
        {
            ErrorCodes.ConnectionCredentialsInvalid when message.Contains("HTTP 403", StringComparison.Ordinal) => new("missing_permission",
                $"{system} accepted the key but refused access.",
                $"The user this key belongs to lacks a permission Millwright needs. Ask your {system} administrator for a key of a user who can read your maintenance data.",
                message),
            ErrorCodes.ConnectionCredentialsInvalid => new("wrong_key",
                $"{system} did not accept these credentials.",
                "Check that you copied the whole key (no spaces at either end) and that it has not been revoked or expired; create a new one if in doubt.",
                message),
            ErrorCodes.ValidationFailed => new("settings",
                "Something in the settings does not fit.",
                "Check the fields marked below against what your system shows.",
                message),
            ErrorCodes.UpstreamUnavailable when message.Contains("TLS", StringComparison.Ordinal) => new("tls_error",
                "A secure connection could not be established.",
                "The address answered, but its certificate is not trusted or it does not speak HTTPS. Check the address, or ask your IT team whether a proxy replaces certificates.",
                message),
            ErrorCodes.UpstreamUnavailable when message.Contains("private or internal", StringComparison.Ordinal) => new("address_not_allowed",
                "Millwright does not connect to internal network addresses.",
                $"Use the public internet address of your {system} API.",
                message),
            ErrorCodes.UpstreamUnavailable or ErrorCodes.UpstreamTimeout => new("host_unreachable",
                $"{system} could not be reached at this address.",
                "Check the address for typos, and that the system is up and reachable from the internet. Then try again.",
                message),
            ErrorCodes.UpstreamInvalidResponse or ErrorCodes.UpstreamRejected => new("not_this_system",
                $"This address does not look like {system}.",
                $"Something answered, but not the way the {system} API does. Check that the address is the API address of your {system} instance, not its web page.",
                message),
            ErrorCodes.UpstreamRateLimited => new("rate_limited",
                $"{system} is busy and asked Millwright to slow down.",
                error.RetryAfterSeconds is { } wait ? $"Try again in {wait} seconds." : "Try again in a minute.",
                message),
            _ => new("unexpected",
                "The connection could not be made.",
                "Try again in a moment. If it keeps failing, send the reference below to the company that gave you this link.",
                message),
        };
    }
}
