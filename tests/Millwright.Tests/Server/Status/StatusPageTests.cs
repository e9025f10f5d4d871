using System.Globalization;
using System.Net;
using Millwright.Client.Sync;
using Millwright.Server.Features.Status;

namespace Millwright.Tests.Server.Status;

/// <summary><c>/status.json</c> and <c>/status</c> driven by real upstream failures from the sandbox's fault knobs.</summary>
public sealed class StatusPageTests
{
    [Fact]
    public async Task Status_NoCredentials_ListsOperationalComponentsAndSystems()
    {
        await using var scenario = await StatusScenario.StartAsync();

        var report = await scenario.StatusAsync();
        using var http = scenario.Host.Http();
        using var html = await http.GetAsync("/status");

        Assert.Equal("operational", report.Status);
        Assert.Equal(["api", "database", "job_workers"], report.Components.Select(c => c.Name).Where(n => n is "api" or "database" or "job_workers").Order());
        Assert.All(report.Components.Where(c => c.Name is "api" or "database" or "job_workers"), c => Assert.Equal("operational", c.Status));
        var live = Assert.Single(report.Systems, s => s.System == "maintainx" && s.Environment == "live");
        Assert.Equal("no_data", live.Status);
        Assert.Equal(24, live.Hours.Count);
        Assert.Equal(HttpStatusCode.OK, html.StatusCode);
        Assert.Equal("text/html", html.Content.Headers.ContentType!.MediaType);
        var page = await html.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"en\">", page);
        Assert.DoesNotContain("<script", page);
        Assert.DoesNotContain("http://", page.Replace("http-equiv", ""));
        Assert.Contains("All platform components are operational", page);
    }

    [Fact]
    public async Task Status_SystemFailsEveryCall_SystemDownWithOngoingIncidentOnJsonAndHtml()
    {
        await using var scenario = await StatusScenario.StartAsync();
        scenario.Sandbox.Sandbox.Faults.ErrorRate = 1.0;

        var run = await scenario.SyncAsync();
        var report = await scenario.StatusAsync();
        var html = await scenario.StatusHtmlAsync();

        Assert.Equal(SyncRunStatus.Failed, run.Status);
        var system = Assert.Single(report.Systems, s => s.System == "maintainx" && s.Environment == "test");
        Assert.Equal("down", system.Status);
        var hour = system.Hours[^1];
        Assert.True(hour.Failures >= 3);
        Assert.Equal(hour.Calls, hour.Failures);
        Assert.Equal("down", hour.Status);
        var incident = Assert.Single(report.Incidents);
        Assert.Equal(("maintainx", "test", "down"), (incident.System, incident.Environment, incident.Status));
        Assert.Null(incident.EndedAt);
        Assert.True(incident.StartedAt >= hour.Start);
        Assert.StartsWith($"{hour.Failures} of {hour.Calls} calls failed", incident.Summary);
        Assert.Contains("HTTP 500", incident.Summary);
        // The platform itself is fine: a failing system is not a platform outage.
        Assert.Equal("operational", report.Status);

        Assert.Contains(HourText(hour, "Down"), html);
        Assert.Contains(WebUtility.HtmlEncode(incident.Summary), html);
        Assert.Contains("ongoing", html);
    }

    [Fact]
    public async Task Status_OneCallInSevenFails_SystemDegraded()
    {
        await using var scenario = await StatusScenario.StartAsync();
        // Every seventh call answers 500 (deterministic, 14 %): the failure share lands well between the
        // degraded (5 %) and down (50 %) thresholds, and a retried call is never failed twice in a row.
        scenario.Sandbox.Sandbox.Faults.ErrorEvery = 7;

        await scenario.SyncAsync();
        var report = await scenario.StatusAsync();
        var html = await scenario.StatusHtmlAsync();

        var system = Assert.Single(report.Systems, s => s.System == "maintainx" && s.Environment == "test");
        var hour = system.Hours[^1];
        Assert.InRange(hour.Failures, (hour.Calls / 20) + 1, (hour.Calls / 2) - 1);
        Assert.Equal(0, hour.RateLimited);
        Assert.Equal("degraded", hour.Status);
        Assert.Equal("degraded", system.Status);
        Assert.Equal("degraded", Assert.Single(report.Incidents).Status);
        Assert.Contains(HourText(hour, "Degraded"), html);
    }

    private static string HourText(HourStatus hour, string label) => string.Create(CultureInfo.InvariantCulture,
        $"{hour.Start.UtcDateTime:HH:mm} UTC: {label}, {hour.Failures} of {hour.Calls} calls failed, {hour.RateLimited} rate-limited, {hour.Timeouts} timed out");
}
