using Millwright.Client.Errors;
using Millwright.Connectors.Core;
using Millwright.Server.Features.Connections;

namespace Millwright.Tests.Server.Connections;

public sealed class ConnectionCheckErrorsTests
{
    [Theory]
    [InlineData(FailureCategory.AuthFailed, ErrorCodes.ConnectionCredentialsInvalid, 401, 400, ErrorSource.ConnectedSystem)]
    [InlineData(FailureCategory.Config, "CONNECTION_SETTINGS_INVALID", 404, 422, ErrorSource.ConnectedSystem)]
    [InlineData(FailureCategory.Config, "CONNECTION_SETTINGS_INVALID", null, 422, ErrorSource.Platform)]
    [InlineData(FailureCategory.Transient, ErrorCodes.UpstreamUnavailable, 500, 502, ErrorSource.ConnectedSystem)]
    [InlineData(FailureCategory.Transient, ErrorCodes.UpstreamTimeout, null, 504, ErrorSource.ConnectedSystem)]
    [InlineData(FailureCategory.Permanent, ErrorCodes.UpstreamInvalidResponse, 200, 502, ErrorSource.ConnectedSystem)]
    public void ToApiException_ByCategory_KeepsConnectorCodeAndPicksStatus(FailureCategory category, string code, int? upstream, int status, string source)
    {
        var error = ConnectionCheckErrors.ToApiException(new ConnectorFailure(category, code, "Plain words.", UpstreamStatus: upstream));
        Assert.Equal(status, error.Status);
        Assert.Equal(code, error.Code);
        Assert.Equal(source, error.ErrorSource);
        Assert.Equal("Plain words.", error.Message);
    }

    [Fact]
    public void ToApiException_RateLimited_Is503WithTheSystemsWait()
    {
        var error = ConnectionCheckErrors.ToApiException(new ConnectorFailure(
            FailureCategory.RateLimited, ErrorCodes.UpstreamRateLimited, "Slow down.", TimeSpan.FromSeconds(12.2), 429));
        Assert.Equal(503, error.Status);
        Assert.Equal(13, error.RetryAfterSeconds);
    }
}
