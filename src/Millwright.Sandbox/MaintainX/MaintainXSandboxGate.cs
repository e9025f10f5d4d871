using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Millwright.Sandbox.MaintainX;

/// <summary>
/// What stands in front of every emulated endpoint, in the order the real API applies it: latency,
/// bearer key (401), organisation headers (400), the per-key rate limit with its X-Rate-Limit-* headers
/// (429), injected failures, then the endpoint. Every refusal uses MaintainX's <c>{"error": "…"}</c> body.
/// </summary>
internal sealed class MaintainXSandboxGate(MaintainXSandbox sandbox) : IEndpointFilter
{
    private const string CallerKey = "maintainx.sandbox.caller";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        DisableHostErrorPages(http);
        try
        {
            if (sandbox.Faults.LatencyMs is > 0 and var latency)
            {
                // Wall-clock on purpose: latency is felt by the client, not by the emulated clock.
                await Task.Delay(latency, http.RequestAborted);
            }

            var (apiKey, key) = Authenticate(http);
            var organizations = MxOrganizations.Resolve(http, key);
            var decision = sandbox.RateLimiter.Acquire(apiKey);
            var headers = http.Response.Headers;
            headers["X-Rate-Limit-Limit"] = decision.Limit.ToString(CultureInfo.InvariantCulture);
            headers["X-Rate-Limit-Remaining"] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
            headers["X-Rate-Limit-Reset"] = decision.ResetSeconds.ToString(CultureInfo.InvariantCulture);
            if (!decision.Allowed)
            {
                return TooManyRequests(decision.ResetSeconds);
            }

            if (sandbox.Faults.NextFailure() is { } status)
            {
                if (status == StatusCodes.Status429TooManyRequests)
                {
                    headers["X-Rate-Limit-Remaining"] = "0";
                    if (sandbox.Faults.ForcedRetryAfterSeconds is { } wait)
                    {
                        // A burst as a gateway in front of the API would send it: Retry-After as well as the reset.
                        headers["X-Rate-Limit-Reset"] = wait.ToString(CultureInfo.InvariantCulture);
                        headers.RetryAfter = wait.ToString(CultureInfo.InvariantCulture);
                        return TooManyRequests(wait);
                    }

                    return TooManyRequests(decision.ResetSeconds);
                }

                return Error(status, "Internal server error.");
            }

            http.Items[CallerKey] = new MxCaller(key, organizations);
            if (sandbox.Faults.NextMalformed())
            {
                // A body cut off mid-document, as a dropped connection or a broken proxy delivers it.
                return TypedResults.Text("{\"workOrders\":[{\"id\":1,\"title\":\"Pump", "application/json");
            }

            return await next(context);
        }
        catch (MxApiError error) when (error.Status == StatusCodes.Status400BadRequest && !HttpMethods.IsGet(http.Request.Method))
        {
            // Reads refuse with {"error"}, writes with the validation list (see the spec's 400 examples).
            return new MxValidationError(error.Message).ToResult();
        }
        catch (MxApiError error)
        {
            return Error(error.Status, error.Message);
        }
        catch (MxValidationError error)
        {
            return error.ToResult();
        }
    }

    public static MxCaller Caller(HttpContext http) =>
        http.Items[CallerKey] as MxCaller ?? throw new InvalidOperationException("The sandbox gate did not run.");

    public static IResult Error(int status, string message) =>
        TypedResults.Json(new JsonObject { ["error"] = message }, Json, statusCode: status);

    /// <summary>Any path under the prefix that the emulator does not serve, answered as MaintainX would.</summary>
    public static IResult UnknownPath(HttpContext http)
    {
        DisableHostErrorPages(http);
        return Error(StatusCodes.Status404NotFound, "Not Found.");
    }

    private static IResult TooManyRequests(int resetSeconds) =>
        Error(StatusCodes.Status429TooManyRequests, $"Too many requests. Please retry in {resetSeconds} seconds");

    /// <summary>The hosting server's status-code pages must not rewrite the vendor's error bodies.</summary>
    private static void DisableHostErrorPages(HttpContext http)
    {
        if (http.Features.Get<IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }
    }

    private (string ApiKey, MxApiKey Key) Authenticate(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            throw new MxApiError(StatusCodes.Status401Unauthorized, "Unauthorized");
        }

        var apiKey = header[scheme.Length..].Trim();
        if (!sandbox.Keys.TryGetValue(apiKey, out var key) || key.Revoked || sandbox.Faults.IsRevoked(apiKey))
        {
            throw new MxApiError(StatusCodes.Status401Unauthorized, "Unauthorized");
        }

        return (apiKey, key);
    }
}

/// <summary>The authenticated caller of one request and the organisations it addresses.</summary>
internal sealed record MxCaller(MxApiKey Key, IReadOnlyList<long> OrganizationIds)
{
    public long OrganizationId => OrganizationIds[0];
}
