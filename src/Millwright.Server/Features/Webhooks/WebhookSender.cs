using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Millwright.Connectors.Http;
using Millwright.Server.Features.Auth;

namespace Millwright.Server.Features.Webhooks;

/// <summary>What one attempt got: a status (or an error), how long it took, and what the receiver asked for.</summary>
internal sealed record AttemptOutcome(DateTimeOffset At, int? StatusCode, int LatencyMs, string? Snippet, string? Error, TimeSpan? RetryAfter)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;
}

/// <summary>
/// Sends one signed delivery (Standard Webhooks headers) through the SSRF-guarded client of the
/// endpoint's environment, with the receiver's 10 s to answer. Never throws for the receiver's faults.
/// </summary>
internal sealed class WebhookSender(IHttpClientFactory clients, IOptions<WebhookOptions> options, TimeProvider time)
{
    public const string LiveClient = "webhooks-live";
    public const string TestClient = "webhooks-test";

    public static string Sign(IReadOnlyList<string> secrets, string id, long timestamp, byte[] body)
    {
        var prefix = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{id}.{timestamp}."));
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message, prefix.Length);
        var signatures = secrets.Select(s => "v1," + Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(s["whsec_".Length..]), message))).ToList();

        // With several signatures, the StandardWebhooks NuGet package (1.1.2) never compares the last one
        // of the list (its loop ends before it). Repeating the first at the end lets receivers using it
        // verify with either secret during a rotation; for every other verifier a duplicate is harmless.
        if (signatures.Count > 1)
        {
            signatures.Add(signatures[0]);
        }

        return string.Join(' ', signatures);
    }

    public async Task<AttemptOutcome> SendAsync(string url, string environment, string eventId, byte[] body, IReadOnlyList<string> secrets, CancellationToken cancellationToken)
    {
        var at = time.GetUtcNow();
        var timestamp = at.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("webhook-id", eventId);
        request.Headers.TryAddWithoutValidation("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("webhook-signature", Sign(secrets, eventId, timestamp, body));
        request.Headers.UserAgent.ParseAdd("Millwright-Webhooks/1");

        var client = clients.CreateClient(environment == AccountEnvironments.Test ? TestClient : LiveClient);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.Timeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var snippet = await ReadSnippetAsync(response, timeout.Token);
            return new AttemptOutcome(at, (int)response.StatusCode, Elapsed(started), snippet, null, RetryAfter(response, at));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new AttemptOutcome(at, null, Elapsed(started), $"No answer within {options.Value.Timeout.TotalSeconds:0} s.", "timeout", null);
        }
        catch (HttpRequestException ex) when (GuardedSockets.IsBlocked(ex))
        {
            return new AttemptOutcome(at, null, Elapsed(started), "The host resolves to an address Millwright does not call.", "address_blocked", null);
        }
        catch (HttpRequestException ex)
        {
            return new AttemptOutcome(at, null, Elapsed(started), ex.HttpRequestError.ToString(), "connection_failed", null);
        }
    }

    private static async Task<string?> ReadSnippetAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var buffer = new byte[WebhookValues.SnippetLength];
            var read = 0;
            int n;
            while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0)
            {
                read += n;
            }

            return read == 0 ? null : Encoding.UTF8.GetString(buffer, 0, read);
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>Retry-After of a 429 or 503 (seconds or an HTTP date), at least one second.</summary>
    private static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        if (response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable) || response.Headers.RetryAfter is not { } header)
        {
            return null;
        }

        var wait = header.Delta ?? (header.Date is { } date ? date - now : null);
        return wait is { } w ? (w < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : w) : null;
    }

    private static int Elapsed(long started) => (int)Math.Min(Stopwatch.GetElapsedTime(started).TotalMilliseconds, int.MaxValue);
}
