using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Millwright.Client.Connect;
using Millwright.Server.Features.Auth;
using Millwright.Server.Hosting.Errors;

namespace Millwright.Server.Features.Connect;

/// <summary><c>/v1/link-sessions</c> and <c>/v1/magic-links</c>: Connect page URLs for end customers (secret key).</summary>
internal static class LinkSessionEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1").WithTags("Connect").RequireSecretKey()
            .ProducesErrors(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden);

        group.MapPost("/link-sessions", CreateLinkSession)
            .WithName("CreateLinkSession")
            .WithSummary("Create a Connect page URL")
            .WithDescription("""
                A hosted Connect page for one end customer, valid 30 minutes and single use: the customer picks a system,
                enters credentials, Millwright checks them on the spot and creates the connection (webhook
                `connection.created`), then sends the customer to `redirect_url?code=…`; exchange the code with
                `POST /v1/link-sessions/token`. With `connection_id` the page renews that connection's credentials instead
                (re-authentication: id, tokens and data are kept). The `url` holds the session secret: give it to that
                customer only. To embed it in a page, load the script `/connect.js` (docs: src/Millwright.Server/Features/Connect/README.md).
                """)
            .ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status422UnprocessableEntity);

        group.MapPost("/magic-links", CreateMagicLink)
            .WithName("CreateMagicLink")
            .WithSummary("Create a mailable Connect page URL")
            .WithDescription("As `POST /v1/link-sessions`, but valid `expires_in_hours` (1–168, default 168 = 7 days), for sending by mail.")
            .ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status422UnprocessableEntity);

        group.MapPost("/link-sessions/token", ExchangeLinkCode)
            .WithName("ExchangeLinkCode")
            .WithSummary("Exchange a Connect redirect code")
            .WithDescription("""
                Turns the one-time `code` of the Connect redirect (valid 10 minutes, single use) into the connection id and,
                for a new connection, a new connection token with scopes `read` and `write` — shown this once. For a
                re-authentication `token` is null: the connection's tokens keep working. 400 `LINK_SESSION_INVALID` for
                an unknown, expired or used code.
                """)
            .ProducesErrors(StatusCodes.Status400BadRequest);
    }

    private static async Task<Created<LinkSession>> CreateLinkSession(
        CreateLinkSessionBody body, HttpContext http, [FromServices] LinkSessionCreator creator, CancellationToken cancellationToken)
    {
        var session = await creator.CreateAsync(http.GetCaller(), body, magic: false, LinkSessionCreator.PublicBase(http.Request), cancellationToken);
        return TypedResults.Created($"/v1/link-sessions/{session.Id}", session);
    }

    private static async Task<Created<LinkSession>> CreateMagicLink(
        CreateLinkSessionBody body, HttpContext http, [FromServices] LinkSessionCreator creator, CancellationToken cancellationToken)
    {
        var session = await creator.CreateAsync(http.GetCaller(), body, magic: true, LinkSessionCreator.PublicBase(http.Request), cancellationToken);
        return TypedResults.Created($"/v1/magic-links/{session.Id}", session);
    }

    private static async Task<Ok<LinkSessionResult>> ExchangeLinkCode(
        ExchangeLinkCodeBody body, HttpContext http, [FromServices] LinkCodeExchange exchange, CancellationToken cancellationToken) =>
        TypedResults.Ok(await exchange.ExchangeAsync(http.GetCaller(), body.Code, cancellationToken));
}
