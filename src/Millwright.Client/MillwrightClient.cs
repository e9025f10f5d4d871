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

    /// <summary>Creates a client. <paramref name="http"/> must have its BaseAddress set to the server's root URL.</summary>
    /// <param name="http">Transport; the caller owns its lifetime.</param>
    /// <param name="bearer">Secret key (<c>mw_test_sk_…</c>) or connection token (<c>mw_test_ct_…</c>).</param>
    public MillwrightClient(HttpClient http, string bearer)
        : this(http, bearer, null)
    {
    }

    private MillwrightClient(HttpClient http, string bearer, string? connectionId)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentException.ThrowIfNullOrWhiteSpace(bearer);
        this.http = http;
        this.bearer = bearer;
        this.connectionId = connectionId;
    }

    /// <summary>A client for a secret key that reads the data of one connection (sends <c>Millwright-Connection</c>).</summary>
    public MillwrightClient ForConnection(string id) => new(http, bearer, id);

    /// <summary>Sends a request and reads a JSON response; non-2xx answers throw <see cref="MillwrightApiException"/>.</summary>
    public async Task<T> SendAsync<T>(HttpMethod method, string path, object? body = null, CancellationToken cancellationToken = default)
    {
        using var response = await SendRawAsync(method, path, body, cancellationToken).ConfigureAwait(false);
        var value = await response.Content.ReadFromJsonAsync<T>(Models.MillwrightJson.Options, cancellationToken).ConfigureAwait(false);
        return value ?? throw new MillwrightApiException(response.StatusCode, null, "The server answered with an empty body.");
    }

    /// <summary>Sends a request whose response has no body worth reading; non-2xx answers throw.</summary>
    public async Task SendAsync(HttpMethod method, string path, object? body = null, CancellationToken cancellationToken = default)
    {
        using var response = await SendRawAsync(method, path, body, cancellationToken).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        if (connectionId is not null)
        {
            request.Headers.Add("Millwright-Connection", connectionId);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: Models.MillwrightJson.Options);
        }

        var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
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

            throw new MillwrightApiException(response.StatusCode, error, error?.Message ?? $"HTTP {(int)response.StatusCode}");
        }
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
}
