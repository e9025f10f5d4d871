using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Millwright.Client;
using Millwright.Client.RequestLogs;
using Millwright.Server.Features.RequestLogs;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.RequestLogs;

/// <summary>
/// Logs are written off the request path: the middleware enqueues an entry as the response ends, so a
/// test flushes the writer and asks the API until the entry is there, instead of racing the writer.
/// </summary>
internal static class RequestLogWait
{
    /// <summary>
    /// Generous: on a machine with a load average of 30 the writer can take well over 20 s to get to an entry
    /// (issue 17); a wait returns as soon as the entry is there.
    /// </summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    public static async Task<RequestLog> ForAsync(MillwrightHost host, MillwrightClient keyClient, string id, Func<RequestLog, bool>? until = null)
    {
        var queue = host.Services.GetRequiredService<LogQueue>();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            await queue.FlushAsync();
            try
            {
                var log = await keyClient.GetRequestLogAsync(id);
                if (until is null || until(log))
                {
                    return log;
                }
            }
            catch (MillwrightApiException e) when (e.Status == HttpStatusCode.NotFound && waited.Elapsed < Deadline)
            {
                // Not written yet.
            }

            if (waited.Elapsed > Deadline)
            {
                throw new TimeoutException($"Request log {id} did not reach the expected state.");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Flushes until the entries of every call made so far are written (they are enqueued as each response ends).</summary>
    public static async Task FlushAsync(MillwrightHost host)
    {
        var queue = host.Services.GetRequiredService<LogQueue>();
        await Task.Delay(50);
        await queue.FlushAsync();
    }
}
