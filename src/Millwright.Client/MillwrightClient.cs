using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Millwright.Client.Errors;

namespace Millwright.Client;

/// <summary>
/// Client of the Millwright API. Authenticate with a connection token (data of one connection) or a
/// secret key (account endpoints; add <see cref="ForConnection"/> to read one connection's data).
/// Feature areas are in partial files: <c>MillwrightClient.&lt;Area&gt;.cs</c>.
/// </summary>
public sealed partial class MillwrightClient
{
    private readonly HttpClient http;
    private readonly string bearer;
    private readonly string? connectionId;
    private readonly MillwrightClientOptions options;

    /// <summary>Creates a client. <paramref name="http"/> must have its BaseAddress set to the server's root URL.</summary>
    /// <param name="http">Transport; the caller owns its lifetime.</param>
    /// <param name="bearer">Secret key (<c>mw_test_sk_…</c>) or connection token (<c>mw_test_ct_…</c>).</param>
    public MillwrightClient(HttpClient http, string bearer)
        : this(http, bearer, null, new MillwrightClientOptions())
    {
    }

    /// <summary>Creates a client with its own retry settings.</summary>
    /// <param name="http">Transport; the caller owns its lifetime.</param>
    /// <param name="bearer">Secret key or connection token.</param>
    /// <param name="options">Retries and backoff.</param>
    public MillwrightClient(HttpClient http, string bearer, MillwrightClientOptions options)
        : this(http, bearer, null, options)
    {
    }

    private MillwrightClient(HttpClient http, string bearer, string? connectionId, MillwrightClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentException.ThrowIfNullOrWhiteSpace(bearer);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAttempts, 1);
        this.http = http;
        this.bearer = bearer;
        this.connectionId = connectionId;
        this.options = options;
    }

    /// <summary>A client for a secret key that reads the data of one connection (sends <c>Millwright-Connection</c>).</summary>
    public MillwrightClient ForConnection(string id) => new(http, bearer, id, options);

    /// <summary>Sends a request and reads a JSON response; non-2xx answers throw <see cref="MillwrightApiException"/> (after the retries of <see cref="MillwrightClientOptions"/>).</summary>
    public Task<T> SendAsync<T>(HttpMethod method, string path, object? body = null, CancellationToken cancellationToken = default) =>
        SendAsync<T>(method, path, body, null, cancellationToken);

    /// <summary>Sends a request whose response has no body worth reading; non-2xx answers throw.</summary>
    public async Task SendAsync(HttpMethod method, string path, object? body = null, CancellationToken cancellationToken = default)
    {
        using var response = await SendRawAsync(method, path, body, null, cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, string? idempotencyKey, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(method, path, body, idempotencyKey, cancellationToken).ConfigureAwait(false);
        var value = await response.Content.ReadFromJsonAsync<T>(Models.MillwrightJson.Options, cancellationToken).ConfigureAwait(false);
        return value ?? throw new MillwrightApiException(response.StatusCode, null, "The server answered with an empty body.");
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, object? body, string? idempotencyKey, CancellationToken cancellationToken)
    {
        // One key for every attempt of a POST/PATCH: a retry after a lost answer replays instead of writing twice (as Stripe's SDKs do).
        var key = method == HttpMethod.Post || method == HttpMethod.Patch ? idempotencyKey ?? Guid.NewGuid().ToString("N") : idempotencyKey;
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, path.TrimStart('/'));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            if (connectionId is not null)
            {
                request.Headers.Add("Millwright-Connection", connectionId);
            }

            if (key is not null)
            {
                request.Headers.Add("Idempotency-Key", key);
            }

            if (body is not null)
            {
                request.Content = JsonContent.Create(body, body.GetType(), options: Models.MillwrightJson.Options);
            }

            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested && attempt < options.MaxAttempts)
            {
                await Task.Delay(Backoff(attempt, null), options.Time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            using (response)
            {
                ApiError? error = null;
                try
                {
                    error = (await response.Content.ReadFromJsonAsync<ErrorEnvelope>(Models.MillwrightJson.Options, cancellationToken).ConfigureAwait(false))?.Error;
                }
                catch (JsonException)
                {
                    // Not Millwright's envelope (a proxy in between?): report the status alone.
                }

                var retryAfter = response.Headers.RetryAfter?.Delta ?? (error?.RetryAfter is { } seconds ? TimeSpan.FromSeconds(seconds) : null);
                if (attempt < options.MaxAttempts && Retryable((int)response.StatusCode, error?.Code) && (retryAfter ?? TimeSpan.Zero) <= options.MaxRetryAfter)
                {
                    await Task.Delay(Backoff(attempt, retryAfter), options.Time, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                throw new MillwrightApiException(response.StatusCode, error, error?.Message ?? $"HTTP {(int)response.StatusCode}");
            }
        }
    }

    /// <summary>Throttling and failures that a later attempt can get past; refusals (4xx) and the system rejecting the request are final.</summary>
    private static bool Retryable(int status, string? code) => status switch
    {
        429 => true,
        409 => code == ErrorCodes.IdempotencyKeyInUse,
        502 => code is not (ErrorCodes.UpstreamRejected or ErrorCodes.UpstreamInvalidResponse),
        500 or 503 or 504 => true,
        _ => false,
    };

    /// <summary>Exponential backoff with full jitter, never shorter than the server's <c>Retry-After</c>.</summary>
    private TimeSpan Backoff(int attempt, TimeSpan? retryAfter)
    {
        var ceiling = Math.Min(options.MaxBackoff.TotalMilliseconds, options.InitialBackoff.TotalMilliseconds * Math.Pow(2, attempt - 1));
        var jittered = TimeSpan.FromMilliseconds(ceiling * (0.5 + (Random.Shared.NextDouble() / 2)));
        return retryAfter is { } wait && wait > jittered ? wait : jittered;
    }

    /// <summary>Appends query parameters, skipping nulls.</summary>
    internal static string WithQuery(string path, IEnumerable<KeyValuePair<string, string?>> query)
    {
        var parts = query.Where(q => q.Value is not null)
            .Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value!)}")
            .ToList();
        return parts.Count == 0 ? path : $"{path}?{string.Join('&', parts)}";
    }
}

/// <summary>A non-2xx answer of the Millwright API.</summary>
public sealed class MillwrightApiException(System.Net.HttpStatusCode status, ApiError? error, string message) : Exception(message)
{
    /// <summary>HTTP status.</summary>
    public System.Net.HttpStatusCode Status { get; } = status;

    /// <summary>The error envelope's content; null when the body was not an envelope.</summary>
    public ApiError? Error { get; } = error;

    /// <summary>Shortcut for <c>Error.Code</c>.</summary>
    public string? Code => Error?.Code;

    /// <summary>Shortcut for <c>Error.Source</c>: <c>platform</c> or <c>connected_system</c> (whose failure it is).</summary>
    public string? ErrorSource => Error?.Source;

    /// <summary>Shortcut for <c>Error.RequestId</c>: quote it when reporting a problem, it finds the request log.</summary>
    public string? RequestId => Error?.RequestId;

    /// <summary><c>unknown</c> when a write may or may not have reached the connected system.</summary>
    public string? Outcome => Error?.Outcome;
}
