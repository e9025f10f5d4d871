using System.Collections.Concurrent;
using System.Diagnostics;
using Millwright.Connectors.Http;
using Millwright.Server.Hosting.Telemetry;

namespace Millwright.Bench.Sync;

/// <summary>
/// Where a sync's time goes, from the spans the server already makes: each upstream call
/// (<c>upstream GET</c>, connector pipeline included) and each page transaction (<c>store write page</c>:
/// mapping, upserts, checkpoint, outbox). What a run spends outside both is the connector's parsing of
/// pages and the engine's work between them. Listens only while <see cref="Recording"/> is on.
/// </summary>
internal sealed class SyncSpans : IDisposable
{
    private readonly ActivityListener listener;
    private readonly ConcurrentQueue<(string Name, TimeSpan Duration)> spans = new();

    public SyncSpans()
    {
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is MillwrightTelemetry.Name or UpstreamTelemetry.SourceName,
            Sample = (ref _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                if (Recording)
                {
                    spans.Enqueue((activity.OperationName, activity.Duration));
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
    }

    public bool Recording { get; set; }

    /// <summary>Count and total seconds per span name since the last take.</summary>
    public Dictionary<string, (int Count, double Seconds)> Take()
    {
        var totals = new Dictionary<string, (int Count, double Seconds)>(StringComparer.Ordinal);
        while (spans.TryDequeue(out var span))
        {
            var (count, seconds) = totals.GetValueOrDefault(span.Name);
            totals[span.Name] = (count + 1, seconds + span.Duration.TotalSeconds);
        }

        return totals;
    }

    public void Dispose() => listener.Dispose();
}
