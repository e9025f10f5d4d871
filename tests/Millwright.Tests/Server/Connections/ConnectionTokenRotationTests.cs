using System.Net;
using Microsoft.Extensions.Time.Testing;
using Millwright.Client;
using Millwright.Client.Audit;
using Millwright.Client.Errors;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Connections;

/// <summary>Rotation and revocation of connection tokens, seen by a second server sharing the store.</summary>
public sealed class ConnectionTokenRotationTests
{
    [Fact]
    public async Task RotateConnectionToken_WithGrace_OldTokenWorksUntilGraceEndsOnBothNodes_SuccessorKeepsTheGrant()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        using var first = new MillwrightHost(time: clock);
        using var second = new MillwrightHost(dataDirectory: first.DataDirectory, time: clock);
        var account = await first.CreateAccountAsync();
        var (connectionId, _) = await new ConnectionSeed(first, account).AddAsync();
        var admin = new MillwrightClient(first.Http(), account.TestSecretKey);
        var old = await admin.CreateConnectionTokenAsync(connectionId, new() { Name = "reader", Scopes = ["read"] });

        var rotated = await admin.RotateConnectionTokenAsync(connectionId, old.Id, new() { GracePeriodSeconds = 600 });

        Assert.Equal(["read"], rotated.Successor.Scopes);
        Assert.Equal("reader", rotated.Successor.Name);
        Assert.Equal(clock.GetUtcNow().AddMinutes(10), rotated.Previous.ExpiresAt);
        Assert.Equal(connectionId, (await new MillwrightClient(second.Http(), rotated.Successor.Token).GetCurrentConnectionAsync()).Id);
        clock.Advance(TimeSpan.FromSeconds(599));
        Assert.Equal(connectionId, (await new MillwrightClient(second.Http(), old.Token).GetCurrentConnectionAsync()).Id);
        clock.Advance(TimeSpan.FromSeconds(1));
        foreach (var host in new[] { first, second })
        {
            var error = await Assert.ThrowsAsync<MillwrightApiException>(() => new MillwrightClient(host.Http(), old.Token).GetCurrentConnectionAsync());
            Assert.Equal(ErrorCodes.InvalidToken, error.Code);
        }

        await new MillwrightClient(first.Http(), rotated.Successor.Token).GetCurrentConnectionAsync();
        var events = (await admin.ListAuditEventsAsync(new() { Type = "connection_token.*" })).Data;
        Assert.Contains(events, e => e.Type == AuditEventTypes.ConnectionTokenRotated && e.SubjectId == old.Id && e.Details["successor_id"] == rotated.Successor.Id);
        Assert.Contains(events, e => e.Type == AuditEventTypes.ConnectionTokenRejected && e.SubjectId == old.Id);
    }

    [Fact]
    public async Task RevokeConnectionToken_OnOneNode_IsRefusedAtOnceOnTheOther()
    {
        using var first = new MillwrightHost();
        using var second = new MillwrightHost(dataDirectory: first.DataDirectory);
        var account = await first.CreateAccountAsync();
        var (connectionId, token) = await new ConnectionSeed(first, account).AddAsync();
        var onSecond = new MillwrightClient(second.Http(), token);
        await onSecond.GetCurrentConnectionAsync();
        var admin = new MillwrightClient(first.Http(), account.TestSecretKey);
        var tokenId = Assert.Single((await admin.ListConnectionTokensAsync(connectionId)).Data).Id;

        await admin.RevokeConnectionTokenAsync(connectionId, tokenId);

        var error = await Assert.ThrowsAsync<MillwrightApiException>(() => onSecond.GetCurrentConnectionAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, error.Status);
        var revoked = Assert.Single((await admin.ListAuditEventsAsync(new() { Type = AuditEventTypes.ConnectionTokenRevoked })).Data);
        Assert.Equal(tokenId, revoked.SubjectId);
        Assert.Equal("secret_key", revoked.ActorType);
        Assert.Equal(connectionId, revoked.Details["connection_id"]);
    }

    [Fact]
    public async Task RotateConnectionToken_GraceZeroOrOtherEnvironment_RevokesNowOr404()
    {
        using var host = new MillwrightHost();
        var account = await host.CreateAccountAsync();
        var (connectionId, token) = await new ConnectionSeed(host, account).AddAsync();
        var test = new MillwrightClient(host.Http(), account.TestSecretKey);
        var tokenId = Assert.Single((await test.ListConnectionTokensAsync(connectionId)).Data).Id;

        var fromLive = await Assert.ThrowsAsync<MillwrightApiException>(() =>
            new MillwrightClient(host.Http(), account.LiveSecretKey).RotateConnectionTokenAsync(connectionId, tokenId, new() { GracePeriodSeconds = 0 }));
        await new MillwrightClient(host.Http(), token).GetCurrentConnectionAsync();
        var rotated = await test.RotateConnectionTokenAsync(connectionId, tokenId, new() { GracePeriodSeconds = 0 });

        Assert.Equal(HttpStatusCode.NotFound, fromLive.Status);
        await Assert.ThrowsAsync<MillwrightApiException>(() => new MillwrightClient(host.Http(), token).GetCurrentConnectionAsync());
        await new MillwrightClient(host.Http(), rotated.Successor.Token).GetCurrentConnectionAsync();
    }
}
