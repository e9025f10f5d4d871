using StackExchange.Redis;

namespace Millwright.Server.Features.RateLimits;

/// <summary>
/// The process's one Redis multiplexer, connected on first use. <c>AbortOnConnectFail=false</c>: a Redis
/// that is down at start-up does not stop the server; the client keeps reconnecting in the background.
/// <c>BacklogPolicy.FailFast</c>: while disconnected a command fails at once, so callers fall back to their per-node
/// counts without waiting out the 2 s timeout, and no command queued during an outage is sent after it (a request
/// already counted in memory would then be counted again in Redis).
/// </summary>
internal sealed class RedisConnection(string configuration) : IAsyncDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private ConnectionMultiplexer? multiplexer;

    public async Task<IDatabase> DatabaseAsync() => (await MultiplexerAsync()).GetDatabase();

    public async Task<ConnectionMultiplexer> MultiplexerAsync()
    {
        if (multiplexer is { } ready)
        {
            return ready;
        }

        await gate.WaitAsync();
        try
        {
            if (multiplexer is null)
            {
                var options = ConfigurationOptions.Parse(configuration);
                options.AbortOnConnectFail = false;
                options.ConnectTimeout = 2000;
                options.SyncTimeout = 2000;
                options.AsyncTimeout = 2000;
                options.BacklogPolicy = BacklogPolicy.FailFast;
                multiplexer = await ConnectionMultiplexer.ConnectAsync(options);
            }

            return multiplexer;
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (multiplexer is not null)
        {
            await multiplexer.DisposeAsync();
        }

        gate.Dispose();
    }
}
