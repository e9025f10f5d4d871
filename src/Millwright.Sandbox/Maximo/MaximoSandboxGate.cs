using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Millwright.Sandbox.Maximo;

/// <summary>
/// What stands in front of every emulated endpoint: latency, authentication (<c>apikey</c> header or
/// query parameter; on <c>/oslc</c> also the legacy <c>maxauth</c> header), the optional gateway rate
/// limit (429), injected failures, then the endpoint. Every refusal uses Maximo's <c>{"Error":{…}}</c> body.
/// </summary>
internal sealed class MaximoSandboxGate(MaximoSandbox sandbox, string root, bool legacyAuth) : IEndpointFilter
{
    private const string RootKey = "maximo.sandbox.root";
    private const string UserKey = "maximo.sandbox.user";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        http.Items[RootKey] = root;
        DisableHostErrorPages(http);
        try
        {
            if (sandbox.Faults.LatencyMs is > 0 and var latency)
            {
                // Wall-clock on purpose: latency is felt by the client, not by the emulated clock.
                await Task.Delay(latency, http.RequestAborted);
            }

            var caller = Authenticate(http);
            if (sandbox.RateLimiter?.Acquire(caller) is { Allowed: false } decision)
            {
                http.Response.Headers.RetryAfter = decision.ResetSeconds.ToString(CultureInfo.InvariantCulture);
                return MxmError.Result(http, StatusCodes.Status429TooManyRequests, "BMXAA9999E", "Too many requests.");
            }

            if (sandbox.Faults.NextFailure() is { } status)
            {
                if (status == StatusCodes.Status429TooManyRequests)
                {
                    http.Response.Headers.RetryAfter = (sandbox.Faults.ForcedRetryAfterSeconds ?? 1).ToString(CultureInfo.InvariantCulture);
                    return MxmError.Result(http, status, "BMXAA9999E", "Too many requests.");
                }

                return MxmError.Result(http, status, "BMXAA6713E", "The MBO fetch operation failed in the mboset with the SQL error code -4499.");
            }

            http.Items[UserKey] = MaximoSandboxSettings.DemoUser;
            return await next(context);
        }
        catch (MxmError error)
        {
            return error.ToResult(http);
        }
    }

    /// <summary>Any path under the prefix that the emulator does not serve, answered with Maximo's error body.</summary>
    public static IResult UnknownPath(HttpContext http, string root)
    {
        http.Items[RootKey] = root;
        DisableHostErrorPages(http);
        return MxmError.Result(http, StatusCodes.Status404NotFound, "BMXAA8735E", $"The resource {http.Request.Path} does not exist.");
    }

    /// <summary>The <c>…/maximo</c> path of this instance, for hrefs.</summary>
    public static string Root(HttpContext http) => http.Items[RootKey] as string ?? "/maximo";

    /// <summary>The hosting server's status-code pages must not rewrite the vendor's error bodies.</summary>
    private static void DisableHostErrorPages(HttpContext http)
    {
        if (http.Features.Get<IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }
    }

    /// <summary>Returns the identity the request is counted under (the key, or the login id).</summary>
    private string Authenticate(HttpContext http)
    {
        var request = http.Request;
        var apiKey = request.Headers["apikey"].ToString();
        if (apiKey.Length == 0)
        {
            apiKey = request.Query["apikey"].ToString();
        }

        if (apiKey.Length > 0)
        {
            return apiKey == sandbox.Settings.ApiKey && !sandbox.Faults.IsRevoked(apiKey)
                ? apiKey
                : throw MxmError.NotLoggedIn();
        }

        var maxauth = request.Headers["maxauth"].ToString();
        if (legacyAuth && maxauth.Length > 0)
        {
            var expected = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{MaximoSandboxSettings.DemoUser}:{sandbox.Settings.Password}"));
            // Maximo login ids are case-insensitive; passwords are not.
            var decoded = Decode(maxauth);
            var expectedDecoded = Decode(expected)!;
            var colon = decoded?.IndexOf(':') ?? -1;
            if (decoded is not null && colon > 0
                && string.Equals(decoded[..colon], MaximoSandboxSettings.DemoUser, StringComparison.OrdinalIgnoreCase)
                && decoded[(colon + 1)..] == expectedDecoded[(expectedDecoded.IndexOf(':') + 1)..]
                && !sandbox.Faults.IsRevoked(MaximoSandboxSettings.DemoUser))
            {
                return MaximoSandboxSettings.DemoUser;
            }
        }

        throw MxmError.NotLoggedIn();
    }

    private static string? Decode(string base64)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(base64.Trim()));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

/// <summary>Paths of one sandbox request.</summary>
internal static class MaximoSandboxPaths
{
    public static string Root(HttpContext http) => MaximoSandboxGate.Root(http);
}
