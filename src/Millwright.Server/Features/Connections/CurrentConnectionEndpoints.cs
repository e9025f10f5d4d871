using Microsoft.AspNetCore.Http.HttpResults;
using Millwright.Client.Connections;
using Millwright.Server.Features.Auth;

namespace Millwright.Server.Features.Connections;

internal static class CurrentConnectionEndpoints
{
    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("", GetCurrentConnection)
            .WithName("GetCurrentConnection")
            .WithSummary("The connection the caller works on")
            .WithDescription("""
                With a connection token: the token's connection (scope `read`). With a secret key: the connection
                named in the `Millwright-Connection` header (400 `CONNECTION_HEADER_REQUIRED` without it). Shows the
                status (`syncing` during the first sync, then `active`), the last and next sync; never credentials.
                """);

    private static Ok<Connection> GetCurrentConnection(HttpContext http) => TypedResults.Ok(http.GetConnection().ToWire());
}
