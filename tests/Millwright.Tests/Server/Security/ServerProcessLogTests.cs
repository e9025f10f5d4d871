using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Security;

/// <summary>
/// Issue 20, item 5, as an operator runs it: the server executable started from another working directory
/// (the repository root, say) still finds its configuration beside itself, and its console never shows a
/// Connect path or a query string, the CLI included.
/// </summary>
public sealed partial class ServerProcessLogTests : IDisposable
{
    private readonly string folder = Path.Combine(TestFolders.Root, "cwd-" + Guid.NewGuid().ToString("n"));

    public ServerProcessLogTests() => Directory.CreateDirectory(Path.Combine(folder, "elsewhere"));

    [Fact]
    public async Task Server_StartedFromAnotherDirectory_LogsNoConnectSecretOrQueryString()
    {
        var data = Path.Combine(folder, "data");
        var created = await RunToEndAsync("accounts", "create", "--name", "Cwd Test", "--data", data);
        var key = SecretKey().Match(created).Value;
        Assert.StartsWith("mw_test_sk_", key, StringComparison.Ordinal);
        var port = FreePort();

        using var server = Start("--data", data, "--urls", $"http://127.0.0.1:{port}");
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        server.OutputDataReceived += (_, e) => output.Enqueue(e.Data ?? "");
        server.ErrorDataReceived += (_, e) => output.Enqueue(e.Data ?? "");
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        string secret;
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            await WaitUntilUpAsync(http);
            http.DefaultRequestHeaders.Authorization = new("Bearer", key);
            using var response = await http.PostAsJsonAsync("/v1/link-sessions", new { end_user = new { id = "cust_1" } });
            var url = (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["url"]!;
            secret = new Uri(url).AbsolutePath["/connect/".Length..];
            (await http.GetAsync(new Uri(url).PathAndQuery + "?probe=query-value-31337")).Dispose();
            (await http.GetAsync("/v1/systems?probe=query-value-31337")).Dispose();
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }

        var console = string.Join('\n', output) + created;
        Assert.DoesNotContain(secret, console, StringComparison.Ordinal);
        Assert.DoesNotContain("query-value-31337", console, StringComparison.Ordinal);
        Assert.DoesNotContain("Request starting", console, StringComparison.Ordinal);
    }

    [GeneratedRegex("mw_test_sk_[0-9A-Za-z]{49}")]
    private static partial Regex SecretKey();

    private Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            // Not the executable's folder: configuration must still be found beside the executable.
            WorkingDirectory = Path.Combine(folder, "elsewhere"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Millwright.Server.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("MILLWRIGHT_DATABASE");
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        return Process.Start(start)!;
    }

    private async Task<string> RunToEndAsync(params string[] args)
    {
        using var process = Start(args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        var output = await stdout + await stderr;
        Assert.True(process.ExitCode == 0, output);
        return output;
    }

    private static async Task WaitUntilUpAsync(HttpClient http)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var health = await http.GetAsync("/healthz");
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (waited.Elapsed < TimeSpan.FromMinutes(1))
            {
            }

            Assert.True(waited.Elapsed < TimeSpan.FromMinutes(1), "the server did not come up");
            await Task.Delay(100);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
