using Microsoft.Extensions.Options;

namespace Millwright.Server.Features.Webhooks;

/// <summary>Wakes an idle dispatcher lane early (a test, retry or replay was just stored).</summary>
internal sealed class WebhookSignal : IDisposable
{
    private readonly SemaphoreSlim semaphore = new(0, 1);

    public void Notify()
    {
        try
        {
            semaphore.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await semaphore.WaitAsync(timeout, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    public void Dispose() => semaphore.Dispose();
}

/// <summary>
/// Polls the store for due deliveries. Lane 0 polls every <see cref="WebhookOptions.PollInterval"/> (or when
/// signalled); when it finds a full batch it wakes the other lanes, which run batches back to back until the
/// backlog is gone and then sleep again. An idle node thus holds one store connection, not one per lane.
/// All state is in the store, so any node can run it.
/// </summary>
/// <remarks>
/// Stopping drains (issue 17): as soon as the host starts stopping (<see cref="StoppingAsync"/>, before Kestrel drains
/// its requests) no lane claims another batch, and a batch in flight finishes the attempts it has started, records
/// them, and hands back the deliveries it claimed but had not yet sent, so another node sends those at once and
/// nothing reaches a receiver twice. Only when the host's shutdown timeout runs out are the attempts still in flight
/// cancelled; that batch's unrecorded deliveries are handed back too (and may reach their receiver a second time).
/// </remarks>
internal sealed partial class WebhookDispatcher(
    IServiceScopeFactory scopes, IOptions<WebhookOptions> options, WebhookSignal signal, ILogger<WebhookDispatcher> logger) : IHostedLifecycleService, IDisposable
{
    private readonly SemaphoreSlim helpers = new(0, 64);

    /// <summary>Cancelled when the host starts stopping: no new batch is claimed, no claimed delivery starts.</summary>
    private readonly CancellationTokenSource draining = new();

    /// <summary>Cancelled when the host's shutdown timeout runs out: attempts in flight are abandoned.</summary>
    private readonly CancellationTokenSource aborting = new();

    private Task lanes = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.DispatcherEnabled)
        {
            lanes = Task.WhenAll(Enumerable.Range(0, options.Value.Lanes).Select(lane => Task.Run(() => LaneAsync(lane), CancellationToken.None)));
        }

        return Task.CompletedTask;
    }

    public Task StoppingAsync(CancellationToken cancellationToken) => draining.CancelAsync();

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await draining.CancelAsync();
        if (lanes.IsCompleted)
        {
            return;
        }

        LogDraining();
        await using var abort = cancellationToken.Register(static state => ((CancellationTokenSource)state!).Cancel(), aborting);
        try
        {
            await lanes.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host stops waiting; the aborted batches hand their deliveries back as they unwind.
            LogDrainCutShort();
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        helpers.Dispose();
        draining.Dispose();
        aborting.Dispose();
    }

    private async Task LaneAsync(int lane)
    {
        var stopping = draining.Token;
        while (!stopping.IsCancellationRequested)
        {
            if (lane > 0)
            {
                try
                {
                    await helpers.WaitAsync(stopping);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            int found;
            do
            {
                found = await RoundAsync();
                if (lane == 0 && found >= options.Value.BatchSize && options.Value.Lanes > 1 && helpers.CurrentCount == 0)
                {
                    helpers.Release(options.Value.Lanes - 1);
                }
            }
            while (found > 0 && !stopping.IsCancellationRequested);

            if (lane == 0)
            {
                await signal.WaitAsync(options.Value.PollInterval, stopping);
            }
        }
    }

    private async Task<int> RoundAsync()
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<WebhookBatch>().RunAsync(draining.Token, aborting.Token);
        }
        catch (OperationCanceledException) when (draining.IsCancellationRequested)
        {
            return 0;
        }
        catch (Exception ex)
        {
            // The store was briefly unreachable, say: the leases expire and the next round tries again.
            LogRoundFailed(ex);
            return 0;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook dispatch round failed")]
    private partial void LogRoundFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook dispatcher stopping: attempts in flight finish and are recorded, claimed deliveries not yet sent are handed back")]
    private partial void LogDraining();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook dispatcher: the shutdown timeout ran out with attempts in flight; they were cancelled and their deliveries handed back")]
    private partial void LogDrainCutShort();
}
