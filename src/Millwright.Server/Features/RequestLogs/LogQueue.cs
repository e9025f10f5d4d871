using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Millwright.Connectors.Http;

namespace Millwright.Server.Features.RequestLogs;

/// <summary>
/// The hand-off between requests and <see cref="LogWriter"/>: a bounded channel that never makes a request
/// wait. When the writer falls behind and the channel is full, entries are dropped and counted
/// (<see cref="Dropped"/>) instead. Also the <see cref="IUpstreamCallObserver"/> that feeds upstream
/// health and the calls of sync runs.
/// </summary>
internal sealed partial class LogQueue : IUpstreamCallObserver
{
    private readonly Channel<LogItem> channel;

    /// <summary>Wakes the writer from its pause between writes when a flush is queued (one pending signal at most).</summary>
    private readonly Channel<bool> flushSignal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly ILogger<LogQueue> logger;
    private long dropped;
    private int flushesQueued;

    public LogQueue(IOptions<RequestLogOptions> options, ILogger<LogQueue> logger)
    {
        this.logger = logger;
        channel = Channel.CreateBounded<LogItem>(new BoundedChannelOptions(options.Value.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Entries lost because the queue was full, since start.</summary>
    public long Dropped => Interlocked.Read(ref dropped);

    internal ChannelReader<LogItem> Reader => channel.Reader;

    public void Enqueue(LogItem item)
    {
        if (!channel.Writer.TryWrite(item))
        {
            // Log the first drop and then every 1000th, so a flood does not become a flood of log lines.
            var count = Interlocked.Increment(ref dropped);
            if (count % 1000 == 1)
            {
                LogDropped(count);
            }
        }
    }

    public void OnUpstreamCall(UpstreamCall call, UpstreamCallScope? scope) =>
        Enqueue(new CallItem(call, scope is { Collects: false } ? scope.Owner : null));

    /// <summary>Completes once everything enqueued before the call has been written (tests, shutdown).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var flush = new FlushItem(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        await channel.Writer.WriteAsync(flush, cancellationToken);
        // Counted once it is in the channel, so that a writer that sees the count finds the item.
        Interlocked.Increment(ref flushesQueued);
        flushSignal.Writer.TryWrite(true);
        await flush.Done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// For a reader of the log (the request-log endpoints): ends the writer's pause between writes and waits until what
    /// this node queued before it is written, so that the entry of a call just answered is found; nothing once the queue
    /// is closed (shutting down).
    /// </summary>
    public async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        try
        {
            await FlushAsync(cancellationToken);
        }
        catch (ChannelClosedException)
        {
            // Shutting down: the writer writes what is left by itself.
        }
    }

    /// <summary>The writer has written and completed this many flush items.</summary>
    internal void Flushed(int count) => Interlocked.Add(ref flushesQueued, -count);

    /// <summary>
    /// The writer's pause between two writes: <paramref name="interval"/> on <paramref name="time"/>, or until a flush
    /// is queued. A signal left by a flush that an earlier write already handled does not end it.
    /// </summary>
    internal async Task PauseAsync(TimeSpan interval, TimeProvider time, CancellationToken cancellationToken)
    {
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        using var elapsed = new CancellationTokenSource(interval, time);
        using var pause = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, elapsed.Token);
        try
        {
            while (Volatile.Read(ref flushesQueued) <= 0)
            {
                await flushSignal.Reader.WaitToReadAsync(pause.Token);
                flushSignal.Reader.TryRead(out _);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The interval is over.
        }
    }

    internal void Complete() => channel.Writer.TryComplete();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request log queue full: {Dropped} entries dropped so far")]
    private partial void LogDropped(long dropped);
}

internal abstract record LogItem;

/// <summary>One API call as the middleware saw it; redaction and encoding happen in the writer, off the request.</summary>
internal sealed record ApiCallItem(
    string RequestId,
    string AccountId,
    string Environment,
    string? ConnectionId,
    string CredentialId,
    string Method,
    string Path,
    string? Query,
    int Status,
    double DurationMs,
    DateTimeOffset StartedAt,
    KeyValuePair<string, string>[] RequestHeaders,
    KeyValuePair<string, string>[] ResponseHeaders,
    BodyCapture RequestBody,
    BodyCapture ResponseBody,
    IReadOnlyList<UpstreamCall> UpstreamCalls) : LogItem;

/// <summary>One upstream attempt; <see cref="StreamOwner"/> is the sync run whose log stores it as it happens.</summary>
internal sealed record CallItem(UpstreamCall Call, string? StreamOwner) : LogItem;

internal sealed record FlushItem(TaskCompletionSource Done) : LogItem;
