using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Millwright.Sandbox.Sap;

/// <summary>
/// What stands in front of every service, in the order the ICF/Gateway stack applies it: latency, logon
/// (Basic auth in the client named by <c>sap-client</c>; 401 with a logon realm), the per-user rate limit
/// (429, sandbox-only), injected faults, then the CSRF check of modifying requests (403 with
/// <c>x-csrf-token: Required</c>) and the token fetch of reads (<c>x-csrf-token: Fetch</c>).
/// </summary>
internal static class SapSandboxGate
{
    private const string SessionCookie = $"SAP_SESSIONID_{SapSandboxSettings.SystemId}_{SapSandboxSettings.Client}";
    private const string XsrfCookie = $"sap-XSRF_{SapSandboxSettings.SystemId}_{SapSandboxSettings.Client}";

    /// <summary>The logged-on user, or the refusal to send instead.</summary>
    public static async Task<(string? User, IResult? Refusal)> AdmitAsync(HttpContext http, SapSandbox sandbox)
    {
        if (sandbox.Faults.LatencyMs is > 0 and var latency)
        {
            // Wall-clock on purpose: latency is felt by the client, not by the emulated clock.
            await Task.Delay(latency, http.RequestAborted);
        }

        var user = Logon(http, sandbox);
        if (user is null)
        {
            http.Response.Headers.WWWAuthenticate = $"Basic realm=\"SAP NetWeaver Application Server [{SapSandboxSettings.SystemId}/{SapSandboxSettings.Client}]\"";
            return (null, TypedResults.Content("<html><head><title>Logon Error Message</title></head><body>Anmeldung fehlgeschlagen / Logon failed</body></html>",
                "text/html; charset=utf-8", Encoding.UTF8, StatusCodes.Status401Unauthorized));
        }

        var decision = sandbox.RateLimiter.Acquire(user);
        if (!decision.Allowed)
        {
            http.Response.Headers.RetryAfter = decision.ResetSeconds.ToString(CultureInfo.InvariantCulture);
            return (null, Error(sandbox, StatusCodes.Status429TooManyRequests, "Too many requests: the sandbox allows " +
                $"{decision.Limit} requests per minute and user. Retry in {decision.ResetSeconds} seconds."));
        }

        if (sandbox.Faults.NextFailure() is { } status)
        {
            if (status == StatusCodes.Status429TooManyRequests)
            {
                http.Response.Headers.RetryAfter = (sandbox.Faults.ForcedRetryAfterSeconds ?? decision.ResetSeconds).ToString(CultureInfo.InvariantCulture);
            }

            return (null, Error(sandbox, status, status == 429 ? "Too many requests" : "In the context of Data Services an unknown internal server error occurred"));
        }

        return (user, Csrf(http, sandbox, user));
    }

    private static IResult Error(SapSandbox sandbox, int status, string message) =>
        SapODataError.Result(status, status == 429 ? "/IWFND/CM_CONSUMER/429" : "/IWFND/CM_BEC/026", message, sandbox.Time.GetUtcNow());

    private static string? Logon(HttpContext http, SapSandbox sandbox)
    {
        var client = http.Request.Query["sap-client"].FirstOrDefault() ?? http.Request.Headers["sap-client"].FirstOrDefault() ?? SapSandboxSettings.Client;
        if (client != SapSandboxSettings.Client
            || !AuthenticationHeaderValue.TryParse(http.Request.Headers.Authorization.ToString(), out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            return null;
        }

        string pair;
        try
        {
            pair = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        }
        catch (FormatException)
        {
            return null;
        }

        var colon = pair.IndexOf(':', StringComparison.Ordinal);
        var (name, password) = colon < 0 ? (pair, "") : (pair[..colon].ToUpperInvariant(), pair[(colon + 1)..]);
        var known = name == SapSandboxSettings.DemoUser
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(password), Encoding.UTF8.GetBytes(sandbox.Settings.Secret ?? SapSandboxSettings.DemoPassword));
        return known && !sandbox.Faults.IsRevoked(name) ? name : null;
    }

    /// <summary>Issues a token on <c>x-csrf-token: Fetch</c>; refuses modifying requests without a valid token and session cookie.</summary>
    private static IResult? Csrf(HttpContext http, SapSandbox sandbox, string user)
    {
        var token = http.Request.Headers["x-csrf-token"].ToString();
        var session = http.Request.Cookies[SessionCookie];
        var modifying = !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method));
        if (!modifying)
        {
            if (string.Equals(token, "Fetch", StringComparison.OrdinalIgnoreCase))
            {
                if (session is null || !sandbox.Sessions.TryGetValue(session, out var known) || known.User != user)
                {
                    session = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
                    known = (user, Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)));
                    sandbox.Sessions[session] = known;
                }

                http.Response.Headers["x-csrf-token"] = known.Token;
                http.Response.Cookies.Append(SessionCookie, session, new CookieOptions { Path = "/", HttpOnly = true });
                http.Response.Cookies.Append(XsrfCookie, known.Token, new CookieOptions { Path = "/", HttpOnly = true });
            }

            return null;
        }

        if (token.Length > 0 && session is not null && sandbox.Sessions.TryGetValue(session, out var issued)
            && issued.User == user && issued.Token == token)
        {
            return null;
        }

        http.Response.Headers["x-csrf-token"] = "Required";
        return SapODataError.Result(StatusCodes.Status403Forbidden, "/IWFND/CM_MGW_RT/003", "CSRF token validation failed", sandbox.Time.GetUtcNow());
    }
}
