using Millwright.Client.Errors;
using Millwright.Server.Features.Connect;
using Millwright.Server.Hosting.Errors;

namespace Millwright.Tests.Server.Connect;

/// <summary>Each refusal of a credential check gets its plain-words explanation; the system's message stays as the detail.</summary>
public sealed class ConnectFailuresTests
{
    [Theory]
    [InlineData(ErrorCodes.ConnectionCredentialsInvalid, "MaintainX rejected the credentials (HTTP 401). Check the API key.", "wrong_key")]
    [InlineData(ErrorCodes.ConnectionCredentialsInvalid, "MaintainX refused access with these credentials (HTTP 403).", "missing_permission")]
    [InlineData(ErrorCodes.UpstreamUnavailable, "The secure (TLS) connection to MaintainX failed: the certificate is not trusted.", "tls_error")]
    [InlineData(ErrorCodes.UpstreamUnavailable, "The MaintainX host name could not be found. Check the base URL.", "host_unreachable")]
    [InlineData(ErrorCodes.UpstreamUnavailable, "MaintainX refused the connection: nothing is listening at the base URL.", "host_unreachable")]
    [InlineData(ErrorCodes.UpstreamTimeout, "MaintainX did not answer in time.", "host_unreachable")]
    [InlineData(ErrorCodes.UpstreamUnavailable, "The MaintainX address '10.0.0.5' points into a private or internal network.", "address_not_allowed")]
    [InlineData(ErrorCodes.UpstreamInvalidResponse, "MaintainX answered with a body that is not valid JSON.", "not_this_system")]
    [InlineData(ErrorCodes.UpstreamRejected, "MaintainX answered 404 Not Found.", "not_this_system")]
    [InlineData(ErrorCodes.ValidationFailed, "This API key has no access to MaintainX organization 1.", "settings")]
    [InlineData(ErrorCodes.UpstreamRateLimited, "MaintainX is limiting requests (HTTP 429).", "rate_limited")]
    [InlineData(ErrorCodes.InternalError, "Millwright failed.", "unexpected")]
    public void Explain_CheckFailure_PicksThePlainWordsExplanation(string code, string message, string kind)
    {
        var failure = ConnectFailures.Explain(new ApiException(400, code, message), "MaintainX");

        Assert.Equal(kind, failure.Kind);
        Assert.Equal(message, failure.Detail);
        Assert.False(string.IsNullOrWhiteSpace(failure.Advice));
    }

    [Theory]
    [InlineData("MaintainX", "MX")]
    [InlineData("IBM Maximo", "IM")]
    [InlineData("SAP S/4HANA", "SS")]
    [InlineData("fiix", "FI")]
    public void Initials_StandInForALogo(string name, string initials) =>
        Assert.Equal(initials, ConnectViews.Initials(name));
}
