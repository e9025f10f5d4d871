using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Millwright.Server.Hosting.Modules;

namespace Millwright.Tests.Server.Hosting;

/// <summary>The README's run command, as a new user runs it: a real process, its console output, and the curl line it prints.</summary>
public sealed partial class DemoCommandTests : IDisposable
{
    private readonly string data = Path.Combine(Path.GetTempPath(), "millwright-demo-tests", Guid.NewGuid().ToString("n"));

    [Fact]
    public async Task Demo_RunTwiceOnSameData_PrintsWorkingCredentialsEachTimeAndReusesTheConnection()
    {
        var first = await RunDemoAsync();
        var second = await RunDemoAsync();

        Assert.Equal(first.ConnectionId, second.ConnectionId);
        Assert.NotEqual(first.Token, second.Token);
        Assert.NotEqual(first.SecretKey, second.SecretKey);
    }

    private async Task<DemoOutput> RunDemoAsync()
    {
        var port = FreePort();
        var baseUrl = $"http://127.0.0.1:{port}/";
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "Millwright.Server.dll"), "demo", "--data", data, "--urls", baseUrl })
        {
            start.ArgumentList.Add(arg);
        }

        // The demo as shipped, on smaller seed data (as an operator may set it), so that five first syncs fit
        // the time limit on a busy machine too.
        foreach (var (section, setting) in new[] { ("MaintainX", "WorkOrderCount"), ("Maximo", "WorkOrderCount"), ("Fiix", "WorkOrderCount"), ("Sap", "MaintenanceOrderCount"), ("Odoo", "RequestCount") })
        {
            start.Environment[$"Millwright__Sandbox__{section}__{setting}"] = "300";
        }

        using var process = Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        var ready = new TaskCompletionSource();
        process.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (e.Data?.Contains("curl -H", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var finished = await Task.WhenAny(ready.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromMinutes(3)));
            string text;
            lock (output)
            {
                text = output.ToString();
            }

            Assert.True(ready.Task.IsCompleted, "The demo did not print its curl line:\n" + text);
            var result = new DemoOutput(
                SecretKey().Match(text).Value,
                Token().Match(text).Value,
                Connection().Match(text).Value);
            var curl = CurlLine().Match(text);
            Assert.True(curl.Success, text);
            Assert.Equal(result.Token, curl.Groups[1].Value);
            Assert.Equal($"{baseUrl}v1/work-orders", curl.Groups[2].Value);
            foreach (var module in VendorModules.All)
            {
                // Every system on the same kind of line: its sync, then its connection and token.
                Assert.True(Regex.IsMatch(text, $"{Regex.Escape(module.Name)} sync (full|incremental) succeeded"), text);
                Assert.True(Regex.IsMatch(text, $"{Regex.Escape(module.Name)} sandbox: connection conn_[A-Za-z0-9]+, connection token mw_test_ct_[A-Za-z0-9]+"), text);
            }


            // Do what the printed line says.
            using var http = new HttpClient();
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"{baseUrl}healthz")).StatusCode);
            using var request = new HttpRequestMessage(HttpMethod.Get, curl.Groups[2].Value);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", result.Token);
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(50, page.RootElement.GetProperty("data").GetArrayLength());
            return result;
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(data))
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed record DemoOutput(string SecretKey, string Token, string ConnectionId);

    [GeneratedRegex(@"mw_test_sk_[A-Za-z0-9]+")]
    private static partial Regex SecretKey();

    [GeneratedRegex(@"mw_test_ct_[A-Za-z0-9]+")]
    private static partial Regex Token();

    [GeneratedRegex(@"conn_[A-Za-z0-9]+")]
    private static partial Regex Connection();

    [GeneratedRegex("curl -H \"Authorization: Bearer (mw_test_ct_[A-Za-z0-9]+)\" (\\S+)")]
    private static partial Regex CurlLine();
}
