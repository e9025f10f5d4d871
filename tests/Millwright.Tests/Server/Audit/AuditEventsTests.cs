using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Millwright.Client;
using Millwright.Client.Audit;
using Millwright.Client.Errors;
using Millwright.Server.Features.Audit;
using Millwright.Server.Persistence;
using Millwright.Tests.Server.Dashboard;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Audit;

/// <summary><c>GET /v1/audit-events</c> and the dashboard's audit page: contents, filters, paging, environments, retention.</summary>
public sealed partial class AuditEventsTests
{
    [Fact]
    public async Task AuditEvents_KeyLifecycleAndSignIn_AreRecordedWithActorsAndRequestIds()
    {
        using var host = new MillwrightHost();
        var account = await host.CreateAccountAsync();
        var admin = new MillwrightClient(host.Http(), account.TestSecretKey);
        var callerId = Assert.Single(await admin.ListApiKeysAsync()).Id;
        var key = await admin.CreateApiKeyAsync(new() { Name = "ci" });
        await admin.RevokeApiKeyAsync(key.Id);
        await Assert.ThrowsAsync<MillwrightApiException>(() => new MillwrightClient(host.Http(), key.Key).ListApiKeysAsync());
        using var browser = new DashboardBrowserless(host.BaseAddress);
        (await browser.SignInAsync(account.TestSecretKey)).Dispose();

        var events = (await admin.ListAuditEventsAsync()).Data;

        Assert.Equal(
            [AuditEventTypes.DashboardSignedIn, AuditEventTypes.ApiKeyRejected, AuditEventTypes.ApiKeyRevoked, AuditEventTypes.ApiKeyCreated, AuditEventTypes.ApiKeyCreated],
            events.Select(e => e.Type));
        var created = events[3];
        Assert.Equal(key.Id, created.SubjectId);
        Assert.Equal("secret_key", created.ActorType);
        Assert.Equal(callerId, created.ActorId);
        Assert.Equal("127.0.0.1", created.IpAddress);
        Assert.StartsWith("req_", created.RequestId);
        Assert.Equal("operator", events[4].ActorType);
        Assert.Equal("cli", events[4].ActorId);
        Assert.Equal("revoked", events[1].Details["reason"]);
        Assert.Equal("anonymous", events[1].ActorType);
        Assert.Equal(callerId, events[0].ActorId);
        Assert.All(events, e => Assert.Equal("test", e.Environment));
        Assert.DoesNotContain(events, e => e.Details.Values.Any(v => v.Contains("mw_test_sk_", StringComparison.Ordinal)));

        using var page = await browser.GetAsync("/dashboard/audit?type=api_key.*");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(4, AuditRow().Count(html));
        Assert.Contains(created.RequestId!, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListAuditEvents_FiltersAndPaging_FollowTheCursorAndKeepEnvironmentsApart()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        using var host = new MillwrightHost(time: clock);
        var account = await host.CreateAccountAsync();
        var admin = new MillwrightClient(host.Http(), account.TestSecretKey);
        for (var i = 0; i < 3; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            await admin.CreateApiKeyAsync();
        }

        await new MillwrightClient(host.Http(), account.LiveSecretKey).CreateApiKeyAsync();

        var first = await admin.ListAuditEventsAsync(new() { Type = AuditEventTypes.ApiKeyCreated, Limit = 2 });
        var second = await admin.ListAuditEventsAsync(new() { Type = AuditEventTypes.ApiKeyCreated, Limit = 2, Cursor = first.NextCursor });
        var recent = await admin.ListAuditEventsAsync(new() { CreatedAfter = new DateTimeOffset(2026, 12, 1, 12, 2, 0, TimeSpan.Zero) });
        var wrongCursor = await Assert.ThrowsAsync<MillwrightApiException>(() =>
            admin.ListAuditEventsAsync(new() { Type = "api_key.*", Limit = 2, Cursor = first.NextCursor }));
        var badTime = await Assert.ThrowsAsync<MillwrightApiException>(() => admin.SendAsync<object>(HttpMethod.Get, "v1/audit-events?created_after=yesterday"));

        Assert.Equal(2, first.Data.Count);
        Assert.Equal(2, second.Data.Count);
        Assert.Null(second.NextCursor);
        Assert.Empty(first.Data.Select(e => e.Id).Intersect(second.Data.Select(e => e.Id)));
        Assert.All(first.Data.Concat(second.Data), e => Assert.Equal("test", e.Environment));
        Assert.Equal(2, recent.Data.Count);
        Assert.Equal(ErrorCodes.InvalidCursor, wrongCursor.Code);
        Assert.Equal(ErrorCodes.InvalidQueryParameter, badTime.Code);
    }

    [Fact]
    public async Task AuditEvents_OlderThanRetention_AreHiddenAndDeleted()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        using var host = new MillwrightHost(new Dictionary<string, string?> { ["Millwright:Audit:RetentionDays"] = "30" }, time: clock);
        var account = await host.CreateAccountAsync();
        var admin = new MillwrightClient(host.Http(), account.TestSecretKey);
        clock.Advance(TimeSpan.FromDays(29));
        await admin.CreateApiKeyAsync();
        clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));

        var listed = (await admin.ListAuditEventsAsync()).Data;
        await host.Services.GetRequiredService<AuditCleanup>().CleanAsync(CancellationToken.None);

        Assert.Equal(AuditEventTypes.ApiKeyCreated, Assert.Single(listed).Type);
        await using var scope = host.Services.CreateAsyncScope();
        var kept = await scope.ServiceProvider.GetRequiredService<MillwrightDb>().AuditEvents.AsNoTracking()
            .Where(e => e.AccountId == account.AccountId).ToListAsync();
        Assert.Equal(listed[0].Id, Assert.Single(kept).Id);
    }

    [Fact]
    public async Task ListAuditEvents_ConnectionToken_Returns403()
    {
        using var host = new MillwrightHost();
        var account = await host.CreateAccountAsync();
        var (_, token) = await new Connections.ConnectionSeed(host, account).AddAsync();

        var error = await Assert.ThrowsAsync<MillwrightApiException>(() => new MillwrightClient(host.Http(), token).ListAuditEventsAsync());

        Assert.Equal(HttpStatusCode.Forbidden, error.Status);
    }

    [GeneratedRegex("<tr data-audit-id=")]
    private static partial Regex AuditRow();
}
