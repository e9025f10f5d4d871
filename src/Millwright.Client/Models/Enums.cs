namespace Millwright.Client.Models;

/// <summary>Unified work-order status. The system's own value is kept in <c>remote_status</c>.</summary>
public enum WorkOrderStatus
{
    /// <summary>Created, not started (also: awaiting approval or scheduling).</summary>
    Open,
    /// <summary>Work has started.</summary>
    InProgress,
    /// <summary>Paused: waiting for parts, permits, a shutdown window…</summary>
    OnHold,
    /// <summary>Work is done.</summary>
    Completed,
    /// <summary>Closed without doing the work (cancelled or skipped).</summary>
    Cancelled,
    /// <summary>A status the mapping could not place.</summary>
    Other,
}

/// <summary>Unified priority. The system's own value is kept in <c>remote_priority</c>.</summary>
public enum Priority
{
    /// <summary>No priority given.</summary>
    None,
    /// <summary>Low.</summary>
    Low,
    /// <summary>Medium.</summary>
    Medium,
    /// <summary>High.</summary>
    High,
    /// <summary>Critical / emergency.</summary>
    Critical,
}

/// <summary>Unified asset status.</summary>
public enum AssetStatus
{
    /// <summary>Running and available.</summary>
    Operational,
    /// <summary>Not running (down, broken, offline).</summary>
    Down,
    /// <summary>Retired, decommissioned or disposed of.</summary>
    Retired,
    /// <summary>A status the mapping could not place.</summary>
    Other,
}

/// <summary>Unified maintenance-request status.</summary>
public enum RequestStatus
{
    /// <summary>Waiting for review.</summary>
    Pending,
    /// <summary>Approved (usually turned into a work order).</summary>
    Approved,
    /// <summary>Declined.</summary>
    Declined,
    /// <summary>Handled and closed.</summary>
    Completed,
    /// <summary>A status the mapping could not place.</summary>
    Other,
}

/// <summary>Unified purchase-order status.</summary>
public enum PurchaseOrderStatus
{
    /// <summary>Being written.</summary>
    Draft,
    /// <summary>Waiting for approval.</summary>
    PendingApproval,
    /// <summary>Approved, not yet received.</summary>
    Approved,
    /// <summary>Part of the goods received.</summary>
    PartiallyReceived,
    /// <summary>All goods received / closed.</summary>
    Received,
    /// <summary>Declined or cancelled.</summary>
    Cancelled,
    /// <summary>A status the mapping could not place.</summary>
    Other,
}
