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

    /// <summary>Spans of sync runs.</summary>
    public static readonly ActivitySource Source = new(Name);

    /// <summary>Name of <see cref="Store"/>.</summary>
    public const string StoreName = "Millwright.Store";

    /// <summary>
    /// Spans of store work, started where a request or a run reads or writes the store (caller lookup, record pages,
    /// page writes, run bookkeeping), so they are children of that request's or run's span. SQLite has no
    /// instrumentation of its own and the hot paths use plain ADO.NET (ADR 0028, 0031); the same spans cover
    /// PostgreSQL. Their tags name the operation, the entity and row counts: never SQL parameters or values.
    /// <see cref="ActivitySource.StartActivity(string, ActivityKind)"/> returns null when nothing listens, so
    /// they cost nothing with tracing off.
    /// </summary>
    public static readonly ActivitySource Store = new(StoreName);

    public const string SystemTag = "millwright.system";
    public const string RequestIdTag = "millwright.request_id";
    public const string RunIdTag = "millwright.sync_run.id";
    public const string ConnectionIdTag = "millwright.connection.id";
    public const string EntityTag = "millwright.entity";
    public const string CallerKindTag = "millwright.caller.kind";
    public const string RowsTag = "millwright.store.rows";
}
