using Millwright.Client.Errors;
using Millwright.Connectors.Core;
using Millwright.Server.Features.Connections;

namespace Millwright.Tests.Server.Connections;

public sealed class ConnectionCheckErrorsTests
{
    [Theory]
    [InlineData(FailureCategory.AuthFailed, ErrorCodes.ConnectionCredentialsInvalid, 401, 400, ErrorSource.ConnectedSystem)]
    [InlineData(FailureCategory.Config, ErrorCodes.ValidationFailed, null, 422, ErrorSource.Platform)]
    [InlineData(FailureCategory.Config, ErrorCodes.UpstreamUnavailable, null, 502, ErrorSource.Platform)]
    [InlineData(FailureCategory.Config, ErrorCodes.UpstreamInvalidResponse, 302, 502, ErrorSource.ConnectedSystem)]
    [InlineData(FailureCategory.Transient, ErrorCodes.UpstreamUnavailable, 500, 502, ErrorSource.ConnectedSystem)]
    [InlineData(FailureCategory.Transient, ErrorCodes.UpstreamUnavailable, null, 502, ErrorSource.ConnectedSystem)]
    [InlineData(FailureCategory.Transient, ErrorCodes.UpstreamTimeout, null, 504, ErrorSource.ConnectedSystem)]
    [InlineData(FailureCategory.Permanent, ErrorCodes.UpstreamRejected, 404, 502, ErrorSource.ConnectedSystem)]
    public void ToApiException_CatalogueCode_KeepsCodeWithItsCatalogueStatus(FailureCategory category, string code, int? upstream, int status, string source)
    {
        var error = ConnectionCheckErrors.ToApiException(new ConnectorFailure(category, code, "Plain words.", UpstreamStatus: upstream));
        Assert.Equal(status, error.Status);
        Assert.Equal(code, error.Code);
        Assert.Equal(source, error.ErrorSource);
        Assert.Equal("Plain words.", error.Message);
    }

    [Theory]
    [InlineData(FailureCategory.AuthFailed, 400)]
    [InlineData(FailureCategory.Config, 422)]
    [InlineData(FailureCategory.Permanent, 502)]
    public void ToApiException_CodeOutsideCatalogue_TakesStatusFromCategory(FailureCategory category, int status) =>
        Assert.Equal(status, ConnectionCheckErrors.ToApiException(new ConnectorFailure(category, "VENDOR_SPECIFIC", "x")).Status);

    [Fact]
    public void ToApiException_SystemThrottles_Is503FromConnectedSystemWithItsWait()
    {
        var error = ConnectionCheckErrors.ToApiException(new ConnectorFailure(
            FailureCategory.RateLimited, ErrorCodes.UpstreamRateLimited, "Slow down.", TimeSpan.FromSeconds(12.2), 429));
        Assert.Equal(503, error.Status);
        Assert.Equal(13, error.RetryAfterSeconds);
        Assert.Equal(ErrorSource.ConnectedSystem, error.ErrorSource);
    }

    [Fact]
    public void ToApiException_MillwrightPacing_IsPlatformWithDefaultWait()
    {
        var error = ConnectionCheckErrors.ToApiException(new ConnectorFailure(FailureCategory.RateLimited, ErrorCodes.UpstreamRateLimited, "Pacing."));
        Assert.Equal(ErrorSource.Platform, error.ErrorSource);
        Assert.Equal(60, error.RetryAfterSeconds);
    }

    [Fact]
    public void ToApiException_RejectedCredentials_NamesCredentialsInDetails() =>
        Assert.Equal("credentials", Assert.Single(ConnectionCheckErrors.ToApiException(
            new ConnectorFailure(FailureCategory.AuthFailed, ErrorCodes.ConnectionCredentialsInvalid, "No.", UpstreamStatus: 401)).Details!).Field);
}
