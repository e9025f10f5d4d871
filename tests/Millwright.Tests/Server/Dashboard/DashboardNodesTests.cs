using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Millwright.Server.Persistence;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Dashboard;

/// <summary>Two nodes on one store: a dashboard form served by one is accepted by the other (shared key ring, sealed, and sessions).</summary>
public sealed class DashboardNodesTests
{
    [Fact]
    public async Task FormFromOneNode_PostedToAnother_IsAccepted()
    {
        using var first = new MillwrightHost();
        using var second = new MillwrightHost(dataDirectory: first.DataDirectory);
        var account = await first.CreateAccountAsync();
        using var atFirst = new DashboardBrowserless(first.BaseAddress);
        (await atFirst.SignInAsync(account.TestSecretKey)).Dispose();
        var csrf = await atFirst.CsrfOfAsync("/dashboard/keys");
        using var atSecond = new DashboardBrowserless(second.BaseAddress);
        foreach (var (name, value) in atFirst.Cookies)
        {
            atSecond.Cookies[name] = value;
        }

        using var response = await atSecond.PostFormAsync("/dashboard/keys", [new("_csrf", csrf), new("name", "made on the second node")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("mw_test_sk_", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // The key ring is in the store, not in a folder of one machine.
        await using var scope = second.Services.CreateAsyncScope();
        var keyRing = await scope.ServiceProvider.GetRequiredService<MillwrightDb>().DataProtectionKeys.Select(k => k.Xml).ToListAsync();
        Assert.NotEmpty(keyRing);
        // ... and sealed there: a copy of the store alone does not yield the keys that sign the cookies.
        Assert.All(keyRing, xml =>
        {
            Assert.Contains("<sealedKey", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("masterKey", xml, StringComparison.Ordinal);
        });
    }
}
