using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Millwright.Client.Accounts;
using Millwright.Server.Features.Auth;
using Millwright.Server.Hosting.Errors;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.RateLimits;

/// <summary><c>GET/PATCH /v1/account</c>: the secret key's account in its environment and its inbound rate limit.</summary>
internal static class AccountSettingsEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/account").WithTags("Account").RequireSecretKey()
            .ProducesErrors(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden);
        group.MapGet("", GetAccount)
            .WithName("GetAccount")
            .WithSummary("Get the account's settings")
            .WithDescription("The key's account in the key's environment: its requests-per-minute limit and the default limit of each connection.");
        group.MapPatch("", UpdateAccount)
            .WithName("UpdateAccount")
            .WithSummary("Change the account's rate limit")
            .WithDescription("""
                `rate_limit_per_minute` (1–1000000) sets how many requests per minute the account may make in the key's
                environment across all its keys, tokens and connections; `0` returns to the installation's default. The
                other environment keeps its own setting. The new limit applies from the next request, on every node.
                """)
            .ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<Ok<AccountSettings>> GetAccount(HttpContext http, [FromServices] MillwrightDb db, [FromServices] IOptions<RateLimitOptions> options, CancellationToken cancellationToken) =>
        TypedResults.Ok(await LoadAsync(http.GetCaller(), db, options.Value, cancellationToken));

    private static async Task<Ok<AccountSettings>> UpdateAccount(
        UpdateAccountBody body, HttpContext http, [FromServices] MillwrightDb db, [FromServices] IOptions<RateLimitOptions> options,
        [FromServices] TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = http.GetCaller();
        if (body.RateLimitPerMinute is { } limit)
        {
            var value = RateLimitValue(limit, "rate_limit_per_minute");
            var row = await db.AccountSettings.AsTracking()
                .FirstOrDefaultAsync(s => s.AccountId == caller.AccountId && s.Environment == caller.Environment, cancellationToken);
            if (row is null)
            {
                row = new AccountSettingsRow { AccountId = caller.AccountId, Environment = caller.Environment };
                db.AccountSettings.Add(row);
            }

            row.RateLimitPerMinute = value;
            row.UpdatedAt = time.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.Ok(await LoadAsync(caller, db, options.Value, cancellationToken));
    }

    /// <summary>Checks a requested limit: null for 0 (back to the default), else 1 to <see cref="RateLimitOptions.MaxPerMinute"/>.</summary>
    internal static int? RateLimitValue(int requested, string field) => requested switch
    {
        0 => null,
        >= 1 and <= RateLimitOptions.MaxPerMinute => requested,
        _ => throw ApiException.Validation(field, $"{field} must be 1 to {RateLimitOptions.MaxPerMinute} (or 0 for the default)."),
    };

    private static async Task<AccountSettings> LoadAsync(Caller caller, MillwrightDb db, RateLimitOptions options, CancellationToken cancellationToken)
    {
        var name = await db.Accounts.AsNoTracking().Where(a => a.Id == caller.AccountId).Select(a => a.Name).FirstAsync(cancellationToken);
        var own = await db.AccountSettings.AsNoTracking()
            .Where(s => s.AccountId == caller.AccountId && s.Environment == caller.Environment)
            .Select(s => s.RateLimitPerMinute).FirstOrDefaultAsync(cancellationToken);
        return new AccountSettings
        {
            Id = caller.AccountId,
            Name = name,
            Environment = caller.Environment,
            RateLimitPerMinute = own ?? options.AccountPerMinute,
            RateLimitIsDefault = own is null,
            ConnectionRateLimitPerMinute = options.ConnectionPerMinute,
        };
    }
}

[System.ComponentModel.Description("Changes to the account's settings in the key's environment; omitted or null members stay as they are.")]
internal sealed record UpdateAccountBody(
    [property: System.ComponentModel.Description("Requests per minute, 1 to 1000000; 0 returns to the installation's default.")] int? RateLimitPerMinute);
