using System.Text;

namespace Millwright.Bench.Load;

/// <summary>One kind of read traffic: what each concurrent client requests, one request after the other.</summary>
internal sealed record Scenario(string Name, string Description, Func<int, ServerReady, IRequestSource> CreateClient)
{
    /// <summary>The path of <c>list-50</c>, whose answer <c>floor-50</c> serves from memory.</summary>
    public const string ListPath = "/v1/work-orders";

    public static IReadOnlyList<Scenario> All { get; } =
    [
        new("healthz", "`GET /healthz`: the floor of the HTTP stack (no auth, no store)", (_, _) => new FixedPath("/healthz")),
        new("list-50", "`GET /v1/work-orders` (default page of 50, `updated_at` order)", (_, _) => new FixedPath(ListPath)),
        new("floor-50", $"`GET {FloorResponse.Path}`: the bytes of one `list-50` answer, captured at start and served from memory by the same server process, in front of its pipeline (no auth, no store, no request log)",
            (_, _) => new FixedPath(FloorResponse.Path)),
        new("list-500", "`GET /v1/work-orders?limit=500`", (_, _) => new FixedPath("/v1/work-orders?limit=500")),
        new("filtered-sorted", "`GET /v1/work-orders?filter[status:in]=open,in_progress&filter[priority:gte]=high&sort=-due_at`",
            (_, _) => new FixedPath("/v1/work-orders?filter[status:in]=open,in_progress&filter[priority:gte]=high&sort=-due_at")),
        new("filtered", "`GET /v1/work-orders?filter[status:in]=open,in_progress&filter[priority:gte]=high` (default `updated_at` order)",
            (_, _) => new FixedPath("/v1/work-orders?filter[status:in]=open,in_progress&filter[priority:gte]=high")),
        new("expand-asset", "`GET /v1/work-orders?expand=asset`", (_, _) => new FixedPath("/v1/work-orders?expand=asset")),
        new("deep-paging", "`GET /v1/work-orders?limit=50&cursor=…` following `next_cursor` to the end, then again",
            (_, _) => new CursorWalk("/v1/work-orders?limit=50")),
        new("get-by-id", "`GET /v1/work-orders/{id}` over 400 ids spread through the store",
            (index, ready) => new RandomIds("/v1/work-orders/", ready.WorkOrderIds, seed: index)),
    ];
}

/// <summary>The requests of one client: the next path, and what the last response said.</summary>
internal interface IRequestSource
{
    /// <summary>Page number within a cursor walk (1-based); 0 when the scenario does not page.</summary>
    int Depth { get; }

    string NextPath();

    void Completed(ReadOnlySpan<byte> body);
}

internal sealed class FixedPath(string path) : IRequestSource
{
    public int Depth => 0;

    public string NextPath() => path;

    public void Completed(ReadOnlySpan<byte> body)
    {
    }
}

/// <summary>Random ids from a fixed list, with a fixed seed per client so runs request the same sequence.</summary>
internal sealed class RandomIds(string prefix, IReadOnlyList<string> ids, int seed) : IRequestSource
{
    private readonly Random random = new(seed);

    public int Depth => 0;

    public string NextPath() => prefix + ids[random.Next(ids.Count)];

    public void Completed(ReadOnlySpan<byte> body)
    {
    }
}

/// <summary>Follows <c>next_cursor</c> until it is null, then starts again from the first page.</summary>
internal sealed class CursorWalk(string firstPage) : IRequestSource
{
    private static readonly byte[] NextCursorProperty = Encoding.UTF8.GetBytes("\"next_cursor\":");

    private string? cursor;

    public int Depth { get; private set; } = 1;

    /// <summary>Walks that reached the last page.</summary>
    public int Completions { get; private set; }

    public string NextPath() => cursor is null ? firstPage : $"{firstPage}&cursor={cursor}";

    public void Completed(ReadOnlySpan<byte> body)
    {
        // next_cursor is the last property of the page: look for it from the end instead of parsing 50 records.
        var at = body.LastIndexOf(NextCursorProperty);
        if (at < 0)
        {
            throw new InvalidDataException("A list page without next_cursor.");
        }

        var value = body[(at + NextCursorProperty.Length)..].TrimStart(" "u8);
        if (value.StartsWith("null"u8))
        {
            cursor = null;
            Depth = 1;
            Completions++;
            return;
        }

        // A cursor is base64url, so it never holds a quote or an escape: the text between the quotes is the value.
        var end = value[1..].IndexOf((byte)'"');
        cursor = Encoding.ASCII.GetString(value.Slice(1, end));
        Depth++;
    }
}
