using System.ComponentModel;
using System.Text.Json.Nodes;

namespace Millwright.Server.Features.Connect;

// Request bodies as bound from JSON; the wire shapes clients send are in Millwright.Client.Connect.

[Description("The end customer who will open the Connect page: the account's own identifiers for them.")]
internal sealed record EndUserBody(
    [property: Description("The account's id for the customer (required, at most 200 characters).")] string? Id,
    [property: Description("Shown on the Connect page.")] string? Name,
    [property: Description("For the account's records; Millwright sends no mail.")] string? Email);

[Description("A Connect page URL to create for one end customer.")]
internal sealed record CreateLinkSessionBody(
    [property: Description("Who connects.")] EndUserBody? EndUser,
    [property: Description("System ids the page offers; every supported system when omitted.")] IReadOnlyList<string?>? Systems,
    [property: Description("Where the page sends the customer when done, with ?code=… to exchange (https; http only in test).")] string? RedirectUrl,
    [property: Description("Metadata the created connection gets: up to 50 string values.")] JsonObject? Metadata,
    [property: Description("Re-authentication: the existing connection whose credentials the customer renews.")] string? ConnectionId,
    [property: Description("Magic links only: hours the link stays valid, 1 to 168; 168 when omitted.")] int? ExpiresInHours);

[Description("The one-time code the Connect page appended to the redirect URL.")]
internal sealed record ExchangeLinkCodeBody([property: Description("The code.")] string? Code);
