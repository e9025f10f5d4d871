using System.Net;
using System.Text;
using Millwright.Connectors.Core;
using Millwright.Connectors.Http;
using Millwright.Connectors.Vendors.MaintainX;
using Millwright.Tests.Support;

namespace Millwright.Tests.Connectors.Vendors.MaintainX;

/// <summary>
/// The MaintainX connector (<see cref="ConnectorHarness"/>) and MaintainX connections and answers. Scripted
/// answers are for classification and enrichment details; whole-API behaviour is tested against the sandbox.
/// </summary>
internal sealed class MaintainXHarness(Func<HttpRequestMessage, HttpResponseMessage>? script = null, Action<UpstreamHttpOptions>? options = null)
    : ConnectorHarness(MaintainXSettings.SystemId, script, options)
{
    public static ConnectionContext Connection(
        string baseUrl = "https://api.getmaintainx.com/v1",
        string environment = "live",
        string? organizationId = null,
        string apiKey = "mx-secret-key-123") =>
        new(
            $"conn_{Guid.NewGuid():N}",
            environment,
            organizationId is null
                ? new Dictionary<string, string> { ["base_url"] = baseUrl }
                : new Dictionary<string, string> { ["base_url"] = baseUrl, ["organization_id"] = organizationId },
            new Dictionary<string, string> { ["api_key"] = apiKey });

    public static HttpResponseMessage Respond(HttpStatusCode status, string json, Action<HttpResponseMessage>? headers = null)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        headers?.Invoke(response);
        return response;
    }

    public static HttpResponseMessage Fixture(string name) =>
        new(HttpStatusCode.OK) { Content = new ByteArrayContent(MaintainXFixtures.Bytes(name)) };
}
