using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Millwright.Client.Models;

namespace Millwright.Client.Webhooks;

/// <summary>
/// Verifies deliveries as the Standard Webhooks specification says: the signature is the base64
/// HMAC-SHA256 of <c>"{webhook-id}.{webhook-timestamp}.{body}"</c> keyed with the base64-decoded part of the
/// secret after <c>whsec_</c>; <c>webhook-signature</c> may list several (<c>v1,…</c> separated by spaces,
/// e.g. during a secret rotation) and one match suffices; the timestamp must be within the tolerance.
/// </summary>
public sealed class WebhookVerifier
{
    /// <summary>Header names.</summary>
    public const string IdHeader = "webhook-id", TimestampHeader = "webhook-timestamp", SignatureHeader = "webhook-signature";

    private const string SecretPrefix = "whsec_";
    private readonly byte[][] keys;
    private readonly TimeSpan tolerance;
    private readonly TimeProvider time;

    /// <summary>Creates a verifier.</summary>
    /// <param name="secrets">The endpoint's secret(s) (<c>whsec_…</c>); pass old and new during your own key rollover.</param>
    /// <param name="tolerance">How far the timestamp may be from now (default 5 minutes): older deliveries are refused as replays.</param>
    /// <param name="time">Clock; the system clock when null.</param>
    public WebhookVerifier(IEnumerable<string> secrets, TimeSpan? tolerance = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        keys = [.. secrets.Select(DecodeSecret)];
        if (keys.Length == 0)
        {
            throw new ArgumentException("At least one secret is required.", nameof(secrets));
        }

        this.tolerance = tolerance ?? TimeSpan.FromMinutes(5);
        this.time = time ?? TimeProvider.System;
    }

    /// <summary>Creates a verifier for one secret.</summary>
    public WebhookVerifier(string secret, TimeSpan? tolerance = null, TimeProvider? time = null)
        : this([secret], tolerance, time)
    {
    }

    /// <summary>Checks the headers against the raw body and returns the parsed event.</summary>
    /// <param name="body">The request body exactly as received (verify before any re-serialization).</param>
    /// <param name="headers">Header lookup by name (case-insensitive names are the caller's concern).</param>
    /// <exception cref="WebhookVerificationException">Missing headers, stale timestamp or no matching signature.</exception>
    public WebhookEvent Verify(string body, Func<string, string?> headers)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(headers);
        var id = headers(IdHeader);
        var timestamp = headers(TimestampHeader);
        var signatures = headers(SignatureHeader);
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signatures))
        {
            throw new WebhookVerificationException("Missing webhook-id, webhook-timestamp or webhook-signature header.");
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            throw new WebhookVerificationException("webhook-timestamp is not a number of seconds.");
        }

        var sent = DateTimeOffset.FromUnixTimeSeconds(seconds);
        var now = time.GetUtcNow();
        if (sent < now - tolerance || sent > now + tolerance)
        {
            throw new WebhookVerificationException("webhook-timestamp is outside the tolerance.");
        }

        var signed = Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}");
        var expected = keys.Select(k => HMACSHA256.HashData(k, signed)).ToList();
        foreach (var candidate in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var comma = candidate.IndexOf(',', StringComparison.Ordinal);
            if (comma < 0 || candidate[..comma] != "v1")
            {
                continue;
            }

            var given = TryBase64(candidate[(comma + 1)..]);
            if (given is not null && expected.Any(e => CryptographicOperations.FixedTimeEquals(e, given)))
            {
                return JsonSerializer.Deserialize<WebhookEvent>(body, MillwrightJson.Options)
                    ?? throw new WebhookVerificationException("The body is not an event.");
            }
        }

        throw new WebhookVerificationException("No signature matches.");
    }

    /// <summary>Computes the <c>v1,…</c> signature of a message (what Millwright sends), e.g. for tests of a receiver.</summary>
    public static string Sign(string secret, string id, DateTimeOffset timestamp, string body) =>
        "v1," + Convert.ToBase64String(HMACSHA256.HashData(DecodeSecret(secret),
            Encoding.UTF8.GetBytes($"{id}.{timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}.{body}")));

    private static byte[] DecodeSecret(string secret)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(secret);
        var encoded = secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret;
        return TryBase64(encoded) ?? throw new ArgumentException("The secret is not whsec_ followed by base64.", nameof(secret));
    }

    private static byte[]? TryBase64(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out var written) ? buffer[..written] : null;
    }
}

/// <summary>A delivery failed verification: answer it with 400 and do not process it.</summary>
public sealed class WebhookVerificationException(string message) : Exception(message);
