using System.Net;
using System.Web;
using Millwright.Sandbox.MaintainX;

namespace Millwright.Tests.Server.Connect;

/// <summary>The Connect page's form flow over plain HTTP (no browser, redirects not followed).</summary>
internal sealed class ConnectFlow(Uri baseAddress) : IDisposable
{
    private readonly HttpClient http = new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = baseAddress };

    public Task<HttpResponseMessage> GetAsync(string url) => http.GetAsync(url);

    /// <summary>Posts the MaintainX form of the session behind <paramref name="linkUrl"/>.</summary>
    public Task<HttpResponseMessage> SubmitMaintainXAsync(string linkUrl, string baseUrl, string apiKey = MaintainXSandboxSettings.DemoApiKey) =>
        http.PostAsync(new Uri(linkUrl).AbsolutePath + "/systems/maintainx", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["settings.base_url"] = baseUrl,
            ["settings.organization_id"] = "",
            ["credentials.api_key"] = apiKey,
        }));

    /// <summary>Follows <c>/finish</c> and returns the code and connection id from the redirect to the integrator.</summary>
    public async Task<(string Code, string ConnectionId)> FinishAsync(string linkUrl)
    {
        using var finish = await http.GetAsync(new Uri(linkUrl).AbsolutePath + "/finish");
        Assert.Equal(HttpStatusCode.SeeOther, finish.StatusCode);
        var query = HttpUtility.ParseQueryString(finish.Headers.Location!.Query);
        return (query["code"]!, query["connection_id"]!);
    }

    public void Dispose() => http.Dispose();
}
