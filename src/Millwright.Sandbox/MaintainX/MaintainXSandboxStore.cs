namespace Millwright.Sandbox.MaintainX;

/// <summary>
/// One entity set of one organisation. Records are immutable and replaced on write under the lock;
/// readers get a cached id-ordered snapshot array, rebuilt only after a write, so list calls stay cheap.
/// </summary>
internal sealed class MxTable<T>
    where T : MxRecord
{
    private readonly Lock gate = new();
    private readonly SortedDictionary<long, T> rows = [];
    private T[]? snapshot;
    private long nextId;

    public MxTable(IEnumerable<T> seed)
    {
        foreach (var row in seed)
        {
            rows.Add(row.Id, row);
            nextId = Math.Max(nextId, row.Id + 1);
        }
    }

    /// <summary>Every record, deleted ones included, ordered by id.</summary>
    public T[] Snapshot()
    {
        lock (gate)
        {
            return snapshot ??= [.. rows.Values];
        }
    }

    public T? Find(long id)
    {
        lock (gate)
        {
            return rows.GetValueOrDefault(id);
        }
    }

    /// <summary>Adds a record built from the next free id.</summary>
    public T Add(Func<long, T> create)
    {
        lock (gate)
        {
            var row = create(nextId++);
            rows.Add(row.Id, row);
            snapshot = null;
            return row;
        }
    }

    /// <summary>Replaces the record with <paramref name="id"/> by <paramref name="change"/>'s result; null if missing.</summary>
    public T? Update(long id, Func<T, T> change)
    {
        lock (gate)
        {
            if (!rows.TryGetValue(id, out var current))
            {
                return null;
            }

            var updated = change(current);
            rows[id] = updated;
            snapshot = null;
            return updated;
        }
    }

    public bool Remove(long id)
    {
        lock (gate)
        {
            snapshot = null;
            return rows.Remove(id);
        }
    }
}

/// <summary>Everything one organisation holds in the sandbox.</summary>
internal sealed class MaintainXSandboxData
{
    public required MxOrganization Organization { get; init; }

    public required MxTable<MxLocation> Locations { get; init; }

    public required MxTable<MxAsset> Assets { get; init; }

    public required IReadOnlyList<MxCriticality> Criticalities { get; init; }

    public required IReadOnlyList<MxCategory> Categories { get; init; }

    public required MxTable<MxUser> Users { get; init; }

    public required MxTable<MxTeam> Teams { get; init; }

    public required MxTable<MxVendor> Vendors { get; init; }

    public required MxTable<MxPart> Parts { get; init; }

    public required MxTable<MxPurchaseOrder> PurchaseOrders { get; init; }

    public required MxTable<MxWorkOrder> WorkOrders { get; init; }

    public required MxTable<MxWorkRequest> WorkRequests { get; init; }

    public required MxTable<MxMeter> Meters { get; init; }

    public required MxTable<MxMaintenancePlan> MaintenancePlans { get; init; }

    /// <summary>Serialises the allocation of work-order sequential ids.</summary>
    public Lock SequenceGate { get; } = new();

    public long NextSequentialId { get; set; }
}
