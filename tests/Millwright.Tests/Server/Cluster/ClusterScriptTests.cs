using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Millwright.Sandbox.MaintainX;
using Millwright.Tests.Support;
using Xunit.Abstractions;

namespace Millwright.Tests.Server.Cluster;

/// <summary>
/// The operator's <c>scripts/cluster.sh</c> as the README pastes it, run for real with two nodes: its own PostgreSQL
/// and Redis on free ports (never the suite's or the machine's shared servers), its own state folder, and the server
/// built beside the tests (<c>MILLWRIGHT_SERVER_DLL</c>, so no rebuild). Every node it prints answers <c>/readyz</c>; an
/// account made with the CLI from the environment the script wrote serves on both nodes, a credential sealed by one
/// node is opened by the other; <c>status</c> reports both; <c>down</c> stops both by pid and frees their ports, and
/// leaves PostgreSQL and Redis running, as the script says (the test stops them).
/// </summary>
public sealed partial class ClusterScriptTests(ITestOutputHelper output) : IDisposable
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly string state = Path.Combine(TestFolders.Root, "cluster-script-" + Guid.NewGuid().ToString("n"));
    private readonly int pgPort = FreePort();
    private readonly int redisPort = FreePort();
    private readonly List<int> nodePids = [];

    [ClusterFact]
    public async Task UpTwoStatusDown_NodesShareStoreAndKey_DownStopsThemAndLeavesTheServers()
    {
        var first = FreePortPair();
        var environment = new Dictionary<string, string>
        {
            ["MILLWRIGHT_CLUSTER_STATE"] = state,
            ["MILLWRIGHT_CLUSTER_PORT"] = first.ToString(CultureInfo.InvariantCulture),
            ["MILLWRIGHT_PG_PORT"] = pgPort.ToString(CultureInfo.InvariantCulture),
            ["MILLWRIGHT_REDIS_PORT"] = redisPort.ToString(CultureInfo.InvariantCulture),
            ["MILLWRIGHT_SERVER_DLL"] = Path.Combine(AppContext.BaseDirectory, "Millwright.Server.dll"),
            // Node 1's shared MaintainX sandbox is the connection's vendor; node 2 reaches it as an operator-allowed endpoint.
            ["Millwright__SandboxSharedMounts"] = "true",
            ["Millwright__Upstream__AllowedAddresses__0"] = $"127.0.0.1:{first}",
            ["Millwright__Upstream__AllowedAddresses__1"] = $"127.0.0.1:{first + 1}",
            ["Millwright__Sandbox__MaintainX__WorkOrderCount"] = "20",
            ["Millwright__Sandbox__MaintainX__AssetCount"] = "10",
            ["Logging__LogLevel__Default"] = "Warning",
        };

        var up = await ScriptAsync(environment, "up", "2");
        var nodes = NodeLine().Matches(up.Stdout).Select(m => (Url: new Uri(m.Groups[1].Value), Pid: int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))).ToList();
        nodePids.AddRange(nodes.Select(n => n.Pid));
        Step("up 2");
        Assert.True(nodes.Count == 2, up.Stdout + up.Stderr);
        Assert.Equal([first, first + 1], nodes.Select(n => n.Url.Port));
        using var plain = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        foreach (var (url, _) in nodes)
        {
            Assert.Equal(HttpStatusCode.OK, (await plain.GetAsync(new Uri(url, "/readyz"))).StatusCode);
        }

        // The CLI with what the nodes got (data/cluster/env, as the script's hint sources it) makes the account.
        var nodeEnvironment = ReadEnvironment(Path.Combine(state, "env"));
        Assert.Equal($"127.0.0.1:{redisPort}", nodeEnvironment["MILLWRIGHT_REDIS"]);
        Assert.Contains($"Port={pgPort};", nodeEnvironment["MILLWRIGHT_DATABASE"], StringComparison.Ordinal);
        var created = await ServerNode.RunCliAsync(nodeEnvironment, "accounts", "create", "--name", "Script", "--data", Path.Combine(state, "cli"));
        var key = SecretKey().Match(created).Value;
        Assert.StartsWith("mw_test_sk_", key, StringComparison.Ordinal);
        Step("account made with the CLI");

        // A connection made on node 1 (its credential sealed there) is used by node 2: passthrough opens the credential.
        using var one = Client(nodes[0].Url, key);
        using var two = Client(nodes[1].Url, key);
        var mount = new Uri(nodes[0].Url, "/sandbox/maintainx/");
        using var made = await one.PostAsJsonAsync("/v1/connections", new
        {
            system = "maintainx",
            settings = new { base_url = MaintainXSandboxModule.ApiBaseUrl(mount).ToString().TrimEnd('/') },
            credentials = new { api_key = MaintainXSandboxSettings.DemoApiKey },
        });
        var body = await made.Content.ReadAsStringAsync();
        Assert.True(made.StatusCode == HttpStatusCode.Created, body);
        var connection = (string)JsonNode.Parse(body)!["connection"]!["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await two.GetAsync(new Uri($"/v1/connections/{connection}", UriKind.Relative))).StatusCode);
        two.DefaultRequestHeaders.Add("Millwright-Connection", connection);
        using var passthrough = await two.PostAsJsonAsync("/v1/passthrough", new { method = "GET", path = "workorders", query = new { limit = 1 } });
        Assert.True(passthrough.StatusCode == HttpStatusCode.OK, await passthrough.Content.ReadAsStringAsync());
        Step("connection made on node 1, its credential used by node 2");

        var status = await ScriptAsync(environment, "status");
        foreach (var (url, pid) in nodes)
        {
            Assert.Matches($@"{Regex.Escape(url.ToString().TrimEnd('/'))}\s+pid {pid}\s+running\s+/readyz 200", status.Stdout);
        }

        await ScriptAsync(environment, "down");
        Step("down");
        foreach (var (url, pid) in nodes)
        {
            Assert.False(Alive(pid), $"pid {pid} still runs after down");
            Assert.True(PortFree(url.Port), $"port {url.Port} is still taken after down");
        }

        Assert.Contains("no cluster", (await ScriptAsync(environment, "status")).Stdout, StringComparison.Ordinal);
        // The script's contract: PostgreSQL and Redis keep running (they may be the suite's servers too).
        Assert.False(PortFree(pgPort), "PostgreSQL stopped with the cluster");
        Assert.False(PortFree(redisPort), "Redis stopped with the cluster");
    }

    private void Step(string what) => output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s  {what}");

    private static HttpClient Client(Uri baseAddress, string key)
    {
        var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", key);
        return http;
    }

    /// <summary>Runs <c>scripts/cluster.sh</c> from the repository root to its end, in an environment without the suite's own settings.</summary>
    private static async Task<(string Stdout, string Stderr)> ScriptAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = RepositoryRoot(), RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("scripts/cluster.sh");
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in start.Environment.Keys.Where(n => n.StartsWith("MILLWRIGHT_", StringComparison.Ordinal) || n.StartsWith("Millwright__", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        var result = (await stdout, await stderr);
        Assert.True(process.ExitCode == 0, $"cluster.sh {string.Join(' ', args)} exited with {process.ExitCode}:\n{result.Item1}\n{result.Item2}");
        return result;
    }

    private static Dictionary<string, string> ReadEnvironment(string file) =>
        File.ReadAllLines(file).Select(line => ExportLine().Match(line)).Where(m => m.Success)
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.Ordinal);

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "scripts", "cluster.sh")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("scripts/cluster.sh not found above " + AppContext.BaseDirectory);
    }

    private static bool Alive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static bool PortFree(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return false;
        }
        catch (SocketException)
        {
            return true;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A free port whose next one is free too: the script gives the nodes consecutive free ports from the first.</summary>
    private static int FreePortPair()
    {
        while (true)
        {
            var port = FreePort();
            if (port < IPEndPoint.MaxPort && PortFree(port + 1))
            {
                return port;
            }
        }
    }

    [GeneratedRegex(@"^node \d+\s+(http://127\.0\.0\.1:\d+)\s+pid (\d+)", RegexOptions.Multiline)]
    private static partial Regex NodeLine();

    [GeneratedRegex("mw_test_sk_[0-9A-Za-z]{49}")]
    private static partial Regex SecretKey();

    [GeneratedRegex(@"^export ([A-Z_]+)='([^']*)'$")]
    private static partial Regex ExportLine();

    /// <summary>Whatever the test left running: nodes by pid, then the PostgreSQL and Redis the script started for it.</summary>
    public void Dispose()
    {
        foreach (var pid in nodePids.Where(Alive))
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
            process.WaitForExit();
        }

        var pgData = $"/tmp/millwright-pg-{pgPort}";
        if (Directory.Exists(pgData))
        {
            var bin = Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", "pg_ctl")).Where(File.Exists).Order().LastOrDefault();
            if (bin is not null)
            {
                Run("runuser", "-u", "postgres", "--", bin, "-D", pgData, "-m", "immediate", "-w", "stop");
            }

            Directory.Delete(pgData, recursive: true);
        }

        Run("redis-cli", "-h", "127.0.0.1", "-p", redisPort.ToString(CultureInfo.InvariantCulture), "shutdown", "nosave");
        foreach (var folder in new[] { $"/tmp/millwright-redis-{redisPort}", state })
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static void Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit(30_000);
    }
}
