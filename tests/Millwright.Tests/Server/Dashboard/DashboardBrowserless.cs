using System.Net;
using System.Text.RegularExpressions;

namespace Millwright.Tests.Server.Dashboard;

/// <summary>
/// The dashboard over plain HTTP, keeping cookies by hand: .NET's CookieContainer rightly never sends
/// <c>Secure</c> cookies over http, while browsers do on loopback. Redirects are not followed, so tests see them.
/// </summary>
internal sealed partial class DashboardBrowserless(Uri baseAddress) : IDisposable
{
    private readonly HttpClient http = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = baseAddress };

    public Dictionary<string, string> Cookies { get; } = new(StringComparer.Ordinal);

    public List<string> SetCookieHeaders { get; } = [];

    public async Task<HttpResponseMessage> GetAsync(string path) => await SendAsync(new HttpRequestMessage(HttpMethod.Get, path));

    public async Task<HttpResponseMessage> PostFormAsync(string path, IEnumerable<KeyValuePair<string, string>> fields) =>
        await SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) });

    /// <summary>The anti-forgery token of the first form on the page at <paramref name="path"/>.</summary>
    public async Task<string> CsrfOfAsync(string path)
    {
        using var response = await GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var match = CsrfField().Match(await response.Content.ReadAsStringAsync());
        Assert.True(match.Success, $"No _csrf field on {path}.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public async Task<HttpResponseMessage> SignInAsync(string secretKey)
    {
        var csrf = await CsrfOfAsync("/dashboard/sign-in");
        return await PostFormAsync("/dashboard/sign-in", [new("_csrf", csrf), new("secret_key", secretKey)]);
    }

    public void Dispose() => http.Dispose();

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        if (Cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", Cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        var response = await http.SendAsync(request);
        foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
        {
            SetCookieHeaders.Add(header);
            var pair = header.Split(';')[0];
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var (name, value) = (pair[..equals], pair[(equals + 1)..]);
            if (value.Length == 0 || header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
            {
                Cookies.Remove(name);
            }
            else
            {
                Cookies[name] = value;
            }
        }

        return response;
    }

    [GeneratedRegex("name=\"_csrf\" value=\"([^\"]+)\"")]
    private static partial Regex CsrfField();
}
