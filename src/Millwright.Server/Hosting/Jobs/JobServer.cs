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
/// The storage is resolved in <see cref="StartAsync"/>, not injected: the host constructs every hosted
/// service before starting the first, and the PostgreSQL storage prepares its schema when constructed,
/// which needs the database that the migration runner (started before this service) creates.
/// </remarks>
internal sealed partial class JobServer(
    IServiceProvider services,
    IJobFilterProvider filters,
    IServiceScopeFactory scopes,
    IOptions<JobOptions> options,
    ILogger<JobServer> logger) : IHostedService, IDisposable
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

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (server is null)
        {
            return;
        }

        try
        {
            server.SendStop();
            await server.WaitForShutdownAsync(cancellationToken);
        }
        catch (ObjectDisposedException)
        {
            // The host disposed the server before stopping it (a failed start-up): it is stopped already.
        }
    }

    public void Dispose() => server?.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Job server started with {Workers} workers on {Storage}")]
    private partial void LogStarted(int workers, string storage);
}
