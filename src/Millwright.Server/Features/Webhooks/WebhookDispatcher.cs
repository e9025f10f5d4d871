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
/// Polls the store for due deliveries in <see cref="WebhookOptions.Lanes"/> parallel lanes, each running
/// <see cref="WebhookBatch"/> rounds back to back while there is work and sleeping for the poll interval
/// (or until signalled) when there is none. All state is in the store, so any node can run it.
/// </summary>
internal sealed partial class WebhookDispatcher(
    IServiceScopeFactory scopes, IOptions<WebhookOptions> options, WebhookSignal signal, ILogger<WebhookDispatcher> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.DispatcherEnabled
            ? Task.WhenAll(Enumerable.Range(0, options.Value.Lanes).Select(_ => Task.Run(() => LaneAsync(stoppingToken), CancellationToken.None)))
            : Task.CompletedTask;

    private async Task LaneAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var found = 0;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                found = await scope.ServiceProvider.GetRequiredService<WebhookBatch>().RunAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The store was briefly unreachable, say: the leases expire and the next round tries again.
                LogRoundFailed(ex);
            }

            if (found == 0)
            {
                await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook dispatch round failed")]
    private partial void LogRoundFailed(Exception ex);
}
