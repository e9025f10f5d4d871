namespace Millwright.Client.Models;

/// <summary>The entities of the unified EAM model v1.</summary>
public enum Entity
{
    /// <summary><see cref="Models.Site"/></summary>
    Sites,
    /// <summary><see cref="Models.Location"/></summary>
    Locations,
    /// <summary><see cref="Models.Asset"/></summary>
    Assets,
    /// <summary><see cref="Models.WorkOrder"/></summary>
    WorkOrders,
    /// <summary><see cref="Models.MaintenanceRequest"/></summary>
    MaintenanceRequests,
    /// <summary><see cref="Models.Part"/></summary>
    Parts,
    /// <summary><see cref="Models.PurchaseOrder"/></summary>
    PurchaseOrders,
    /// <summary><see cref="Models.Vendor"/></summary>
    Vendors,
    /// <summary><see cref="Models.User"/></summary>
    Users,
    /// <summary><see cref="Models.Team"/></summary>
    Teams,
    /// <summary><see cref="Models.Meter"/></summary>
    Meters,
    /// <summary><see cref="Models.MeterReading"/></summary>
    MeterReadings,
    /// <summary><see cref="Models.PmSchedule"/></summary>
    PmSchedules,
}

/// <summary>How each entity is named on the wire and which record type carries it.</summary>
/// <param name="Entity">The entity.</param>
/// <param name="Path">URL segment under <c>/v1/</c>, e.g. <c>work-orders</c>.</param>
/// <param name="Singular">Singular snake_case name used in events, e.g. <c>work_order</c>.</param>
/// <param name="IdPrefix">Prefix of Millwright ids of this entity, e.g. <c>wo</c>.</param>
/// <param name="RecordType">The record type in <see cref="Models"/>.</param>
public sealed record EntityInfo(Entity Entity, string Path, string Singular, string IdPrefix, Type RecordType)
{
    /// <summary>All entities, in sync dependency order (referenced entities first).</summary>
    public static IReadOnlyList<EntityInfo> All { get; } =
    [
        new(Entity.Sites, "sites", "site", "site", typeof(Site)),
        new(Entity.Locations, "locations", "location", "loc", typeof(Location)),
        new(Entity.Users, "users", "user", "usr", typeof(User)),
        new(Entity.Teams, "teams", "team", "team", typeof(Team)),
        new(Entity.Vendors, "vendors", "vendor", "ven", typeof(Vendor)),
        new(Entity.Assets, "assets", "asset", "ast", typeof(Asset)),
        new(Entity.Parts, "parts", "part", "part", typeof(Part)),
        new(Entity.Meters, "meters", "meter", "mtr", typeof(Meter)),
        new(Entity.MeterReadings, "meter-readings", "meter_reading", "mrd", typeof(MeterReading)),
        new(Entity.PmSchedules, "pm-schedules", "pm_schedule", "pm", typeof(PmSchedule)),
        new(Entity.PurchaseOrders, "purchase-orders", "purchase_order", "po", typeof(PurchaseOrder)),
        new(Entity.MaintenanceRequests, "maintenance-requests", "maintenance_request", "req", typeof(MaintenanceRequest)),
        new(Entity.WorkOrders, "work-orders", "work_order", "wo", typeof(WorkOrder)),
    ];

    private static readonly Dictionary<Entity, EntityInfo> ByEntity = All.ToDictionary(e => e.Entity);
    private static readonly Dictionary<string, EntityInfo> ByPath = All.ToDictionary(e => e.Path, StringComparer.Ordinal);

    /// <summary>Looks an entity up.</summary>
    public static EntityInfo Of(Entity entity) => ByEntity[entity];

    /// <summary>Looks an entity up by its URL segment; null when there is none.</summary>
    public static EntityInfo? FromPath(string path) => ByPath.GetValueOrDefault(path);
}
