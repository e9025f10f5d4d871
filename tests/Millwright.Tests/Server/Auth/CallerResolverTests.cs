using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Millwright.Client.Errors;
using Millwright.Server.Features.Audit;
using Millwright.Server.Features.Auth;
using Millwright.Server.Features.RateLimits;
using Millwright.Server.Hosting.Errors;
using Millwright.Server.Persistence;

namespace Millwright.Tests.Server.Auth;

/// <summary>
/// The resolver over a store that cannot be opened: a secret whose checksum fails is refused before any lookup
/// (no store error), while a well-formed one does reach the store (the control that makes the test able to fail).
/// </summary>
public sealed class CallerResolverTests
{
    [Fact]
    public async Task ResolveAsync_ChecksumMismatch_Returns401WithoutAStoreLookup()
    {
        var secret = BearerSecrets.New("live", BearerSecrets.SecretKeyKind);
        var forged = secret[..^6] + (secret[^1] == 'A' ? secret[^6..^1] + "B" : secret[^6..^1] + "A");
        await using var db = UnreachableStore();

        var error = await Assert.ThrowsAsync<ApiException>(() => Resolver(db).ResolveAsync(Request(forged)));

        Assert.Equal(401, error.Status);
        Assert.Equal(ErrorCodes.InvalidToken, error.Code);
    }

    [Fact]
    public async Task ResolveAsync_WellFormedSecret_LooksItUp()
    {
        await using var db = UnreachableStore();

        await Assert.ThrowsAsync<SqliteException>(() => Resolver(db).ResolveAsync(Request(BearerSecrets.New("live", BearerSecrets.SecretKeyKind))));
    }

    private static SqliteMillwrightDb UnreachableStore() => new(new DbContextOptionsBuilder<SqliteMillwrightDb>()
        .UseSqlite($"Data Source={Path.Combine(Path.GetTempPath(), "no-such-folder-" + Guid.NewGuid().ToString("n"), "x.db")};Mode=ReadOnly").Options);

    private static CallerResolver Resolver(MillwrightDb db)
    {
        var time = new FakeTimeProvider();
        var limits = new AuthFailureLimits(new FixedWindowCounters(time), Options.Create(new RateLimitOptions()));
        return new CallerResolver(db, time, limits, new AuditLog(db, time, new HttpContextAccessor()));
    }

    private static DefaultHttpContext Request(string secret)
    {
        var http = new DefaultHttpContext();
        http.Request.Headers.Authorization = "Bearer " + secret;
        return http;
    }
}
