using System.Text.Json;

namespace Millwright.Bench.Load;

/// <summary>What the server process reports once seeded: where it listens and how to read its data.</summary>
internal sealed record ServerReady(
    string BaseAddress,
    string Token,
    string ConnectionId,
    int WorkOrders,
    int Assets,
    double SeedSeconds,
    string Store,
    IReadOnlyList<string> WorkOrderIds)
{
    /// <summary>Allocation and time of each step of a read request, measured before the load (see RequestBreakdown).</summary>
    public IReadOnlyList<BreakdownStep> Breakdown { get; init; } = [];
}

/// <summary>Counters of the server process at one instant; differences between two give the cost of what ran in between.</summary>
internal sealed record ServerStats(
    long AllocatedBytes,
    long WorkingSetBytes,
    long ManagedHeapBytes,
    int Gen0,
    int Gen1,
    int Gen2,
    double GcPauseMs,
    double CpuMs);

/// <summary>
/// The load driver and the server process talk over the server's stdin/stdout: the driver writes
/// <c>stats</c> or <c>exit</c> lines, the server answers with lines that start with <see cref="Prefix"/>
/// followed by one JSON message. Every other stdout line is the server's own log output.
/// </summary>
internal static class BenchProtocol
{
    public const string Prefix = "@@bench ";
    public const string StatsCommand = "stats";
    public const string ExitCommand = "exit";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Line<T>(T message) => Prefix + JsonSerializer.Serialize(message, Json);

    public static T Parse<T>(string line) => JsonSerializer.Deserialize<T>(line[Prefix.Length..], Json)
        ?? throw new InvalidDataException($"The server process sent an empty message: {line}");
}
