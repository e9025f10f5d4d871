using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Millwright.Connectors.Http;
using Millwright.Server.Hosting.Telemetry;

namespace Millwright.Bench.Sync;

/// <summary>
/// Where a sync's time goes, from the spans the server already makes: each upstream call
/// (<c>upstream GET</c>, connector pipeline included), each page transaction (<c>store write page</c>:
/// mapping, upserts, checkpoint, outbox) and the run's other store work (<c>store claim run</c>, <c>store read
/// checkpoint</c>, <c>store finish run</c>). What a run spends outside them is the connector's parsing of
/// pages and the engine's work between them. EF Core's diagnostic events add the time its SQL commands took
/// to execute (named <c>sql …</c> by the first statement of each command), so a page's time splits into the
/// store's and .NET's. Listens only while <see cref="Recording"/> is on.
/// </summary>
internal sealed class SyncSpans : IDisposable, IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    private readonly ActivityListener listener;
    private readonly ConcurrentQueue<(string Name, TimeSpan Duration)> spans = new();
    private readonly List<IDisposable> subscriptions = [];

    public SyncSpans()
    {
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is MillwrightTelemetry.Name or MillwrightTelemetry.StoreName or UpstreamTelemetry.SourceName,
            Sample = (ref _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                // The run's spans only: the client's polling of the run makes request spans (store read caller) too.
                if (Recording && InRun(activity))
                {
                    spans.Enqueue((activity.OperationName, activity.Duration));
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
    }

    public bool Recording { get; set; }

    private static bool InRun(Activity activity)
    {
        for (var a = activity; a is not null; a = a.Parent)
        {
            if (a.OperationName == "sync run")
            {
                return true;
            }
        }

        return false;
    }

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

    public void Dispose()
    {
        listener.Dispose();
        lock (subscriptions)
        {
            subscriptions.ForEach(s => s.Dispose());
        }
    }

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name)
        {
            lock (subscriptions)
            {
                subscriptions.Add(value.Subscribe(this, name => name == RelationalEventId.CommandExecuted.Name));
            }
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (Recording && value.Value is CommandExecutedEventData executed)
        {
            spans.Enqueue((SqlName(executed.Command.CommandText), executed.Duration));
        }
    }

    void IObserver<DiagnosticListener>.OnCompleted()
    {
    }

    void IObserver<DiagnosticListener>.OnError(Exception error)
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnCompleted()
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error)
    {
    }

    /// <summary><c>sql INSERT records</c>, <c>sql SELECT records</c>, … from the first statement of a command.</summary>
    private static string SqlName(string text)
    {
        var words = text[..Math.Min(text.Length, 4_000)].Split([' ', '\n', '\r', '\t', '(', ',', '"'], StringSplitOptions.RemoveEmptyEntries);
        var verb = words.Length > 0 ? words[0].ToUpperInvariant() : "?";
        var at = Array.FindIndex(words, w => w.ToUpperInvariant() is "INTO" or "FROM" or "UPDATE");
        var table = verb == "UPDATE" && words.Length > 1 ? words[1] : at >= 0 && at + 1 < words.Length ? words[at + 1] : "";
        return $"sql {verb} {table.Trim('"', '`', '[', ']')}".TrimEnd();
    }
}
