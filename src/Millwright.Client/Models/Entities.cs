namespace Millwright.Client.Models;

/// <summary>A plant, facility or other top-level place where maintenance happens.</summary>
public sealed record Site : UnifiedRecord
{
    /// <summary>Display name.</summary>
    public string? Name { get; init; }
    /// <summary>Short code of the site in the connected system (plant code, site id…).</summary>
    public string? Code { get; init; }
    /// <summary>Postal address as one line.</summary>
    public string? Address { get; init; }
}

/// <summary>An area, building, line or functional location inside a site.</summary>
public sealed record Location : UnifiedRecord
{
    /// <summary>Display name.</summary>
    public string? Name { get; init; }
    /// <summary>Code in the connected system.</summary>
    public string? Code { get; init; }
    /// <summary>Free text description.</summary>
    public string? Description { get; init; }
    /// <summary>Site the location belongs to.</summary>
    public string? SiteId { get; init; }
    /// <summary>Parent location in the hierarchy.</summary>
    public string? ParentId { get; init; }
    /// <summary>Postal address as one line.</summary>
    public string? Address { get; init; }
}

/// <summary>A maintained piece of equipment.</summary>
public sealed record Asset : UnifiedRecord
{
    /// <summary>Display name.</summary>
    public string? Name { get; init; }
    /// <summary>Asset number or tag.</summary>
    public string? Code { get; init; }
    /// <summary>Free text description.</summary>
    public string? Description { get; init; }
    /// <summary>Unified status.</summary>
    public AssetStatus? Status { get; init; }
    /// <summary>The system's own status value.</summary>
    public string? RemoteStatus { get; init; }
    /// <summary>Site of the asset.</summary>
    public string? SiteId { get; init; }
    /// <summary>Location of the asset.</summary>
    public string? LocationId { get; init; }
    /// <summary>Parent asset.</summary>
    public string? ParentId { get; init; }
    /// <summary>Serial number.</summary>
    public string? SerialNumber { get; init; }
    /// <summary>Manufacturer name.</summary>
    public string? Manufacturer { get; init; }
    /// <summary>Model name or number.</summary>
    public string? Model { get; init; }
    /// <summary>Barcode or QR value.</summary>
    public string? Barcode { get; init; }
    /// <summary>Category or class.</summary>
    public string? Category { get; init; }
}

/// <summary>A unit of maintenance work.</summary>
public sealed record WorkOrder : UnifiedRecord
{
    /// <summary>Human-facing number (sequential id, WONUM, order number).</summary>
    public string? Number { get; init; }
    /// <summary>Short title.</summary>
    public string? Title { get; init; }
    /// <summary>Long description.</summary>
    public string? Description { get; init; }
    /// <summary>Unified status.</summary>
    public WorkOrderStatus? Status { get; init; }
    /// <summary>The system's own status value.</summary>
    public string? RemoteStatus { get; init; }
    /// <summary>Unified priority.</summary>
    public Priority? Priority { get; init; }
    /// <summary>The system's own priority value.</summary>
    public string? RemotePriority { get; init; }
    /// <summary>Kind of work (preventive, corrective, …) as the system names it.</summary>
    public string? Type { get; init; }
    /// <summary>Site.</summary>
    public string? SiteId { get; init; }
    /// <summary>Location.</summary>
    public string? LocationId { get; init; }
    /// <summary>Asset worked on.</summary>
    public string? AssetId { get; init; }
    /// <summary>Users assigned.</summary>
    public IReadOnlyList<string> AssigneeIds { get; init; } = [];
    /// <summary>Teams assigned.</summary>
    public IReadOnlyList<string> TeamIds { get; init; } = [];
    /// <summary>User who created or requested the work.</summary>
    public string? RequestedById { get; init; }
    /// <summary>Preventive-maintenance schedule that generated it.</summary>
    public string? PmScheduleId { get; init; }
    /// <summary>Due date.</summary>
    public DateTimeOffset? DueAt { get; init; }
    /// <summary>Planned or actual start.</summary>
    public DateTimeOffset? StartedAt { get; init; }
    /// <summary>Completion time.</summary>
    public DateTimeOffset? CompletedAt { get; init; }
    /// <summary>Parts planned for the work and how many of each were used.</summary>
    public IReadOnlyList<WorkOrderPart> Parts { get; init; } = [];
}

