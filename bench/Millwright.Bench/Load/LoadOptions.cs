namespace Millwright.Bench.Load;

/// <summary>Settings of one load run (the <c>load</c> command's options).</summary>
internal sealed record LoadOptions
{
    public int Clients { get; init; } = 8;
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(15);
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(3);
    public int WorkOrders { get; init; } = 20_000;
    public int Assets { get; init; } = 1_000;
    /// <summary>PostgreSQL connection string; empty runs on the embedded SQLite store.</summary>
    public string? Database { get; init; }
    /// <summary>Names of the scenarios to run; empty runs all.</summary>
    public IReadOnlyList<string> Scenarios { get; init; } = [];
    /// <summary>Whether the server logs API calls (Features/RequestLogs); off to measure what logging costs.</summary>
    public bool RequestLogs { get; init; } = true;
    /// <summary>Markdown file to write the report to, besides stdout.</summary>
    public string? Output { get; init; }

    /// <summary>The server process stops by itself after this long, whatever happens to the driver.</summary>
    public TimeSpan MaxServerLifetime => TimeSpan.FromMinutes(10) + (Duration + Warmup) * 10;
}
