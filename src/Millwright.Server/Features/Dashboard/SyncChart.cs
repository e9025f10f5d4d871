using System.Globalization;
using System.Text;
using System.Text.Json;
using Millwright.Server.Features.Sync;
using Millwright.Server.Hosting.Html;

namespace Millwright.Server.Features.Dashboard;

/// <summary>
/// Records synced and errors per sync run, oldest to newest, as inline SVG drawn on the server: blue bars
/// for records written (added + updated + deleted), red marks for errors, each with a tooltip. The runs
/// table beside it carries the same numbers as text.
/// </summary>
internal static class SyncChart
{
    private const int Width = 720;
    private const int Height = 220;
    private const int Left = 48;
    private const int Bottom = 30;
    private const int Top = 12;

    public static Html Render(IReadOnlyList<SyncRunRow> runsOldestFirst)
    {
        if (runsOldestFirst.Count == 0)
        {
            return Html.H($"<p class=\"muted\">No sync runs yet.</p>");
        }

        var records = runsOldestFirst.Select(r => r.Added + r.Updated + r.Deleted).ToList();
        var errors = runsOldestFirst.Select(Errors).ToList();
        var max = Math.Max(1, Math.Max(records.Max(), errors.Max()));
        var plotWidth = Width - Left - 8;
        var plotHeight = Height - Top - Bottom;
        var slot = (double)plotWidth / runsOldestFirst.Count;
        var bar = Math.Clamp(slot * 0.6, 2, 36);
        var svg = new StringBuilder();
        string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
        double Y(int value) => Top + plotHeight - (plotHeight * (double)value / max);

        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top + plotHeight}\" x2=\"{Width - 8}\" y2=\"{Top + plotHeight}\" stroke=\"#64748b\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Top + plotHeight}\" stroke=\"#64748b\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{Top + 10}\" text-anchor=\"end\" font-size=\"11\" fill=\"#334155\">{max:N0}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{Top + plotHeight}\" text-anchor=\"end\" font-size=\"11\" fill=\"#334155\">0</text>");
        for (var i = 0; i < runsOldestFirst.Count; i++)
        {
            var x = Left + (slot * i) + ((slot - bar) / 2);
            var y = Y(records[i]);
            var when = DashboardLayout.When(runsOldestFirst[i].CreatedAt);
            svg.Append(CultureInfo.InvariantCulture,
                $"<rect class=\"bar\" x=\"{F(x)}\" y=\"{F(y)}\" width=\"{F(bar)}\" height=\"{F(Top + plotHeight - y)}\" fill=\"#2563eb\"><title>{when}: {records[i]:N0} records, {errors[i]} errors</title></rect>");
            if (errors[i] > 0)
            {
                svg.Append(CultureInfo.InvariantCulture,
                    $"<circle class=\"error-mark\" cx=\"{F(x + (bar / 2))}\" cy=\"{F(Y(errors[i]))}\" r=\"5\" fill=\"#dc2626\"><title>{when}: {errors[i]} errors</title></circle>");
            }
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"{Height - 8}\" font-size=\"11\" fill=\"#334155\">{DashboardLayout.When(runsOldestFirst[0].CreatedAt)}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - 8}\" y=\"{Height - 8}\" text-anchor=\"end\" font-size=\"11\" fill=\"#334155\">{DashboardLayout.When(runsOldestFirst[^1].CreatedAt)}</text>");
        // Only numbers, fixed words and formatted dates above: nothing a user typed.
        var body = Html.Trusted(svg.ToString());
        return Html.H($"""
            <svg class="chart" id="sync-chart" viewBox="0 0 {Width} {Height}" role="img" aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg">
              <title id="chart-title">Records synced and errors per run</title>
              <desc id="chart-desc">{runsOldestFirst.Count} runs; at most {records.Max()} records and {errors.Max()} errors in one run. Blue bars: records; red dots: errors.</desc>
              {body}
            </svg>
            <p class="small muted"><span aria-hidden="true">■</span> records written per run · <span aria-hidden="true">●</span> errors per run</p>
            """);
    }

    /// <summary>Errors of a run: its per-entity errors, and at least one when the run failed as a whole.</summary>
    internal static int Errors(SyncRunRow run)
    {
        var count = 0;
        try
        {
            using var doc = JsonDocument.Parse(run.ErrorsJson);
            count = doc.RootElement.ValueKind == JsonValueKind.Array ? doc.RootElement.GetArrayLength() : 0;
        }
        catch (JsonException)
        {
            count = 0;
        }

        return run.Status == "failed" ? Math.Max(1, count) : count;
    }
}
