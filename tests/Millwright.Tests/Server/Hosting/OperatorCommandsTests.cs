using System.Net;
using System.Text.RegularExpressions;
using Millwright.Client;
using Millwright.Client.Audit;
using Millwright.Client.Errors;
using Millwright.Server.Hosting.Cli;
using Millwright.Tests.Server.Dashboard;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Hosting;

/// <summary>
/// The operator's journey through the command line entry (<see cref="Launch.Parse"/>, as Program runs it) on a
/// temporary data folder (or its PostgreSQL database), with a server sharing that store.
/// </summary>
public sealed partial class OperatorCommandsTests
{
    private readonly string data = Path.Combine(TestFolders.Root, Guid.NewGuid().ToString("n"));

    [Fact]
    public async Task OperatorCommands_CreateAccountIssueLiveKeyRevoke_WorkAgainstAServerSharingTheStore()
    {
        var (created, createOutput) = await RunAsync("accounts", "create", "--name", "Plant Nord GmbH");
        var accountId = AccountId().Match(createOutput).Value;
        var testKey = Regex.Match(createOutput, @"mw_test_sk_\w+").Value;
        var liveKey = Regex.Match(createOutput, @"mw_live_sk_\w+").Value;
        var (issued, issueOutput) = await RunAsync("keys", "issue", "--account", accountId, "--environment", "live", "--name", "backend");
        var issuedKey = Regex.Match(issueOutput, @"mw_live_sk_\w+").Value;
        var issuedId = Regex.Match(issueOutput, @"key_\w+").Value;
        var (listed, listOutput) = await RunAsync("accounts", "list");

        Assert.Equal(0, created);
        Assert.Equal(0, issued);
        Assert.Equal(0, listed);
        Assert.NotEmpty(accountId);
        Assert.Contains(accountId, listOutput, StringComparison.Ordinal);
        Assert.Matches(accountId + @"\s+\S+ \S+\s+1\s+2\s+Plant Nord GmbH", listOutput);

        using var host = new MillwrightHost(dataDirectory: data);
        var live = new MillwrightClient(host.Http(), issuedKey);
        var liveKeys = await live.ListApiKeysAsync();
        Assert.Equal(2, liveKeys.Count);
        Assert.All(liveKeys, k => Assert.Equal("live", k.Environment));
        Assert.Equal("backend", Assert.Single(liveKeys, k => k.Id == issuedId).Name);
        Assert.Empty((await live.ListConnectionsAsync()).Data);
        Assert.All(await new MillwrightClient(host.Http(), testKey).ListApiKeysAsync(), k => Assert.Equal("test", k.Environment));

        // The dashboard's Live view opens with the live key.
        using var browser = new DashboardBrowserless(host.BaseAddress);
        using (var signIn = await browser.SignInAsync(liveKey))
        {
            Assert.Equal(HttpStatusCode.SeeOther, signIn.StatusCode);
        }

        using (var page = await browser.GetAsync("/dashboard/keys"))
        {
            var html = await page.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("data-environment=\"live\"", html, StringComparison.Ordinal);
            Assert.Contains(issuedId, html, StringComparison.Ordinal);
        }

        var (revoked, revokeOutput) = await RunAsync("keys", "revoke", issuedId);
        Assert.Equal(0, revoked);
        Assert.Contains("revoked", revokeOutput, StringComparison.Ordinal);
        var refused = await Assert.ThrowsAsync<MillwrightApiException>(() => live.ListApiKeysAsync());
        Assert.Equal(ErrorCodes.InvalidToken, refused.Code);

        var audit = (await new MillwrightClient(host.Http(), liveKey).ListAuditEventsAsync(new() { Type = "api_key.*" })).Data;
        Assert.Contains(audit, e => e is { Type: AuditEventTypes.ApiKeyRevoked, ActorType: "operator" } && e.SubjectId == issuedId);
        Assert.Contains(audit, e => e is { Type: AuditEventTypes.ApiKeyCreated, ActorType: "operator" } && e.SubjectId == issuedId);
        Assert.All(audit, e => Assert.Equal("live", e.Environment));
    }

    [Fact]
    public async Task OperatorCommands_UnknownAccountOrEnvironment_FailWithoutIssuingAKey()
    {
        var (unknown, output) = await RunAsync("keys", "issue", "--account", "acct_missing", "--environment", "live");
        var badEnvironment = Launch.Parse(["keys", "issue", "--account", "acct_x", "--environment", "prod", "--data", data]);
        var (revokeMissing, revokeOutput) = await RunAsync("keys", "revoke", "key_missing");

        Assert.Equal(1, unknown);
        Assert.Contains("NOT_FOUND", output, StringComparison.Ordinal);
        Assert.DoesNotContain("mw_live_sk_", output, StringComparison.Ordinal);
        Assert.NotNull(badEnvironment.ExitCode);
        Assert.NotEqual(0, badEnvironment.ExitCode);
        Assert.Null(badEnvironment.Operator);
        Assert.Equal(1, revokeMissing);
        Assert.Contains("key_missing", revokeOutput, StringComparison.Ordinal);
    }

    /// <summary>Runs one command line as Program does, on this test's store.</summary>
    private async Task<(int Exit, string Output)> RunAsync(params string[] command)
    {
        var args = new List<string>(command) { "--data", data };
        if (TestDatabases.PostgresConnectionString(data) is { } postgres)
        {
            args.Add($"--Millwright:Database={postgres}");
        }

        var launch = Launch.Parse([.. args]);
        Assert.Null(launch.ExitCode);
        Assert.NotNull(launch.Operator);
        using var output = new StringWriter();
        var exit = await launch.Operator(launch.HostArgs, output);
        return (exit, output.ToString());
    }

    [GeneratedRegex(@"acct_\w+")]
    private static partial Regex AccountId();
}
