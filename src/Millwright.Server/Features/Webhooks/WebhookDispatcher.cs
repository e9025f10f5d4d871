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
internal sealed partial class WebhookDispatcher(
    IServiceScopeFactory scopes, IOptions<WebhookOptions> options, WebhookSignal signal, ILogger<WebhookDispatcher> logger) : BackgroundService
{
    private readonly SemaphoreSlim helpers = new(0, 64);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.DispatcherEnabled
            ? Task.WhenAll(Enumerable.Range(0, options.Value.Lanes).Select(lane => Task.Run(() => LaneAsync(lane, stoppingToken), CancellationToken.None)))
            : Task.CompletedTask;

    public override void Dispose()
    {
        helpers.Dispose();
        base.Dispose();
    }

    private async Task LaneAsync(int lane, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            if (lane > 0)
            {
                try
                {
                    await helpers.WaitAsync(stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            int found;
            do
            {
                found = await RoundAsync(stoppingToken);
                if (lane == 0 && found >= options.Value.BatchSize && options.Value.Lanes > 1 && helpers.CurrentCount == 0)
                {
                    helpers.Release(options.Value.Lanes - 1);
                }
            }
            while (found > 0 && !stoppingToken.IsCancellationRequested);

            if (lane == 0)
            {
                await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
        }
    }

    private async Task<int> RoundAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<WebhookBatch>().RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
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
}
