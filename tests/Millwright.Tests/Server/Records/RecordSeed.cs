using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Millwright.Client;
using Millwright.Client.Models;
using Millwright.Connectors.Core;
using Millwright.Server.Features.Accounts;
using Millwright.Server.Features.Auth;
using Millwright.Server.Features.Connections;
using Millwright.Server.Features.Records;
using Millwright.Server.Hosting;
using Millwright.Server.Persistence;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Records;

/// <summary>
/// A connection with a read token and records written straight into the store, the way a sync stores
/// them (data without envelope fields, raw beside it), without depending on the sync engine.
/// </summary>
internal sealed class RecordSeed : IDisposable
{
    private static readonly string[] EnvelopeNames = ["id", "remote_id", "created_at", "updated_at", "deleted_at", "remote_created_at", "remote_updated_at", "raw"];

    private readonly MillwrightHost host;
    private readonly HttpClient tokenHttp;
    private readonly HttpClient keyHttp;

    private RecordSeed(MillwrightHost host, ProvisionedAccount account, string connectionId, string token)
    {
        this.host = host;
        Account = account;
        ConnectionId = connectionId;
        Token = token;
        tokenHttp = host.Http(token);
        keyHttp = host.Http();
        Client = new MillwrightClient(tokenHttp, token);
        SecretKeyClient = new MillwrightClient(keyHttp, account.TestSecretKey).ForConnection(connectionId);
    }

    /// <summary>A fixed instant the seeded times are built from (tests never read the clock).</summary>
    public static DateTimeOffset T0 { get; } = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

    public ProvisionedAccount Account { get; }

    public string ConnectionId { get; }

    public string Token { get; }

    /// <summary>SDK client authenticated with the connection token.</summary>
    public MillwrightClient Client { get; }

    /// <summary>SDK client with the account's test secret key and the Millwright-Connection header.</summary>
    public MillwrightClient SecretKeyClient { get; }

    /// <summary>Raw HTTP with the connection token, for asserting on the JSON itself.</summary>
    public HttpClient Http => tokenHttp;

    public static async Task<RecordSeed> CreateAsync(MillwrightHost host, ProvisionedAccount? account = null)
    {
        account ??= await host.CreateAccountAsync();
        var connectionId = Ids.New("conn");
        var token = BearerSecrets.New(AccountEnvironments.Test, BearerSecrets.ConnectionTokenKind);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MillwrightDb>();
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
            CreatedAt = T0,
            UpdatedAt = T0,
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
            CreatedAt = T0,
        });
        await db.SaveChangesAsync();
        return new RecordSeed(host, account, connectionId, token);
    }

    /// <summary>The id a sync would give the remote record.</summary>
    public string IdOf(Entity entity, string remoteId) => StableIds.For(ConnectionId, entity, remoteId);

    public async Task AddAsync(params IEnumerable<UnifiedRecord> records)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MillwrightDb>();
        db.Records.AddRange(records.Select(ToRow));
        await db.SaveChangesAsync();
    }

    /// <summary>Changes stored rows the way a sync does when it sees a change.</summary>
    public async Task UpdateAsync(IEnumerable<string> ids, DateTimeOffset updatedAt, DateTimeOffset? deletedAt = null)
    {
        var set = ids.ToList();
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MillwrightDb>();
        var rows = await db.Records.Where(r => set.Contains(r.Id)).ToListAsync();
        foreach (var row in rows)
        {
            row.UpdatedAt = updatedAt;
            row.DeletedAt = deletedAt ?? row.DeletedAt;
        }

        await db.SaveChangesAsync();
    }

    public void Dispose()
    {
        tokenHttp.Dispose();
        keyHttp.Dispose();
    }

    private RecordRow ToRow(UnifiedRecord record)
    {
        var entity = EntityInfo.All.Single(e => e.RecordType == record.GetType());
        var data = JsonSerializer.SerializeToNode(record, record.GetType(), MillwrightJson.Options)!.AsObject();
        foreach (var name in EnvelopeNames)
        {
            data.Remove(name);
        }

        return new RecordRow
        {
            Id = record.Id,
            ConnectionId = ConnectionId,
            Entity = entity.Path,
            RemoteId = record.RemoteId,
            Data = data.ToJsonString(),
            Raw = record.Raw?.GetRawText() ?? JsonSerializer.Serialize(new { id = record.RemoteId, source = "seed" }),
            RawHash = record.RemoteId,
            CreatedAt = record.CreatedAt == default ? record.UpdatedAt : record.CreatedAt,
            UpdatedAt = record.UpdatedAt,
            DeletedAt = record.DeletedAt,
            RemoteCreatedAt = record.RemoteCreatedAt,
            RemoteUpdatedAt = record.RemoteUpdatedAt,
        };
    }
}
