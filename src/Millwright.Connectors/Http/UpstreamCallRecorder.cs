namespace Millwright.Connectors.Http;

/// <summary>
/// Collects the upstream calls made inside an ambient scope (an <see cref="AsyncLocal{T}"/>), so that an
/// API request or a sync run learns which vendor calls it caused without threading anything through the
/// connectors. Every call is also handed to the registered <see cref="IUpstreamCallObserver"/>s, scope or not.
/// </summary>
public static class UpstreamCallRecorder
{
    private static readonly AsyncLocal<UpstreamCallScope?> Current = new();

    /// <summary>
    /// Opens a scope for the current asynchronous flow; calls made in it (and in tasks it starts) are
    /// collected until it is disposed, which restores the enclosing scope.
    /// </summary>
    /// <param name="owner">What the calls belong to: a request id (<c>req_…</c>) or a sync run id (<c>sync_…</c>).</param>
    /// <param name="collect">Keep the calls in the scope (an API request, read at its end); false for long
    /// owners such as sync runs, whose calls observers store as they happen.</param>
    public static UpstreamCallScope Begin(string owner, bool collect = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        var scope = new UpstreamCallScope(owner, collect, Current.Value, s => Current.Value = s);
        Current.Value = scope;
        return scope;
    }

    /// <summary>The innermost open scope of this flow, if any.</summary>
    public static UpstreamCallScope? CurrentScope => Current.Value;
}

/// <summary>The calls of one owner. Thread-safe: a request may call a system from parallel tasks.</summary>
public sealed class UpstreamCallScope : IDisposable
{
    /// <summary>Enough for any one request; a sync run streams its calls to observers instead of holding them.</summary>
    public const int MaxCalls = 200;

    private readonly Lock gate = new();
    private readonly List<UpstreamCall> calls = [];
    private readonly UpstreamCallScope? parent;
    private readonly Action<UpstreamCallScope?> restore;
    private int dropped;

    internal UpstreamCallScope(string owner, bool collect, UpstreamCallScope? parent, Action<UpstreamCallScope?> restore)
    {
        Owner = owner;
        Collects = collect;
        this.parent = parent;
        this.restore = restore;
    }

    /// <summary>Request id or sync run id.</summary>
    public string Owner { get; }

    /// <summary>Whether the scope keeps its calls (see <see cref="UpstreamCallRecorder.Begin"/>).</summary>
    public bool Collects { get; }

    /// <summary>Calls beyond <see cref="MaxCalls"/> that were counted but not kept.</summary>
    public int Dropped
    {
        get { lock (gate) { return dropped; } }
    }

    /// <summary>The calls so far, oldest first.</summary>
    public IReadOnlyList<UpstreamCall> Calls()
    {
        lock (gate)
        {
            return [.. calls];
        }
    }

    internal void Add(UpstreamCall call)
    {
        if (!Collects)
        {
            return;
        }

        lock (gate)
        {
            if (calls.Count < MaxCalls)
            {
                calls.Add(call);
            }
            else
            {
                dropped++;
            }
        }
    }

    public void Dispose() => restore(parent);
}

/// <summary>Sees every upstream attempt (scope or not), e.g. to keep per-system health counts. Must not block.</summary>
public interface IUpstreamCallObserver
{
    /// <param name="call">The attempt.</param>
    /// <param name="scope">The innermost scope the call was made in, or null.</param>
    void OnUpstreamCall(UpstreamCall call, UpstreamCallScope? scope);
}
