namespace Millwright.Server.Hosting.Telemetry;

/// <summary>Metrics and traces (OpenTelemetry); bound from <c>Millwright:Telemetry</c>. Defaults live here.</summary>
internal sealed class TelemetryOptions
{
    public const string Section = "Millwright:Telemetry";

    /// <summary>Serve <c>GET /metrics</c> (Prometheus text format).</summary>
    public bool MetricsEnabled { get; set; } = true;

    /// <summary>
    /// When set, <c>/metrics</c> answers only requests to these hosts (ASP.NET Core <c>RequireHost</c> patterns such
    /// as <c>*:9464</c>), so an operator can bind it to an internal port or name that the load balancer does not expose.
    /// </summary>
    public string[] MetricsHosts { get; set; } = [];

    /// <summary>Record traces even without an OTLP endpoint (tests add their own exporter). An endpoint turns them on anyway.</summary>
    public bool Traces { get; set; }

    /// <summary>Record the store spans (<see cref="MillwrightTelemetry.Store"/>) in traces.</summary>
    public bool StoreSpans { get; set; } = true;
}
