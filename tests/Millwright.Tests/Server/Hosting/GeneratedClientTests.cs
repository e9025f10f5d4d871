using System.Diagnostics;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Hosting;

/// <summary>
/// A TypeScript client generated from the served document (openapi-typescript, openapi-fetch) compiles with
/// <c>tsc --strict</c> against tools/openapi/client/check.ts, which reads expanded assets, date-times and
/// numbers without casts, and runs against the server with the sandboxes' data (issue 19).
/// </summary>
[Collection(ContractScenario.Collection)]
public sealed class GeneratedClientTests(ContractScenario scenario)
{
    private static readonly string Tools = RepositoryFiles.PathOf("tools", "openapi");

    [Fact]
    public async Task TypeScriptClient_GeneratedCompiledStrictAndRun_ReadsTypedRecords()
    {
        if (!File.Exists(Path.Combine(Tools, "node_modules", "typescript", "bin", "tsc")))
        {
            await RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], TimeSpan.FromMinutes(4));
        }

        var generated = Path.Combine(Tools, "client", "generated");
        Directory.CreateDirectory(generated);
        await File.WriteAllTextAsync(Path.Combine(generated, "v1.json"), scenario.DocumentText);
        await RunAsync("node", ["node_modules/openapi-typescript/bin/cli.js", "client/generated/v1.json", "-o", "client/generated/schema.ts"], TimeSpan.FromMinutes(2));
        await RunAsync("node", ["node_modules/typescript/bin/tsc", "-p", "tsconfig.json"], TimeSpan.FromMinutes(3));

        var (_, _, token) = scenario.Connections[0];
        var output = await RunAsync("node", ["client/out/check.js", scenario.Host.BaseAddress.ToString().TrimEnd('/'), token], TimeSpan.FromMinutes(1));

        Assert.Matches(@"^ok: \d+ work orders, [1-9]\d* with their asset", output.Trim());
    }

    private static async Task<string> RunAsync(string file, string[] arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = Tools,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish within {timeout}.");
        }

        var output = await stdout + await stderr;
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{output}");
        return await stdout;
    }
}
