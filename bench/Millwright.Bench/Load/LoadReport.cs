using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Millwright.Bench.Load;

/// <summary>The markdown written at the end of a load run (pasted into docs/performance.md).</summary>
internal static class LoadReport
{
    private const double MiB = 1024 * 1024;

    public static string Header(LoadOptions options, ServerReady ready, string loadBefore) => new StringBuilder()
        .AppendLine(CultureInfo.InvariantCulture, $"Load run of {TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm} UTC")
        .AppendLine()
        .AppendLine(CultureInfo.InvariantCulture, $"- machine: {Environment.ProcessorCount} cores ({CpuModel()}), {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / MiB / 1024:0.#} GiB, {RuntimeInformation.OSDescription}")
        .AppendLine(CultureInfo.InvariantCulture, $"- runtime: {RuntimeInformation.FrameworkDescription}, server process with server GC; driver and server share the cores")
        .AppendLine(CultureInfo.InvariantCulture, $"- store: {ready.Store}, {ready.WorkOrders:N0} work orders + {ready.Assets:N0} assets of one connection (seeded in {ready.SeedSeconds:0.0} s)")
        .AppendLine(CultureInfo.InvariantCulture, $"- load: {options.Clients} concurrent clients (closed loop, keep-alive), {options.Warmup.TotalSeconds:0} s warm-up + {options.Duration.TotalSeconds:0} s measured per scenario")
        .AppendLine(CultureInfo.InvariantCulture, $"- request logs: {(options.RequestLogs ? "on" : "off")}")
        .AppendLine(CultureInfo.InvariantCulture, $"- load average before the run (1/5/15 min): {loadBefore}")
        .ToString();

    public static string Results(IReadOnlyList<ScenarioResult> results, string loadAfter)
    {
        var text = new StringBuilder()
            .AppendLine("| scenario | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | KiB/resp | server alloc/req | server CPU ms/req | gen0/1/2 | errors |")
            .AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|");
        foreach (var r in results)
        {
            var n = Math.Max(1, r.Samples.Count);
            var sorted = r.Samples.Select(s => s.Ticks).Order().ToArray();
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Scenario.Name} | {r.Samples.Count:N0} | {r.Samples.Count / r.Elapsed.TotalSeconds:N0} | {Ms(Percentile(sorted, 0.50))} | {Ms(Percentile(sorted, 0.95))} | {Ms(Percentile(sorted, 0.99))} | {Ms(sorted.LastOrDefault())} "
                + $"| {r.BytesReceived / 1024.0 / n:N1} | {Bytes((r.After.AllocatedBytes - r.Before.AllocatedBytes) / (double)n)} | {(r.After.CpuMs - r.Before.CpuMs) / n:0.00} "
                + $"| {r.After.Gen0 - r.Before.Gen0}/{r.After.Gen1 - r.Before.Gen1}/{r.After.Gen2 - r.Before.Gen2} | {r.Errors} |");
        }

        text.AppendLine()
            .AppendLine("Server memory during each scenario (sampled once a second):")
            .AppendLine()
            .AppendLine("| scenario | working set start → end (max) MiB | managed heap start → end (max) MiB | GC pause ms |")
            .AppendLine("|---|---|---|---:|");
        foreach (var r in results)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Scenario.Name} | {r.Before.WorkingSetBytes / MiB:N0} → {r.After.WorkingSetBytes / MiB:N0} ({r.Timeline.Max(s => s.WorkingSetBytes) / MiB:N0}) "
                + $"| {r.Before.ManagedHeapBytes / MiB:N0} → {r.After.ManagedHeapBytes / MiB:N0} ({r.Timeline.Max(s => s.ManagedHeapBytes) / MiB:N0}) "
                + $"| {r.After.GcPauseMs - r.Before.GcPauseMs:N0} |");
        }

        foreach (var r in results.Where(r => r.Samples.Any(s => s.Depth > 0)))
        {
            var deepest = r.Samples.Max(s => s.Depth);
            var first = r.Samples.Where(s => s.Depth <= 10).Select(s => s.Ticks).Order().ToArray();
            var last = r.Samples.Where(s => s.Depth > deepest - 10).Select(s => s.Ticks).Order().ToArray();
            text.AppendLine()
                .AppendLine(CultureInfo.InvariantCulture,
                    $"{r.Scenario.Name}: {r.WalksCompleted} walks reached the last page ({deepest} pages); p50 of pages 1–10 {Ms(Percentile(first, 0.5))} ms, "
                    + $"p50 of pages {deepest - 9}–{deepest} {Ms(Percentile(last, 0.5))} ms.");
        }

        var ratios = Ratios(results);
        if (ratios.Length > 0)
        {
            text.AppendLine().Append(ratios);
        }

        foreach (var r in results.Where(r => r.FirstError is not null))
        {
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"{r.Scenario.Name}: first error: {r.FirstError}");
        }

        return text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Load average after the run: {loadAfter}").ToString();
    }

    /// <summary>
    /// Throughput ratios of scenarios measured in the same run (issue 16's targets are ratios, so they hold on a
    /// noisy machine): <c>list-50 / floor-50</c> (F1, target ≥ 0.4), <c>filtered-sorted / list-50</c> (Q1, ≥ 0.5)
    /// and <c>list-50 / healthz</c>.
    /// </summary>
    private static string Ratios(IReadOnlyList<ScenarioResult> results)
    {
        double? Rate(string name) => results.FirstOrDefault(r => r.Scenario.Name == name) is { } r ? r.Samples.Count / r.Elapsed.TotalSeconds : null;
        var text = new StringBuilder();
        foreach (var (numerator, denominator, target) in new[] { ("list-50", "floor-50", " (F1 target ≥ 0.4)"), ("filtered-sorted", "list-50", " (Q1 target ≥ 0.5)"), ("list-50", "healthz", "") })
        {
            if (Rate(numerator) is { } n && Rate(denominator) is { } d && d > 0)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- throughput `{numerator}` / `{denominator}`: {n / d:0.00}{target}");
            }
        }

        return text.Length == 0 ? "" : "Ratios in this run:" + Environment.NewLine + Environment.NewLine + text;
    }

    /// <summary>The steps of a read request measured one by one in the idle server (see RequestBreakdown).</summary>
    public static string Breakdown(ServerReady ready)
    {
        var text = new StringBuilder()
            .AppendLine("Steps of a read request, called in one DI scope in the idle server process before the load; each row is what the step adds (reader rows: after the caller lookup; JSON writing not included):")
            .AppendLine()
            .AppendLine("| step | allocated/call |")
            .AppendLine("|---|---:|");
        foreach (var step in ready.Breakdown)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {step.Step} | {Bytes(step.AllocatedBytes)} |");
        }

        return text.ToString();
    }

    /// <summary>The 1, 5 and 15 minute load averages: how busy the shared machine was.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string CpuModel() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?"
            : RuntimeInformation.ProcessArchitecture.ToString();

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    private static long Percentile(long[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static string Ms(long ticks) => (ticks * 1000.0 / Stopwatch.Frequency).ToString(ticks * 1000.0 / Stopwatch.Frequency < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture);

    private static string Bytes(double bytes) => bytes >= 1024 * 1024
        ? (bytes / MiB).ToString("0.0", CultureInfo.InvariantCulture) + " MiB"
        : (bytes / 1024).ToString("0.0", CultureInfo.InvariantCulture) + " KiB";
}
