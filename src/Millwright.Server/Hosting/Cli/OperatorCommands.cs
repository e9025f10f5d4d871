using System.CommandLine;
using System.Globalization;
using Millwright.Server.Features.Accounts;
using Millwright.Server.Features.Audit;
using Millwright.Server.Features.Auth;
using Millwright.Server.Features.Keys;
using Millwright.Server.Hosting.Errors;
using Millwright.Server.Persistence;

namespace Millwright.Server.Hosting.Cli;

/// <summary>
/// Operator commands: <c>accounts create --name …</c> (prints one test and one live secret key, shown once),
/// <c>accounts list</c>, <c>keys issue --account … --environment live|test</c>, <c>keys revoke &lt;key id&gt;</c>
/// and <c>audit list</c>. Over HTTP a key only manages keys of its own environment; this is the one way to
/// create accounts and their first live keys, so it needs access to the store itself (the data folder or
/// <c>MILLWRIGHT_DATABASE</c>), read from the same settings as the server. The web server is not started.
/// </summary>
internal static class OperatorCommands
{
    /// <param name="data">The shared <c>--data</c> option.</param>
    /// <param name="choose">Receives the command to run once parsing picked one.</param>
    public static IEnumerable<Command> Build(Option<string?> data, Action<Func<string[], TextWriter, Task<int>>> choose)
    {
        var name = new Option<string>("--name") { Description = "The account's name, e.g. your customer's company.", Required = true };
        var create = Leaf("create", "Create an account and print its first test and live secret keys (shown once).", data);
        create.Add(name);
        create.SetAction(parsed =>
        {
            var value = parsed.GetValue(name)!;
            choose((args, output) => RunAsync(args, output, async (services, ct) =>
            {
                var account = await services.GetRequiredService<AccountProvisioning>().CreateAsync(value, ct);
                await output.WriteLineAsync($"Account {account.AccountId} ({value.Trim()}) created.");
                await output.WriteLineAsync($"test secret key: {account.TestSecretKey}");
                await output.WriteLineAsync($"live secret key: {account.LiveSecretKey}");
                await output.WriteLineAsync("Store them now: they are shown this once (Millwright keeps only their hashes).");
            }));
        });

        var list = Leaf("list", "List accounts with their active secret keys per environment.", data);
        list.SetAction(_ => choose((args, output) => RunAsync(args, output, async (services, ct) =>
        {
            var accounts = await services.GetRequiredService<AccountProvisioning>().ListAsync(ct);
            await output.WriteLineAsync($"{"ID",-26} {"CREATED (UTC)",-17} {"TEST KEYS",9} {"LIVE KEYS",9}  NAME");
            foreach (var a in accounts)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{a.Id,-26} {a.CreatedAt.UtcDateTime,-17:yyyy-MM-dd HH:mm} {a.TestKeys,9} {a.LiveKeys,9}  {a.Name}"));
            }
        })));

        var account = new Option<string>("--account") { Description = "The account id (acct_…).", Required = true };
        var environment = new Option<string>("--environment") { Description = "test or live.", Required = true };
        environment.AcceptOnlyFromAmong(AccountEnvironments.Test, AccountEnvironments.Live);
        var keyName = new Option<string?>("--name") { Description = "A label to recognise the key by." };
        var issue = Leaf("issue", "Issue a secret key of an account in one environment (shown once).", data);
        issue.Add(account);
        issue.Add(environment);
        issue.Add(keyName);
        issue.SetAction(parsed =>
        {
            var (accountId, env, label) = (parsed.GetValue(account)!, parsed.GetValue(environment)!, parsed.GetValue(keyName));
            choose((args, output) => RunAsync(args, output, async (services, ct) =>
            {
                var key = await services.GetRequiredService<AccountProvisioning>().IssueAsync(accountId, env, label, ct);
                await output.WriteLineAsync($"Key {key.Id} issued for {accountId} ({env}).");
                await output.WriteLineAsync($"{env} secret key: {key.Key}");
                await output.WriteLineAsync("Store it now: it is shown this once.");
            }));
        });

        var keyId = new Argument<string>("key-id") { Description = "The key's id (key_…), as GET /v1/api-keys and the dashboard show it." };
        var revoke = Leaf("revoke", "Revoke a secret key at once.", data);
        revoke.Add(keyId);
        revoke.SetAction(parsed =>
        {
            var id = parsed.GetValue(keyId)!;
            choose((args, output) => RunAsync(args, output, async (services, ct) =>
            {
                var (owner, env) = await services.GetRequiredService<AccountProvisioning>().RevokeKeyAsync(id, ct);
                await output.WriteLineAsync($"Key {id} of {owner} ({env}) revoked: it stops working at once.");
            }));
        });

        var auditAccount = new Option<string?>("--account") { Description = "The account id; without it, installation-wide events (failed-authentication bursts that name no account)." };
        var auditEnvironment = new Option<string>("--environment") { Description = "test or live (with --account).", DefaultValueFactory = _ => AccountEnvironments.Live };
        auditEnvironment.AcceptOnlyFromAmong(AccountEnvironments.Test, AccountEnvironments.Live);
        var auditList = Leaf("list", "List the newest audit events (100).", data);
        auditList.Add(auditAccount);
        auditList.Add(auditEnvironment);
        auditList.SetAction(parsed =>
        {
            var (accountId, env) = (parsed.GetValue(auditAccount), parsed.GetValue(auditEnvironment));
            choose((args, output) => RunAsync(args, output, async (services, ct) =>
            {
                var page = await AuditEndpoints.ListAsync(services.GetRequiredService<MillwrightDb>(), accountId, accountId is null ? null : env,
                    new AuditFilter(null, null, null, 100, null), services.GetRequiredService<AuditCleanup>().Cutoff, ct);
                foreach (var e in page.Data)
                {
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"{e.CreatedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} {e.Type,-26} {e.ActorType}:{e.ActorId ?? "-"} {e.SubjectType}:{e.SubjectId} {e.IpAddress ?? "-"} {e.RequestId ?? "-"}"));
                }
            }));
        });

        return
        [
            new Command("accounts", "Create and list accounts (operators).") { create, list },
            new Command("keys", "Issue and revoke secret keys of any account and environment (operators).") { issue, revoke },
            new Command("audit", "Read the audit log (operators).") { auditList },
        ];
    }

    private static Command Leaf(string name, string description, Option<string?> data) =>
        new(name, description) { TreatUnmatchedTokensAsErrors = false, Options = { data } };

    /// <summary>Builds the store and the services the commands use from the server's settings, migrates, runs one command.</summary>
    private static async Task<int> RunAsync(string[] args, TextWriter output, Func<IServiceProvider, CancellationToken, Task> command)
    {
        // Same content root as the server: appsettings.json beside the executable, whatever the working directory.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Warning);
        var options = MillwrightOptions.FromConfiguration(builder.Configuration);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddPersistence(options);
        builder.Services.AddAudit();
        builder.Services.AddKeys();
        builder.Services.AddAccounts();
        using var host = builder.Build();
        // Starting the host runs only the migration runner: nothing else is registered as hosted.
        await host.StartAsync();
        try
        {
            await using var scope = host.Services.CreateAsyncScope();
            await command(scope.ServiceProvider, CancellationToken.None);
            return 0;
        }
        catch (ApiException error)
        {
            await output.WriteLineAsync($"error: {error.Message} ({error.Code})");
            return 1;
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
