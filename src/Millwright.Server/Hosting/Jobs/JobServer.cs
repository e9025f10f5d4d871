using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Common;
using Microsoft.Extensions.Options;

namespace Millwright.Server.Hosting.Jobs;

/// <summary>
/// This host's Hangfire server: workers activate jobs from this host's container (a scope per job),
/// and stop with the host, cancelling the <see cref="CancellationToken"/> that running jobs receive.
/// </summary>
/// <remarks>
/// <para>
/// The stop is sent as soon as the host starts stopping (<see cref="StoppingAsync"/>), while Kestrel still drains its
/// requests: no worker fetches another job meanwhile, and running syncs give their leases back at once (they resume on
/// another node from their checkpoint). <see cref="StopAsync"/> then waits for the workers, at most until the host's
/// shutdown timeout; a server that has not stopped by then is left to the process exit rather than failing the
/// shutdown (which would end the process with a non-zero code).
/// </para>
/// <para>
/// The storage is resolved in <see cref="StartAsync"/>, not injected: the host constructs every hosted
/// service before starting the first, and the PostgreSQL storage prepares its schema when constructed,
/// which needs the database that the migration runner (started before this service) creates.
/// </para>
/// </remarks>
internal sealed partial class JobServer(
    IServiceProvider services,
    IJobFilterProvider filters,
    IServiceScopeFactory scopes,
    IOptions<JobOptions> options,
    ILogger<JobServer> logger) : IHostedLifecycleService, IDisposable
{
    private BackgroundJobServer? server;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var storage = services.GetRequiredService<JobStorage>();
        server = new BackgroundJobServer(
            new BackgroundJobServerOptions
            {
                WorkerCount = o.Workers,
                SchedulePollingInterval = o.PollInterval,
                ShutdownTimeout = o.ShutdownTimeout,
                Activator = new AspNetCoreJobActivator(scopes),
                FilterProvider = filters,
            },
            storage);
        LogStarted(o.Workers, storage.GetType().Name);
        return Task.CompletedTask;
    }

    public Task StoppingAsync(CancellationToken cancellationToken)
    {
        SendStop();
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!SendStop())
        {
            return;
        }

        try
        {
            await server!.WaitForShutdownAsync(cancellationToken);
        }
        catch (ObjectDisposedException)
        {
            // The host disposed the server before stopping it (a failed start-up): it is stopped already.
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogStopCutShort();
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => server?.Dispose();

    /// <summary>Tells the workers to fetch nothing more and cancels the running jobs; false when no server runs.</summary>
    private bool SendStop()
    {
        try
        {
            server?.SendStop();
            return server is not null;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job server started with {Workers} workers on {Storage}")]
    private partial void LogStarted(int workers, string storage);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job server: the shutdown timeout ran out before every worker stopped")]
    private partial void LogStopCutShort();
}
