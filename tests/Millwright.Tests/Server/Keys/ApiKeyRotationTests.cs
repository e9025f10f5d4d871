using System.Net;
using Microsoft.Extensions.Time.Testing;
using Millwright.Client;
using Millwright.Client.Audit;
using Millwright.Client.Errors;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Keys;

/// <summary><c>POST /v1/api-keys/{id}/rotate</c>: a successor at once, the old key until the grace period ends, on every node.</summary>
public sealed class ApiKeyRotationTests
{
    [Fact]
    public async Task RotateApiKey_WithGrace_OldKeyWorksDuringGraceAndIsRefusedAfterOnEveryNode()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
        using var first = new MillwrightHost(time: clock);
        using var second = new MillwrightHost(dataDirectory: first.DataDirectory, time: clock);
        var account = await first.CreateAccountAsync();
        var admin = new MillwrightClient(first.Http(), account.TestSecretKey);
        var old = await admin.CreateApiKeyAsync(new() { Name = "backend" });

        var rotated = await admin.RotateApiKeyAsync(old.Id, new() { GracePeriodSeconds = 3600 });

        Assert.Equal("backend", rotated.Successor.Name);
        Assert.StartsWith("mw_test_sk_", rotated.Successor.Key);
        Assert.Equal(old.Id, rotated.Previous.Id);
        Assert.Equal(clock.GetUtcNow().AddHours(1), rotated.Previous.ExpiresAt);
        var oldOnSecond = new MillwrightClient(second.Http(), old.Key);
        await oldOnSecond.ListApiKeysAsync();
        await new MillwrightClient(second.Http(), rotated.Successor.Key).ListApiKeysAsync();

        clock.Advance(TimeSpan.FromSeconds(3599));
        await oldOnSecond.ListApiKeysAsync();
        await new MillwrightClient(first.Http(), old.Key).ListApiKeysAsync();

        clock.Advance(TimeSpan.FromSeconds(1));
        foreach (var host in new[] { first, second })
        {
            var error = await Assert.ThrowsAsync<MillwrightApiException>(() => new MillwrightClient(host.Http(), old.Key).ListApiKeysAsync());
            Assert.Equal(HttpStatusCode.Unauthorized, error.Status);
            Assert.Equal(ErrorCodes.InvalidToken, error.Code);
        }

        var keys = await new MillwrightClient(second.Http(), rotated.Successor.Key).ListApiKeysAsync();
        Assert.DoesNotContain(keys, k => k.Id == old.Id);
        var events = (await admin.ListAuditEventsAsync(new() { Type = "api_key.*" })).Data;
        var rotation = Assert.Single(events, e => e.Type == AuditEventTypes.ApiKeyRotated);
        Assert.Equal(old.Id, rotation.SubjectId);
        Assert.Equal(rotated.Successor.Id, rotation.Details["successor_id"]);
        Assert.Equal("3600", rotation.Details["grace_period_seconds"]);
        Assert.StartsWith("req_", rotation.RequestId);
        Assert.Contains(events, e => e.Type == AuditEventTypes.ApiKeyRejected && e.SubjectId == old.Id && e.Details["reason"] == "expired");
    }

    [Fact]
    public async Task RotateApiKey_DefaultGrace_Is24HoursAndTheKeyMayRotateItself()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
        using var host = new MillwrightHost(time: clock);
        var account = await host.CreateAccountAsync();
        var self = new MillwrightClient(host.Http(), account.TestSecretKey);
        var id = Assert.Single(await self.ListApiKeysAsync()).Id;

        var rotated = await self.RotateApiKeyAsync(id);

        Assert.Equal(clock.GetUtcNow().AddHours(24), rotated.Previous.ExpiresAt);
        await self.ListApiKeysAsync();
        clock.Advance(TimeSpan.FromHours(24));
        await Assert.ThrowsAsync<MillwrightApiException>(() => self.ListApiKeysAsync());
        await new MillwrightClient(host.Http(), rotated.Successor.Key).ListApiKeysAsync();
    }

    [Fact]
    public async Task RotateApiKey_GraceZero_RevokesAtOnce_AndASecondRotationIs409()
    {
        using var host = new MillwrightHost();
        var account = await host.CreateAccountAsync();
        var admin = new MillwrightClient(host.Http(), account.TestSecretKey);
        var old = await admin.CreateApiKeyAsync();

        var rotated = await admin.RotateApiKeyAsync(old.Id, new() { GracePeriodSeconds = 0 });
        var refused = await Assert.ThrowsAsync<MillwrightApiException>(() => new MillwrightClient(host.Http(), old.Key).ListApiKeysAsync());
        var again = await Assert.ThrowsAsync<MillwrightApiException>(() => admin.RotateApiKeyAsync(old.Id));

        Assert.Equal(ErrorCodes.InvalidToken, refused.Code);
        Assert.Equal(HttpStatusCode.NotFound, again.Status);
        var pending = await admin.CreateApiKeyAsync();
        await admin.RotateApiKeyAsync(pending.Id, new() { GracePeriodSeconds = 60 });
        var twice = await Assert.ThrowsAsync<MillwrightApiException>(() => admin.RotateApiKeyAsync(pending.Id));
        Assert.Equal(HttpStatusCode.Conflict, twice.Status);
        Assert.Equal(ErrorCodes.AlreadyRotated, twice.Code);
        await new MillwrightClient(host.Http(), rotated.Successor.Key).ListApiKeysAsync();
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(604801)]
    public async Task RotateApiKey_GraceOutOfRange_Returns422AndChangesNothing(int seconds)
    {
        using var host = new MillwrightHost();
        var account = await host.CreateAccountAsync();
        var admin = new MillwrightClient(host.Http(), account.TestSecretKey);
        var key = await admin.CreateApiKeyAsync();

        var error = await Assert.ThrowsAsync<MillwrightApiException>(() => admin.RotateApiKeyAsync(key.Id, new() { GracePeriodSeconds = seconds }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Status);
        Assert.Equal("grace_period_seconds", Assert.Single(error.Error!.Details!).Field);
        Assert.Null(Assert.Single(await admin.ListApiKeysAsync(), k => k.Id == key.Id).ExpiresAt);
        Assert.Equal(2, (await admin.ListApiKeysAsync()).Count);
    }

    [Fact]
    public async Task RotateApiKey_TestKeyOnALiveKey_Returns404AndTheLiveKeyIsUntouched()
    {
        using var host = new MillwrightHost();
        var account = await host.CreateAccountAsync();
        var live = new MillwrightClient(host.Http(), account.LiveSecretKey);
        var liveKey = await live.CreateApiKeyAsync();
        var test = new MillwrightClient(host.Http(), account.TestSecretKey);

        var error = await Assert.ThrowsAsync<MillwrightApiException>(() => test.RotateApiKeyAsync(liveKey.Id, new() { GracePeriodSeconds = 0 }));

        Assert.Equal(HttpStatusCode.NotFound, error.Status);
        await new MillwrightClient(host.Http(), liveKey.Key).ListApiKeysAsync();
        Assert.DoesNotContain((await test.ListAuditEventsAsync()).Data, e => e.SubjectId == liveKey.Id || e.Environment == "live");
        Assert.Contains((await live.ListAuditEventsAsync()).Data, e => e.SubjectId == liveKey.Id);
    }
}
