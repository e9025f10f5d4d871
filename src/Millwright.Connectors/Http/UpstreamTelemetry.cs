using System.Diagnostics;

namespace Millwright.Connectors.Http;

/// <summary>
/// The span of each upstream attempt (activity source <c>Millwright.Upstream</c>), a child of whatever is current:
/// the API request that caused it or the sync run. It carries the system, the method, the status and the outcome,
/// never the URL (its path and query hold the customer's ids and sometimes keys), headers or bodies.
/// </summary>
public static class UpstreamTelemetry
{
    public const string SourceName = "Millwright.Upstream";

    internal static readonly ActivitySource Source = new(SourceName);
}