/// <summary>A part planned for or used on a work order (an SAP order component, a Maximo planned material).</summary>
public sealed record WorkOrderPart
{
    /// <summary>Id of the line in the connected system.</summary>
    public string? RemoteId { get; init; }
    /// <summary>Part planned or used.</summary>
    public string? PartId { get; init; }
    /// <summary>Line text (often the part's name).</summary>
    public string? Description { get; init; }
    /// <summary>Quantity planned (required) for the work.</summary>
    public decimal? Quantity { get; init; }
    /// <summary>Quantity used so far (issued from stores, withdrawn, consumed).</summary>
    public decimal? QuantityUsed { get; init; }
    /// <summary>Unit of measure of the quantities.</summary>
    public string? Unit { get; init; }
    /// <summary>Site the part is drawn from, where the system keeps stock per site and store (an SAP plant).</summary>
    public string? SiteId { get; init; }
    /// <summary>The system's own code of the store within the site it is drawn from (an SAP storage location such as <c>0001</c>).</summary>
    public string? StorageLocation { get; init; }
}

/// <summary>A request for work (work request, service request, notification).</summary>
public sealed record MaintenanceRequest : UnifiedRecord
{
    /// <summary>Short title.</summary>
    public string? Title { get; init; }
    /// <summary>Long description.</summary>
    public string? Description { get; init; }
    /// <summary>Unified status.</summary>
    public RequestStatus? Status { get; init; }
    /// <summary>The system's own status value.</summary>
    public string? RemoteStatus { get; init; }
    /// <summary>Unified priority.</summary>
    public Priority? Priority { get; init; }
    /// <summary>The system's own priority value.</summary>
    public string? RemotePriority { get; init; }
    /// <summary>Site.</summary>
    public string? SiteId { get; init; }
    /// <summary>Location.</summary>
    public string? LocationId { get; init; }
    /// <summary>Asset concerned.</summary>
    public string? AssetId { get; init; }
    /// <summary>Requesting user.</summary>
    public string? RequestedById { get; init; }
    /// <summary>Work order created from the request.</summary>
    public string? WorkOrderId { get; init; }
}

/// <summary>Stock of a part at one location.</summary>
public sealed record PartStock
{
    /// <summary>Location holding the stock.</summary>
    public string? LocationId { get; init; }
    /// <summary>Quantity on hand.</summary>
    public decimal? Quantity { get; init; }
    /// <summary>Re-order threshold.</summary>
    public decimal? MinimumQuantity { get; init; }
    /// <summary>Site holding the stock, where the system keeps stock per site and store rather than per location record (an SAP plant).</summary>
    public string? SiteId { get; init; }
    /// <summary>The system's own code of the store within the site when it is not a location record (an SAP storage location such as <c>0001</c>).</summary>
    public string? StorageLocation { get; init; }
    /// <summary>Unit of measure of the quantities.</summary>
    public string? Unit { get; init; }
}

/// <summary>A spare part or inventory item.</summary>
public sealed record Part : UnifiedRecord
{
    /// <summary>Display name.</summary>
    public string? Name { get; init; }
    /// <summary>Part or item number.</summary>
    public string? Number { get; init; }
    /// <summary>Free text description.</summary>
    public string? Description { get; init; }
    /// <summary>Cost of one unit.</summary>
    public decimal? UnitCost { get; init; }
    /// <summary>Unit of measure.</summary>
    public string? Unit { get; init; }
    /// <summary>Barcode.</summary>
    public string? Barcode { get; init; }
    /// <summary>Vendors that supply it.</summary>
    public IReadOnlyList<string> VendorIds { get; init; } = [];
    /// <summary>Stock per location.</summary>
    public IReadOnlyList<PartStock> Stock { get; init; } = [];
    /// <summary>Quantity over all locations.</summary>
    public decimal? TotalQuantity { get; init; }
}

/// <summary>One line of a purchase order.</summary>
public sealed record PurchaseOrderLineItem
{
    /// <summary>Line id in the connected system.</summary>
    public string? RemoteId { get; init; }
    /// <summary>Part ordered.</summary>
    public string? PartId { get; init; }
    /// <summary>Line text.</summary>
    public string? Description { get; init; }
    /// <summary>Quantity ordered.</summary>
    public decimal? Quantity { get; init; }
    /// <summary>Quantity received so far.</summary>
    public decimal? QuantityReceived { get; init; }
    /// <summary>Price of one unit.</summary>
    public decimal? UnitPrice { get; init; }
}

