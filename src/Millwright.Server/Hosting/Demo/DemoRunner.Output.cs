using Millwright.Client;
using Millwright.Client.Models;
using Millwright.Client.Sync;
using Spectre.Console;

namespace Millwright.Server.Hosting.Demo;

internal sealed partial class DemoRunner
{
    /// <summary>One progress row per entity the system offers; a row completes when the run moves past it.</summary>
    private static async Task ShowProgressAsync(MillwrightClient client, string connectionId, string runId, CancellationToken ct)
    {
        var entities = await OfferedEntitiesAsync(client, ct);
        SyncRun? run = null;
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
                    run = await client.GetSyncRunAsync(connectionId, runId, ct);
                    var current = run.CurrentEntity;
                    var reached = current is null ? (run.IsFinished ? entities.Count : 0) : Math.Max(0, entities.IndexOf(current));
                    for (var i = 0; i < entities.Count; i++)
                    {
                        var task = tasks[entities[i]];
                        if ((i < reached || run.IsFinished) && !task.IsFinished)
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

                    total.Description = $"{run.Counts.Added} added, {run.Counts.Updated} updated";
                    total.Value = run.IsFinished ? entities.Count : reached;
                    if (run.IsFinished)
                    {
                        total.StopTask();
                        break;
                    }

                    await Task.Delay(TimeSpan.FromMilliseconds(300), ct);
                }
            });

        if (run is not null)
        {
            AnsiConsole.MarkupLine(
                $"Sync {Markup.Escape(Wire(run.Kind))} {Markup.Escape(Wire(run.Status))}: " +
                $"{run.Counts.Added} added, {run.Counts.Updated} updated, {run.Counts.Deleted} deleted.");
        }
    }

    /// <summary>An enum value as the API spells it (<c>succeeded</c>, <c>full</c>).</summary>
    private static string Wire<T>(T value)
        where T : struct, Enum =>
        System.Text.Json.JsonSerializer.Serialize(value, MillwrightJson.Options).Trim('"');

    private static async Task<List<string>> OfferedEntitiesAsync(MillwrightClient client, CancellationToken ct)
    {
        var maintainx = await client.GetSystemAsync("maintainx", ct);
        return EntityInfo.All.Select(e => e.Path).Where(path => maintainx.Capabilities.GetValueOrDefault(path)?.Read == true).ToList();
    }

    private static void PrintCredentials(string baseUrl, string secretKey, string connectionId, string token, string dataDirectory,
        SapDemo sap, (string ConnectionId, string Token) maximo)
    {
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("[bold]Base URL[/]", Markup.Escape(baseUrl));
        grid.AddRow("[bold]Test secret key[/]", Markup.Escape(secretKey));
        grid.AddRow("[bold]Connection[/]", Markup.Escape(connectionId));
        grid.AddRow("[bold]Connection token[/]", Markup.Escape(token));
        grid.AddRow("[bold]API reference[/]", Markup.Escape($"{baseUrl}docs"));
        grid.AddRow("[bold]Dashboard[/]", Markup.Escape($"{baseUrl}dashboard"));
        AnsiConsole.Write(new Panel(grid).Header("Millwright demo is ready").Border(BoxBorder.Rounded));
        // Plain output so the values copy as they are (a panel wraps long tokens).
        Console.WriteLine($"SAP S/4HANA sandbox: connection {sap.ConnectionId}, connection token {sap.Token}");
        Console.WriteLine($"IBM Maximo sandbox: connection {maximo.ConnectionId}, connection token {maximo.Token}");
        AnsiConsole.WriteLine("Try:");
        // Plain output (not markup) so the line can be copied as it is.
        Console.WriteLine($"  curl -H \"Authorization: Bearer {token}\" {baseUrl}v1/work-orders");
        AnsiConsole.MarkupLine($"[grey]Ctrl-C stops Millwright; running the demo again reuses {Markup.Escape(Path.GetFullPath(dataDirectory))} and prints fresh credentials.[/]");
    }
}
