namespace Millwright.Sandbox.MaintainX;

// The sandbox's own state: immutable records, replaced (never mutated) on write so a list can project a
// snapshot outside the store lock. Property names follow MaintainX's JSON; money is in cents as the API says.

internal abstract record MxRecord
{
    public required long Id { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? DeletedAt { get; init; }

    /// <summary>Value of a <c>sort</c> attribute, or null when the record has none.</summary>
    public virtual DateTimeOffset? SortValue(string attribute) => attribute switch
    {
        "createdAt" => CreatedAt,
        "updatedAt" => UpdatedAt,
        _ => null,
    };
}

internal sealed record MxOrganization(long Id, string Name, string TimeZone, string Currency);

internal sealed record MxLocation : MxRecord
{
    public required string Name { get; init; }

    public string? Description { get; init; }

    public string? Address { get; init; }

    public long? ParentId { get; init; }

    public string? Barcode { get; init; }

    public IReadOnlyList<long> TeamIds { get; init; } = [];

    public IReadOnlyList<long> VendorIds { get; init; } = [];

    public IReadOnlyDictionary<string, string> ExtraFields { get; init; } = new Dictionary<string, string>();
}

internal sealed record MxAssetStatus(long Id, string Status, string? DowntimeType, DateTimeOffset StartedAt, string? Description);

internal sealed record MxAsset : MxRecord
{
    public required string Name { get; init; }

    public string? Description { get; init; }

    public long? ParentId { get; init; }

    public long? LocationId { get; init; }

    public long? CriticalityId { get; init; }

    public string? SerialNumber { get; init; }

    public string? Barcode { get; init; }

    public string? Manufacturer { get; init; }

    public string? Model { get; init; }

    public long? CreatorId { get; init; }

    public required string GlobalUuid { get; init; }

    public IReadOnlyList<long> TeamIds { get; init; } = [];

    public IReadOnlyList<string> AssetTypes { get; init; } = [];

    public IReadOnlyList<long> VendorIds { get; init; } = [];

    public IReadOnlyDictionary<string, string> ExtraFields { get; init; } = new Dictionary<string, string>();

    public required MxAssetStatus Status { get; init; }
}

internal sealed record MxCriticality(long Id, string Label, int Level);

internal sealed record MxCategory(long Id, string Label, string Description);

internal sealed record MxUser : MxRecord
{
    public required string FirstName { get; init; }

    public required string LastName { get; init; }

    public string? Email { get; init; }

    public string? PhoneNumber { get; init; }

    public required string Role { get; init; }

    public int? HourlyRate { get; init; }

    public DateTimeOffset? LastVisitedAt { get; init; }
}

internal sealed record MxTeamMember(long UserId, string TeamRole);

internal sealed record MxTeam : MxRecord
{
    public required string Name { get; init; }

    public string Description { get; init; } = "";

    public IReadOnlyList<MxTeamMember> Members { get; init; } = [];

    public IReadOnlyList<long> AssetIds { get; init; } = [];

    public IReadOnlyList<long> LocationIds { get; init; } = [];
}

internal sealed record MxVendor : MxRecord
{
    public required string Name { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<string> Emails { get; init; } = [];

    public IReadOnlyList<string> PhoneNumbers { get; init; } = [];

    public IReadOnlyDictionary<string, string> ExtraFields { get; init; } = new Dictionary<string, string>();
}