/// <summary>An order for parts or services from a vendor.</summary>
public sealed record PurchaseOrder : UnifiedRecord
{
    /// <summary>PO number.</summary>
    public string? Number { get; init; }
    /// <summary>Title or description.</summary>
    public string? Title { get; init; }
    /// <summary>Unified status.</summary>
    public PurchaseOrderStatus? Status { get; init; }
    /// <summary>The system's own status value.</summary>
    public string? RemoteStatus { get; init; }
    /// <summary>Vendor ordered from.</summary>
    public string? VendorId { get; init; }
    /// <summary>Site ordering.</summary>
    public string? SiteId { get; init; }
    /// <summary>Total amount.</summary>
    public decimal? TotalAmount { get; init; }
    /// <summary>ISO 4217 currency code.</summary>
    public string? Currency { get; init; }
    /// <summary>Expected delivery date.</summary>
    public DateTimeOffset? ExpectedAt { get; init; }
    /// <summary>Lines.</summary>
    public IReadOnlyList<PurchaseOrderLineItem> LineItems { get; init; } = [];
}

/// <summary>A supplier or service company.</summary>
public sealed record Vendor : UnifiedRecord
{
    /// <summary>Company name.</summary>
    public string? Name { get; init; }
    /// <summary>Contact e-mail.</summary>
    public string? Email { get; init; }
    /// <summary>Contact phone.</summary>
    public string? Phone { get; init; }
    /// <summary>Web site.</summary>
    public string? Website { get; init; }
    /// <summary>Postal address as one line.</summary>
    public string? Address { get; init; }
}

/// <summary>A person with an account in the connected system.</summary>
public sealed record User : UnifiedRecord
{
    /// <summary>Full name.</summary>
    public string? Name { get; init; }
    /// <summary>E-mail.</summary>
    public string? Email { get; init; }
    /// <summary>Phone.</summary>
    public string? Phone { get; init; }
    /// <summary>Role as the system names it.</summary>
    public string? Role { get; init; }
    /// <summary>Whether the user may still sign in.</summary>
    public bool? IsActive { get; init; }
}

/// <summary>A group of users (crew, craft, team).</summary>
public sealed record Team : UnifiedRecord
{
    /// <summary>Name.</summary>
    public string? Name { get; init; }
    /// <summary>Description.</summary>
    public string? Description { get; init; }
    /// <summary>Members.</summary>
    public IReadOnlyList<string> MemberIds { get; init; } = [];
}

/// <summary>A counter or gauge on an asset (hours, cycles, temperature…).</summary>
public sealed record Meter : UnifiedRecord
{
    /// <summary>Name.</summary>
    public string? Name { get; init; }
    /// <summary>Unit of measure.</summary>
    public string? Unit { get; init; }
    /// <summary>Asset measured.</summary>
    public string? AssetId { get; init; }
    /// <summary>Location measured.</summary>
    public string? LocationId { get; init; }
    /// <summary>Latest value.</summary>
    public decimal? LastReadingValue { get; init; }
    /// <summary>Time of the latest value.</summary>
    public DateTimeOffset? LastReadingAt { get; init; }
}

/// <summary>One value read from a meter.</summary>
public sealed record MeterReading : UnifiedRecord
{
    /// <summary>Meter read.</summary>
    public string? MeterId { get; init; }
    /// <summary>Value.</summary>
    public decimal? Value { get; init; }
    /// <summary>When it was read.</summary>
    public DateTimeOffset? ReadAt { get; init; }
}

/// <summary>A preventive-maintenance schedule (maintenance plan) that generates work orders.</summary>
public sealed record PmSchedule : UnifiedRecord
{
    /// <summary>Name.</summary>
    public string? Name { get; init; }
    /// <summary>Description.</summary>
    public string? Description { get; init; }
    /// <summary>Asset maintained.</summary>
    public string? AssetId { get; init; }
    /// <summary>Location maintained.</summary>
    public string? LocationId { get; init; }
    /// <summary>Repeat interval count, with <see cref="IntervalUnit"/>.</summary>
    public int? IntervalValue { get; init; }
    /// <summary>day, week, month, year, or a meter unit.</summary>
    public string? IntervalUnit { get; init; }
    /// <summary>Next due date.</summary>
    public DateTimeOffset? NextDueAt { get; init; }
    /// <summary>Whether it still generates work.</summary>
    public bool? IsActive { get; init; }
}
