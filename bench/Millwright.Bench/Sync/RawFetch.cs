using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Millwright.Sandbox.MaintainX;

namespace Millwright.Bench.Sync;

/// <summary>What replaying a sync's upstream requests with a plain <see cref="HttpClient"/> took.</summary>
internal sealed record RawFetchResult(int Requests, int Failures, long Bytes, TimeSpan Elapsed, TimeSpan Cpu);

/// <summary>
/// The floor of a sync: the same GET requests the sync made (the URLs the sandbox recorded, in the same order,
/// one after the other as the sync engine sends them), with a plain keep-alive <see cref="HttpClient"/> that
/// reads each body in full and does nothing else with it.
/// </summary>
internal static class RawFetch
{
    public static async Task<RawFetchResult> RunAsync(Uri sandbox, IReadOnlyList<SandboxCall> calls, CancellationToken cancellationToken)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, AutomaticDecompression = DecompressionMethods.None })
        {
            BaseAddress = sandbox,
            Timeout = TimeSpan.FromSeconds(60),
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", MaintainXSandboxSettings.DemoApiKey);
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var failures = 0;
        var bytes = 0L;
        var cpu = Environment.CpuUsage.TotalTime;
        var started = Stopwatch.GetTimestamp();
        foreach (var call in calls)
        {
            using var request = new HttpRequestMessage(new HttpMethod(call.Method), call.PathAndQuery.TrimStart('/'));
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            bytes += body.Length;
            if ((int)response.StatusCode != call.Status)
            {
                failures++;
            }
        }

        return new RawFetchResult(calls.Count, failures, bytes, Stopwatch.GetElapsedTime(started), Environment.CpuUsage.TotalTime - cpu);
    }
}
