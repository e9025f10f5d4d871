using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Millwright.Client.Keys;
using Millwright.Client.Models;
using Millwright.Server.Features.Auth;
using Millwright.Server.Hosting.Errors;

namespace Millwright.Server.Features.Keys;

[Description("A secret key to issue in the calling key's environment.")]
internal sealed record CreateApiKeyBody([property: Description("A label to recognise the key by (at most 100 characters).")] string? Name);

/// <summary><c>/v1/api-keys</c>: the secret keys of the calling key's environment.</summary>
public static class KeysExtensions
{
    public static IServiceCollection AddKeys(this IServiceCollection services) => services.AddScoped<ApiKeyManager>();

    public static IEndpointRouteBuilder MapKeysEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/api-keys")
            .WithTags("Keys")
            .RequireSecretKey()
            .ProducesErrors(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden);

        group.MapGet("", ListApiKeys)
            .WithName("ListApiKeys")
            .WithSummary("List secret keys")
            .WithDescription("Active secret keys of the calling key's environment, newest first; each shows a `hint`, never the key. A `test` key never sees `live` keys.");

        group.MapPost("", CreateApiKey)
            .WithName("CreateApiKey")
            .WithSummary("Issue a secret key")
            .WithDescription("A new secret key of the calling key's environment. The `key` is shown in this answer only; Millwright keeps a hash.")
            .ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status422UnprocessableEntity);

        group.MapPost("/{id}/rotate", RotateApiKey)
            .WithName("RotateApiKey")
            .WithSummary("Rotate a secret key")
            .WithDescription("""
                Issues a successor (same name; its `key` shown in this answer only) and keeps the old key working for
                `grace_period_seconds` (default 86400 = 24 hours, `0` revokes it at once, at most 604800 = 7 days); then
                it stops working on every node (401 `INVALID_TOKEN`). A key may rotate itself. A key is rotated once:
                409 `ALREADY_ROTATED` for a second rotation (rotate the successor). Audited as `api_key.rotated`.
                """)
            .ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);

        group.MapDelete("/{id}", RevokeApiKey)
            .WithName("RevokeApiKey")
            .WithSummary("Revoke a secret key")
            .WithDescription("The key stops working at once (401 `INVALID_TOKEN`). A key cannot revoke itself: 409 `KEY_IN_USE`.")
            .ProducesErrors(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Ok<Page<ApiKey>>> ListApiKeys(HttpContext http, [FromServices] ApiKeyManager keys, CancellationToken cancellationToken)
    {
        var caller = http.GetCaller();
        return TypedResults.Ok(new Page<ApiKey>(await keys.ListAsync(caller.AccountId, caller.Environment, cancellationToken), null));
    }

    private static async Task<Created<CreatedApiKey>> CreateApiKey(
        CreateApiKeyBody? body, HttpContext http, [FromServices] ApiKeyManager keys, CancellationToken cancellationToken)
    {
        var caller = http.GetCaller();
        var created = await keys.CreateAsync(caller.AccountId, caller.Environment, body?.Name, cancellationToken);
        return TypedResults.Created($"/v1/api-keys/{created.Id}", created);
    }

    private static async Task<Ok<RotatedApiKey>> RotateApiKey(
        string id, RotateBody? body, HttpContext http, [FromServices] ApiKeyManager keys, CancellationToken cancellationToken)
    {
        var caller = http.GetCaller();
        return TypedResults.Ok(await keys.RotateAsync(caller.AccountId, caller.Environment, id, GracePeriod.From(body), cancellationToken));
    }

    private static async Task<NoContent> RevokeApiKey(string id, HttpContext http, [FromServices] ApiKeyManager keys, CancellationToken cancellationToken)
    {
        var caller = http.GetCaller();
        await keys.RevokeAsync(caller.AccountId, caller.Environment, id, caller.CredentialId, cancellationToken);
        return TypedResults.NoContent();
    }
}
