using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Millwright.Client;
using Millwright.Client.Connections;
using Millwright.Client.Errors;
using Millwright.Server.Features.Records;
using Millwright.Server.Features.Sync;
using Millwright.Server.Persistence;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Connections;

public sealed class UpdateDeleteConnectionTests : IClassFixture<SharedHost>, IDisposable
{
    private readonly MillwrightHost host;
    private readonly HttpClient http;

    public UpdateDeleteConnectionTests(SharedHost shared)
    {
        host = shared.Server;
        http = host.Http();
    }

    public void Dispose() => http.Dispose();

    [Fact]
    public async Task UpdateConnection_Metadata_MergesAndRemovesNullKeys()
    {
        var account = await host.CreateAccountAsync();
        var seeded = await new ConnectionSeed(host, account)
        {
            Metadata = new Dictionary<string, string> { ["customer"] = "c-1", ["region"] = "eu", ["old"] = "x" },
        }.AddAsync();
        var client = new MillwrightClient(http, account.TestSecretKey);

        var updated = await client.UpdateConnectionAsync(seeded.Id, new UpdateConnectionRequest
        {
            Metadata = new Dictionary<string, string?> { ["region"] = "us", ["old"] = null, ["plan"] = "pro" },
        });

        var expected = new Dictionary<string, string> { ["customer"] = "c-1", ["plan"] = "pro", ["region"] = "us" };
        Assert.Equal(expected, updated.Metadata);
        Assert.Equal(expected, (await client.GetConnectionAsync(seeded.Id)).Metadata);
        Assert.True(updated.UpdatedAt >= updated.CreatedAt);
    }

    [Fact]
    public async Task UpdateConnection_SyncInterval_ReschedulesNextSync()
    {
        var account = await host.CreateAccountAsync();
        var seeded = await new ConnectionSeed(host, account).AddAsync();
        var client = new MillwrightClient(http, account.TestSecretKey);

        var updated = await client.UpdateConnectionAsync(seeded.Id, new UpdateConnectionRequest { SyncIntervalMinutes = 60 });

        Assert.Equal(60, updated.SyncIntervalMinutes);
        Assert.NotNull(updated.NextSyncAt);
        Assert.Equal(60, (await client.GetConnectionAsync(seeded.Id)).SyncIntervalMinutes);
    }

    [Fact]
    public async Task UpdateConnection_BadValues_Returns422AndChangesNothing()
    {
        var account = await host.CreateAccountAsync();
        var seeded = await new ConnectionSeed(host, account) { Metadata = new Dictionary<string, string> { ["customer"] = "c-1" } }.AddAsync();
        var client = new MillwrightClient(http, account.TestSecretKey);

        var error = await Assert.ThrowsAsync<MillwrightApiException>(() => client.UpdateConnectionAsync(seeded.Id, new UpdateConnectionRequest
        {
            Metadata = new Dictionary<string, string?> { ["customer"] = "c-2", [new string('k', 41)] = "v" },
            SyncIntervalMinutes = 1,
        }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Status);
        Assert.Equal(2, error.Error!.Details!.Count);
        var unchanged = await client.GetConnectionAsync(seeded.Id);
        Assert.Equal("c-1", unchanged.Metadata["customer"]);
        Assert.Equal(15, unchanged.SyncIntervalMinutes);
    }

    [Fact]
    public async Task DeleteConnection_Always_RevokesTokensAtOnceAndRemovesItsData()
    {
        var account = await host.CreateAccountAsync();
        var seeded = await new ConnectionSeed(host, account).AddAsync();
        var keep = await new ConnectionSeed(host, account).AddAsync();
        var client = new MillwrightClient(http, account.TestSecretKey);
        var second = await client.CreateConnectionTokenAsync(seeded.Id, new CreateConnectionTokenRequest { Scopes = [TokenScopes.Read] });
        await AddDataAsync(seeded.Id);
        await AddDataAsync(keep.Id);

        await client.DeleteConnectionAsync(seeded.Id);

        foreach (var token in new[] { seeded.Token, second.Token })
        {
            var refused = await Assert.ThrowsAsync<MillwrightApiException>(() => new MillwrightClient(http, token).GetCurrentConnectionAsync());
            Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
            Assert.Equal(ErrorCodes.InvalidToken, refused.Code);
        }

        var missing = await Assert.ThrowsAsync<MillwrightApiException>(() => client.GetConnectionAsync(seeded.Id));
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Assert.ThrowsAsync<MillwrightApiException>(() => client.ForConnection(seeded.Id).GetCurrentConnectionAsync())).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Assert.ThrowsAsync<MillwrightApiException>(() => client.DeleteConnectionAsync(seeded.Id))).Status);
        Assert.Equal([keep.Id], (await client.ListConnectionsAsync()).Data.Select(c => c.Id));

        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MillwrightDb>();
        Assert.Equal(0, await db.Records.CountAsync(r => r.ConnectionId == seeded.Id));
        Assert.Equal(0, await db.SyncRuns.CountAsync(r => r.ConnectionId == seeded.Id));
        Assert.Equal(0, await db.SyncCheckpoints.CountAsync(c => c.ConnectionId == seeded.Id));
        Assert.Equal(0, await db.ConnectionTokens.CountAsync(t => t.ConnectionId == seeded.Id && t.RevokedAt == null));
        Assert.Empty((await db.Connections.SingleAsync(c => c.Id == seeded.Id)).CredentialsCipher);
        // The other connection keeps everything.
        Assert.Equal(1, await db.Records.CountAsync(r => r.ConnectionId == keep.Id));
        Assert.Equal(1, await db.SyncCheckpoints.CountAsync(c => c.ConnectionId == keep.Id));
        await new MillwrightClient(http, keep.Token).GetCurrentConnectionAsync();
    }

    [Fact]
    public async Task DeleteConnection_OtherEnvironment_Returns404AndKeepsIt()
    {
        var account = await host.CreateAccountAsync();
        var seeded = await new ConnectionSeed(host, account).AddAsync();

        var error = await Assert.ThrowsAsync<MillwrightApiException>(() => new MillwrightClient(http, account.LiveSecretKey).DeleteConnectionAsync(seeded.Id));

        Assert.Equal(HttpStatusCode.NotFound, error.Status);
        await new MillwrightClient(http, seeded.Token).GetCurrentConnectionAsync();
    }

    /// <summary>One record, one finished run and one checkpoint, as a sync would have left them.</summary>
    private async Task AddDataAsync(string connectionId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MillwrightDb>();
        var now = DateTimeOffset.UnixEpoch.AddYears(56);
        db.Records.Add(new RecordRow
        {
            Id = "ast_" + Guid.NewGuid().ToString("n")[..24],
            ConnectionId = connectionId,
            Entity = "assets",
            RemoteId = "1",
            Data = "{}",
            Raw = "{}",
            RawHash = "0",
            CreatedAt = now,
            UpdatedAt = now,
        });
        db.SyncRuns.Add(new SyncRunRow
        {
            Id = "sync_" + Guid.NewGuid().ToString("n")[..20],
            ConnectionId = connectionId,
            Kind = "full",
            Status = "succeeded",
            Trigger = "initial",
            CreatedAt = now,
            FinishedAt = now,
        });
        db.SyncCheckpoints.Add(new SyncCheckpointRow { ConnectionId = connectionId, Entity = "assets", Watermark = now, UpdatedAt = now });
        await db.SaveChangesAsync();
    }
}
