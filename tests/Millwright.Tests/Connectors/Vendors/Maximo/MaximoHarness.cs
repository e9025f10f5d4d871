using Millwright.Connectors.Core;
using Millwright.Connectors.Vendors.Maximo;
using Millwright.Tests.Support;

namespace Millwright.Tests.Connectors.Vendors.Maximo;

/// <summary>The Maximo connector (<see cref="ConnectorHarness"/>) and Maximo connections.</summary>
internal sealed class MaximoHarness(Func<HttpRequestMessage, HttpResponseMessage>? script = null, WriteInterceptor? interceptor = null)
    : ConnectorHarness(MaximoSettings.SystemId, script, interceptor: interceptor)
{
    public static ConnectionContext Connection(string baseUrl, string? apiKey = null, string? user = null, string? password = null, string environment = "test")
    {
        var credentials = new Dictionary<string, string>();
        if (apiKey is not null)
        {
            credentials["api_key"] = apiKey;
        }

        if (user is not null)
        {
            credentials["username"] = user;
            credentials["password"] = password ?? "";
        }

        return new($"conn_{Guid.NewGuid():N}", environment, new Dictionary<string, string> { ["base_url"] = baseUrl }, credentials);
    }
}
