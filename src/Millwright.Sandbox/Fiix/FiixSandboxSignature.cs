using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Millwright.Sandbox.Fiix;

/// <summary>
/// Fiix's request authentication, as both official SDKs build it: the URL carries <c>action</c>,
/// <c>service=cmms</c>, <c>accessKey</c>, <c>appKey</c>, <c>timestamp</c> (epoch ms),
/// <c>signatureVersion=1</c> and <c>signatureMethod=HmacSHA256</c>; the <c>Authorization</c> header is the
/// lowercase hex HMAC-SHA256, keyed with the secret key's UTF-8 bytes, of the request URL without its
/// scheme (host, path and query exactly as sent). Nothing of the body is signed.
/// </summary>
internal static class FxSignature
{
    /// <summary>Lowercase hex HMAC-SHA256 of <paramref name="urlWithoutScheme"/> under <paramref name="secretKey"/>.</summary>
    public static string Compute(string secretKey, string urlWithoutScheme) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secretKey), Encoding.UTF8.GetBytes(urlWithoutScheme)));

    /// <summary>The URL as the client signed it: Host header + the request target exactly as it arrived.</summary>
    public static string SignedText(HttpContext http)
    {
        var target = http.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(target) || target[0] != '/')
        {
            target = http.Request.PathBase + http.Request.Path + http.Request.QueryString;
        }

        return http.Request.Host.Value + target;
    }

    /// <summary>Checks keys, parameters, timestamp and signature; returns the access key the request is counted under.</summary>
    public static string Verify(HttpContext http, FiixSandbox sandbox, string messageClass)
    {
        var query = http.Request.Query;
        string One(string name) => query[name].Count == 1 ? query[name][0] ?? "" : "";

        if (One("service") != "cmms")
        {
            throw new FxError(FxLeg.Receive, FxError.BadParameters, "The URL parameter service must be cmms.");
        }

        var action = One("action");
        if (action.Length > 0 && !string.Equals(action, messageClass, StringComparison.OrdinalIgnoreCase))
        {
            throw new FxError(FxLeg.Receive, FxError.BadParameters, $"The URL parameter action ({action}) does not match the message class ({messageClass}).");
        }

        var appKey = One("appKey");
        var accessKey = One("accessKey");
        if (appKey.Length == 0 || accessKey.Length == 0)
        {
            throw new FxError(FxLeg.Receive, FxError.UnknownAccessKey, "This request needs authentication: appKey, accessKey and a signature are missing.");
        }

        if (appKey != FiixSandboxSettings.DemoAppKey)
        {
            throw new FxError(FxLeg.Receive, FxError.UnknownAppKey, "The application key is not registered on this tenant.");
        }

        if (accessKey != FiixSandboxSettings.DemoAccessKey || sandbox.Faults.IsRevoked(accessKey))
        {
            throw new FxError(FxLeg.Receive, FxError.UnknownAccessKey, "The access key is not valid for this application on this tenant.");
        }

        if (One("signatureMethod") != "HmacSHA256" || One("signatureVersion") != "1")
        {
            throw new FxError(FxLeg.Receive, FxError.BadParameters, "signatureMethod must be HmacSHA256 and signatureVersion must be 1.");
        }

        if (!long.TryParse(One("timestamp"), NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
        {
            throw new FxError(FxLeg.Receive, FxError.BadParameters, "The URL parameter timestamp must be the time of sending in epoch milliseconds.");
        }

        var skew = Math.Abs(sandbox.Time.GetUtcNow().ToUnixTimeMilliseconds() - timestamp);
        if (skew > sandbox.Settings.TimestampTolerance.TotalMilliseconds)
        {
            throw new FxError(FxLeg.Receive, FxError.StaleTimestamp,
                $"The request timestamp is {skew / 1000} seconds away from the server time; requests older or newer than {(long)sandbox.Settings.TimestampTolerance.TotalSeconds} seconds are refused.");
        }

        var expected = Compute(sandbox.Settings.Secret ?? FiixSandboxSettings.DemoSecretKey, SignedText(http));
        var sent = http.Request.Headers.Authorization.ToString().Trim();
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(sent.ToLowerInvariant())))
        {
            throw new FxError(FxLeg.Receive, FxError.BadSignature, "The request signature does not match: sign the full request URL without the scheme with the secret key.");
        }

        return accessKey;
    }
}
