using System.Diagnostics;

namespace Millwright.Server.Hosting.Telemetry;

/// <summary>
/// Names shared by every span and instrument Millwright makes. Tags carry ids Millwright made (run, connection,
/// request), system ids, route templates, statuses and outcomes: never a raw path, a query string, a header, a
/// credential or a customer's record (see docs/operations.md, "Metrics and traces").
/// </summary>
internal static class MillwrightTelemetry
{
    /// <summary>Meter and activity source of the server.</summary>
    public const string Name = "Millwright";

    /// <summary>Spans of sync runs and their store work.</summary>
    public static readonly ActivitySource Source = new(Name);

    public const string SystemTag = "millwright.system";
    public const string RequestIdTag = "millwright.request_id";
    public const string RunIdTag = "millwright.sync_run.id";
    public const string ConnectionIdTag = "millwright.connection.id";
    public const string EntityTag = "millwright.entity";
}
