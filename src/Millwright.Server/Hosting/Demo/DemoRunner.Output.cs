using System.Text.Json.Nodes;
using Millwright.Client;
using Millwright.Client.Models;
using Spectre.Console;

namespace Millwright.Server.Hosting.Demo;

internal sealed partial class DemoRunner
{
    /// <summary>One progress row per entity the system offers; a row completes when the run moves past it.</summary>
    private static async Task ShowProgressAsync(MillwrightClient client, string connectionId, string runId, CancellationToken ct)
    {
        var entities = await OfferedEntitiesAsync(client, ct);
        JsonObject run = [];
        await AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn(), new ElapsedTimeColumn())
            .StartAsync(async progress =>
            {
                var total = progress.AddTask("records", maxValue: entities.Count);
                var tasks = entities.ToDictionary(e => e, e => progress.AddTask(e, autoStart: false, maxValue: 1));
                while (!ct.IsCancellationRequested)
                {
                    run = await client.SendAsync<JsonObject>(HttpMethod.Get, $"v1/connections/{connectionId}/sync-runs/{runId}", cancellationToken: ct);
                    var status = (string?)run["status"];
                    var finished = status is "succeeded" or "failed" or "cancelled";
                    var current = (string?)run["current_entity"];
                    var reached = current is null ? (finished ? entities.Count : 0) : Math.Max(0, entities.IndexOf(current));
                    for (var i = 0; i < entities.Count; i++)
                    {
                        var task = tasks[entities[i]];
                        if ((i < reached || finished) && !task.IsFinished)
                        {
                            task.IsIndeterminate = false;
                            task.Value = 1;
                            task.StopTask();
                        }
                        else if (i == reached && current is not null && !task.IsStarted)
                        {
                            task.StartTask();
                            task.IsIndeterminate = true;
                        }
                    }

                    var counts = run["counts"];
                    total.Description = $"{(int?)counts?["added"] ?? 0} added, {(int?)counts?["updated"] ?? 0} updated";
                    total.Value = finished ? entities.Count : reached;
                    if (finished)
                    {
                        total.StopTask();
                        break;
                    }

                    await Task.Delay(TimeSpan.FromMilliseconds(300), ct);
                }
            });

        var counts = run["counts"];
        AnsiConsole.MarkupLine(
            $"Sync {Markup.Escape((string?)run["kind"] ?? "")} {Markup.Escape((string?)run["status"] ?? "")}: " +
            $"{(int?)counts?["added"] ?? 0} added, {(int?)counts?["updated"] ?? 0} updated, {(int?)counts?["deleted"] ?? 0} deleted.");
    }

    private static async Task<List<string>> OfferedEntitiesAsync(MillwrightClient client, CancellationToken ct)
    {
        var all = EntityInfo.All.Select(e => e.Path).ToList();
        var systems = await client.SendAsync<JsonObject>(HttpMethod.Get, "v1/systems", cancellationToken: ct);
        var maintainx = systems["data"]?.AsArray().FirstOrDefault(s => (string?)s?["id"] == "maintainx");
        return maintainx?["capabilities"] is JsonObject capabilities
            ? all.Where(capabilities.ContainsKey).ToList()
            : all;
    }

    private static void PrintCredentials(string baseUrl, string secretKey, string connectionId, string token, string dataDirectory)
    {
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("[bold]Base URL[/]", Markup.Escape(baseUrl));
        grid.AddRow("[bold]Test secret key[/]", Markup.Escape(secretKey));
        grid.AddRow("[bold]Connection[/]", Markup.Escape(connectionId));
        grid.AddRow("[bold]Connection token[/]", Markup.Escape(token));
        grid.AddRow("[bold]API reference[/]", Markup.Escape($"{baseUrl}docs"));
        AnsiConsole.Write(new Panel(grid).Header("Millwright demo is ready").Border(BoxBorder.Rounded));
        AnsiConsole.WriteLine("Try:");
        // Plain output (not markup) so the line can be copied as it is.
        Console.WriteLine($"  curl -H \"Authorization: Bearer {token}\" {baseUrl}v1/work-orders");
        AnsiConsole.MarkupLine($"[grey]Ctrl-C stops Millwright; running the demo again reuses {Markup.Escape(Path.GetFullPath(dataDirectory))} and prints fresh credentials.[/]");
    }
}
