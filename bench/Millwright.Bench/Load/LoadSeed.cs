using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Millwright.Bench.Data;
using Millwright.Client.Models;
using Millwright.Connectors.Core;
using Millwright.Server.Features.Accounts;
using Millwright.Server.Features.Auth;
using Millwright.Server.Features.Connections;
using Millwright.Server.Features.Records;
using Millwright.Server.Hosting;
using Millwright.Server.Persistence;

namespace Millwright.Bench.Load;

/// <summary>
/// One account, one MaintainX connection with a read token, and generated MaintainX work orders and assets
/// mapped with the default mappings and written straight into the store the way a sync stores them
/// (like the records tests' RecordSeed), so a load run does not depend on the sync engine or the sandbox.
/// </summary>
internal static class LoadSeed
{
    private const int BatchSize = 2_000;

    public static async Task<ServerReady> SeedAsync(LoadServerHost host, int workOrders, int assets, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var connectionId = Ids.New("conn");
        var token = BearerSecrets.New(AccountEnvironments.Test, BearerSecrets.ConnectionTokenKind);
        string store;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var account = await scope.ServiceProvider.GetRequiredService<AccountProvisioning>().CreateAsync("Bench Integrations", cancellationToken);
            var db = scope.ServiceProvider.GetRequiredService<MillwrightDb>();
            store = db.Database.ProviderName ?? "?";
            db.Connections.Add(new ConnectionRow
            {
                Id = connectionId,
                AccountId = account.AccountId,
                Environment = AccountEnvironments.Test,
                System = "maintainx",
                Status = "active",
                SettingsJson = "{}",
                CredentialsCipher = [],
                MetadataJson = "{}",
                CreatedAt = MaintainXDocuments.T0,
                UpdatedAt = MaintainXDocuments.T0,
            });
            db.ConnectionTokens.Add(new ConnectionTokenRow
            {
                Id = Ids.New("tok"),
                ConnectionId = connectionId,
                AccountId = account.AccountId,
                Environment = AccountEnvironments.Test,
                TokenHash = BearerSecrets.Hash(token),
                Hint = BearerSecrets.Hint(token),
                Scopes = Scopes.Read,
                CreatedAt = MaintainXDocuments.T0,
            });
            await db.SaveChangesAsync(cancellationToken);
        }

        // Assets first, as a sync does (dependency order), then work orders that reference them.
        await InsertAsync(host, Enumerable.Range(0, assets).Select(n => SeedRecords.Asset(connectionId, n)), connectionId, cancellationToken);
        await InsertAsync(host, Enumerable.Range(0, workOrders).Select(n => SeedRecords.WorkOrder(connectionId, n, assets)), connectionId, cancellationToken);

        // Every 50th work order: a fixed spread of ids for the get-by-id scenario.
        var ids = Enumerable.Range(0, workOrders).Where(n => n % 50 == 0)
            .Select(n => StableIds.For(connectionId, Entity.WorkOrders, (MaintainXDocuments.FirstWorkOrderId + n).ToString(CultureInfo.InvariantCulture)));
        return new ServerReady(
            host.BaseAddress.ToString(),
            token,
            connectionId,
            workOrders,
            assets,
            Stopwatch.GetElapsedTime(started).TotalSeconds,
            store,
            [.. ids]);
    }

    private static async Task InsertAsync(LoadServerHost host, IEnumerable<SeedRecord> records, string connectionId, CancellationToken cancellationToken)
    {
        foreach (var batch in records.Chunk(BatchSize))
        {
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MillwrightDb>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.Records.AddRange(batch.Select(r => new RecordRow
            {
                Id = r.Id,
                ConnectionId = connectionId,
                Entity = EntityInfo.Of(r.Entity).Path,
                RemoteId = r.RemoteId,
                Data = r.Data,
                Raw = r.Raw,
                RawHash = r.RemoteId,
                CreatedAt = r.SeenAt,
                UpdatedAt = r.SeenAt,
                RemoteCreatedAt = r.RemoteCreatedAt,
                RemoteUpdatedAt = r.RemoteUpdatedAt,
            }));
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
