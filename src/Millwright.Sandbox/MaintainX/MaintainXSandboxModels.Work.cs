namespace Millwright.Sandbox.MaintainX;

internal sealed record MxAssignee(string Type, long Id);

internal sealed record MxPartUse(long PartId, int QuantityUsed, long? LocationId);

internal sealed record MxWorkOrder : MxRecord
{
    public required long SequentialId { get; init; }

    public required string Title { get; init; }

    public string? Description { get; init; }

    public required string Status { get; init; }

    public required string Priority { get; init; }

    public string? Type { get; init; }

    public long? AssetId { get; init; }

    public long? LocationId { get; init; }

    public IReadOnlyList<MxAssignee> Assignees { get; init; } = [];

    public IReadOnlyList<string> Categories { get; init; } = [];

    public DateTimeOffset? DueDate { get; init; }

    public DateTimeOffset? StartDate { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public long? CompleterId { get; init; }

    public long? CreatorId { get; init; }

    public long? RequesterId { get; init; }

    public int? EstimatedTime { get; init; }

    public IReadOnlyList<long> VendorIds { get; init; } = [];

    public IReadOnlyList<MxPartUse> Parts { get; init; } = [];

    public IReadOnlyDictionary<string, string> ExtraFields { get; init; } = new Dictionary<string, string>();

    public override DateTimeOffset? SortValue(string attribute) => attribute switch
    {
        "dueDate" => DueDate,
        "startedAt" => StartDate,
        "completedAt" => CompletedAt,
        _ => base.SortValue(attribute),
    };
}

internal sealed record MxWorkRequest : MxRecord
{
    public required string Title { get; init; }

    public string? Description { get; init; }

    public required string Priority { get; init; }

    public required string RequestStatus { get; init; }

    public long? AssetId { get; init; }

    public long? LocationId { get; init; }

    public long? WorkOrderId { get; init; }

    public long? ApproverTeamId { get; init; }

    public string? ContactEmail { get; init; }

    public IReadOnlyDictionary<string, string> ExtraFields { get; init; } = new Dictionary<string, string>();
}

internal sealed record MxMeterReading(string Id, double Value, DateTimeOffset ReadingDate, DateTimeOffset CreatedAt);

internal sealed record MxMeter : MxRecord
{
    public required string Name { get; init; }

    public required string Unit { get; init; }

    public required string MeasurementType { get; init; }

    public string? Description { get; init; }

    public long? AssetId { get; init; }

    public long? LocationId { get; init; }

    public required long CreatorId { get; init; }

    public required string Uuid { get; init; }

    public int? ReadingIntervalDays { get; init; }

    /// <summary>Readings, oldest first; the API exposes only the last one (<c>lastReading</c>).</summary>
    public IReadOnlyList<MxMeterReading> Readings { get; init; } = [];
}

internal sealed record MxRecurrence(string Type, int Interval, IReadOnlyList<string> Days, int? Day);

internal sealed record MxMaintenancePlan : MxRecord
{
    public required string Name { get; init; }

    public required DateTimeOffset StartDate { get; init; }

    public required string TriggerType { get; init; }

    public required string IntervalStrategy { get; init; }

    public required MxRecurrence Recurrence { get; init; }

    public required long WorkOrderBlueprintId { get; init; }

    public IReadOnlyList<long> AssetIds { get; init; } = [];

    public required long CreatorId { get; init; }

    public int? EstimatedTimeSeconds { get; init; }

    public DateTimeOffset? LastWorkOrderGeneratedAt { get; init; }

    public DateTimeOffset? NextScheduledWorkOrderDueDate { get; init; }
}
