using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Millwright.Client.Connections;
using Millwright.Client.Models;
using Millwright.Server.Features.Auth;
using Millwright.Server.Hosting.Errors;

namespace Millwright.Server.Features.Connections;

/// <summary><c>/v1/connections/{id}/tokens</c> (secret key), over <see cref="ConnectionTokenService"/>.</summary>
internal static class ConnectionTokensEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/{id}/tokens", CreateConnectionToken)
            .WithName("CreateConnectionToken")
            .WithSummary("Issue a connection token")
            .WithDescription("""
                A bearer token that sees exactly this connection, with scopes `read` and/or `write` (both by default) and
                an optional `expires_at`. The `token` is shown in this answer only; Millwright keeps a hash.
                """)
            .ProducesErrors(400, 404, 422);

        group.MapGet("/{id}/tokens", ListConnectionTokens)
            .WithName("ListConnectionTokens")
            .WithSummary("List a connection's tokens")
            .WithDescription("Tokens not revoked (expired ones included), newest first; each shows a `hint`, never the token.")
            .ProducesErrors(400, 404);

        group.MapDelete("/{id}/tokens/{tokenId}", RevokeConnectionToken)
            .WithName("RevokeConnectionToken")
            .WithSummary("Revoke a connection token")
            .WithDescription("The token stops working at once: its next call is 401 `INVALID_TOKEN`.")
            .ProducesErrors(404);
    }

    private static async Task<Created<CreatedConnectionToken>> CreateConnectionToken(
        string id, CreateConnectionTokenBody? body, HttpContext http, [FromServices] ConnectionTokenService tokens, CancellationToken cancellationToken)
    {
        var token = await tokens.IssueAsync(http.GetCaller(), id, body, cancellationToken);
        return TypedResults.Created($"/v1/connections/{id}/tokens/{token.Id}", token);
    }

    private static async Task<Ok<Page<ConnectionToken>>> ListConnectionTokens(
        string id, HttpContext http, [FromServices] ConnectionTokenService tokens, int? limit, string? cursor, CancellationToken cancellationToken) =>
        TypedResults.Ok(await tokens.ListAsync(http.GetCaller(), id, limit, cursor, cancellationToken));

    private static async Task<NoContent> RevokeConnectionToken(
        string id, string tokenId, HttpContext http, [FromServices] ConnectionTokenService tokens, CancellationToken cancellationToken)
    {
        await tokens.RevokeAsync(http.GetCaller(), id, tokenId, cancellationToken);
        return TypedResults.NoContent();
    }
}
