using System.Net;
using System.Net.Http.Json;
using Millwright.Client.Errors;
using Millwright.Client.Models;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Hosting;

public sealed class ErrorEnvelopeTests : IClassFixture<SharedHost>
{
    private readonly SharedHost host;

    public ErrorEnvelopeTests(SharedHost host) => this.host = host;

    [Fact]
    public async Task Healthz_WhenStarted_Returns200WithRequestId()
    {
        using var http = host.Server.Http();
        var response = await http.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("req_", response.Headers.GetValues("X-Request-Id").Single());
    }

    [Fact]
    public async Task UnknownPath_Always_Returns404EnvelopeWithMatchingRequestId()
    {
        using var http = host.Server.Http();
        var response = await http.GetAsync("/v1/no-such-thing");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<ErrorEnvelope>(MillwrightJson.Options);
        Assert.Equal(ErrorCodes.RouteNotFound, body!.Error.Code);
        Assert.Equal(ErrorSource.Platform, body.Error.Source);
        Assert.Equal(response.Headers.GetValues("X-Request-Id").Single(), body.Error.RequestId);
    }
}
