using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.EntityFrameworkCore;
using Millwright.Client;
using Millwright.Client.Connections;
using Millwright.Server.Features.Accounts;
using Millwright.Server.Features.Auth;
using Millwright.Server.Features.Secrets;
using Millwright.Server.Hosting.Modules;
using Millwright.Server.Persistence;
using Spectre.Console;

namespace Millwright.Server.Hosting.Demo;

/// <summary>
/// <c>millwright demo</c>: once the server listens, sets up (or finds again) the demo account and one
/// sandbox connection per vendor module through the public API, shows each sync's progress, and prints
/// credentials that work.
/// Secrets are stored hashed, so every run issues a fresh secret key and connection token; older ones stay valid.
/// </summary>
internal sealed partial class DemoRunner(
    IServer server,
    IHostApplicationLifetime lifetime,
    IServiceScopeFactory scopes,
    IReadOnlyList<VendorModule> modules,
    SandboxTenants tenants,
    CredentialProtector protector,
    MillwrightOptions options,
    ILogger<DemoRunner> logger) : BackgroundService
{
    internal const string DemoAccountId = "acct_demo";

    /// <summary>Metadata key that marks the demo's connections, so a rerun finds them again.</summary>
    private const string DemoMarker = "demo";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await WaitForStartAsync(stoppingToken))
        {
            return;
        }

        try
        {
            await RunAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The server stays up: the demo is a convenience on top of it, not a reason to stop serving.
            LogDemoFailed(ex);
            AnsiConsole.MarkupLine($"[red]The demo could not be set up:[/] {Markup.Escape(ex.Message)}");
        }
    }

    private async Task RunAsync(CancellationToken ct)
    {
        var baseUrl = BaseUrl();
        var secretKey = await ProvisionAccountAsync(ct);
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var client = new MillwrightClient(http, secretKey);

        // Connect every system first, so that their first syncs run alongside; then follow each in turn.
        var connections = new List<DemoConnection>();
        foreach (var module in modules)
        {
            connections.Add(await ConnectAsync(client, module, new Uri(baseUrl), ct));
        }

        foreach (var connection in connections)
        {
            await ShowProgressAsync(client, connection, ct);
        }

        // The demo talks to its own listener (the sandboxes are mounted there); the links it prints follow
        // Millwright:PublicUrl when the operator set one, like every other link Millwright hands out.
        var shownUrl = options.PublicUrl is { Length: > 0 } publicUrl ? publicUrl.TrimEnd('/') + "/" : baseUrl;
        PrintCredentials(shownUrl, secretKey, options.DataDirectory, connections);
    }

    /// <summary>
    /// A test connection to the module's sandbox in the demo account's own tenant in this process, created with
    /// the tenant's credentials or found again by its marker (then pointed at this address and tenant, given a
    /// fresh token and synced).
    /// </summary>
    private async Task<DemoConnection> ConnectAsync(MillwrightClient client, VendorModule module, Uri baseUrl, CancellationToken ct)
    {
        var tenant = tenants.TenantOf(DemoAccountId);
        var request = module.ConnectionRequest(SandboxTenants.MountUrl(baseUrl, tenant, module), tenants.SecretOf(tenant, module.SystemId),
            new Dictionary<string, string> { [DemoMarker] = "true" });
        var existing = await FindDemoConnectionAsync(client, module.SystemId, ct);
        if (existing is null)
        {
            var created = await client.CreateConnectionAsync(request, ct);
            return new DemoConnection(module, created.Connection.Id, created.Token.Token, await LatestRunIdAsync(client, created.Connection.Id, ct));
        }

        await PointAtThisSandboxAsync(existing, request, ct);
        var token = (await client.CreateConnectionTokenAsync(existing, new CreateConnectionTokenRequest { Name = "demo" }, ct)).Token;
        return new DemoConnection(module, existing, token, await StartSyncAsync(client, existing, ct));
    }

    private async Task<string> ProvisionAccountAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MillwrightDb>();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountProvisioning>();
        return await db.Accounts.AnyAsync(a => a.Id == DemoAccountId, ct)
            ? await accounts.IssueKeyAsync(DemoAccountId, AccountEnvironments.Test, "demo", ct)
            : (await accounts.CreateAsync("Demo account", ct, DemoAccountId)).TestSecretKey;
    }

    /// <summary>
    /// The demo connection talks to the sandbox of this very process; when the server now listens on
    /// another address than when the connection was made, or the connection predates the demo account's
    /// own tenant, follow it: settings are edited in place, credentials sealed again.
    /// </summary>
    private async Task PointAtThisSandboxAsync(string connectionId, CreateConnectionRequest demo, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MillwrightDb>();
        var connection = await db.Connections.SingleAsync(c => c.Id == connectionId, ct);
        var settings = JsonNode.Parse(connection.SettingsJson)!.AsObject();
        var changed = false;
        if (!SealedAre(connection.Id, connection.CredentialsCipher, demo.Credentials))
        {
            connection.CredentialsCipher = protector.Protect(connection.Id, demo.Credentials);
            changed = true;
        }

        foreach (var (name, value) in demo.Settings)
        {
            if ((string?)settings[name] != value)
            {
                settings[name] = value;
                changed = true;
            }
        }

        if (changed)
        {
            connection.SettingsJson = settings.ToJsonString();
            await db.SaveChangesAsync(ct);
        }
    }

    private bool SealedAre(string connectionId, byte[] sealedCredentials, IReadOnlyDictionary<string, string> credentials)
    {
        try
        {
            return protector.Unprotect(connectionId, sealedCredentials).OrderBy(p => p.Key).SequenceEqual(credentials.OrderBy(p => p.Key));
        }
        catch (CryptographicException)
        {
            // Sealed under another key: seal them again under this one.
            return false;
        }
    }

    private static async Task<string?> FindDemoConnectionAsync(MillwrightClient client, string system, CancellationToken ct)
    {
        var page = await client.ListConnectionsAsync(new ListConnectionsOptions
        {
            Limit = 1,
            System = system,
            Metadata = new Dictionary<string, string> { [DemoMarker] = "true" },
        }, ct);
        return page.Data.Count > 0 ? page.Data[0].Id : null;
    }

    private static async Task<string?> StartSyncAsync(MillwrightClient client, string connectionId, CancellationToken ct)
    {
        try
        {
            return (await client.StartSyncAsync(connectionId, cancellationToken: ct)).Id;
        }
        catch (MillwrightApiException e) when (e.Code == Client.Errors.ErrorCodes.SyncAlreadyRunning)
        {
            return await LatestRunIdAsync(client, connectionId, ct);
        }
    }

    private static async Task<string?> LatestRunIdAsync(MillwrightClient client, string connectionId, CancellationToken ct)
    {
        var runs = await client.ListSyncRunsAsync(connectionId, limit: 1, cancellationToken: ct);
        return runs.Data.Count > 0 ? runs.Data[0].Id : null;
    }

    private async Task<bool> WaitForStartAsync(CancellationToken ct)
    {
        var started = new TaskCompletionSource();
        using var registration = lifetime.ApplicationStarted.Register(started.SetResult);
        await ((Task)Task.WhenAny(started.Task, Task.Delay(Timeout.Infinite, ct))).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return started.Task.IsCompleted;
    }

    private string BaseUrl() => OwnListener.Url(server).ToString();

    [LoggerMessage(Level = LogLevel.Error, Message = "Demo set-up failed")]
    private partial void LogDemoFailed(Exception ex);
}
