namespace Millwright.Sandbox.Maximo;

/// <summary>The JSON type of a Maximo attribute as lean JSON shows it (ALN/UPPER → text, INTEGER, DECIMAL/AMOUNT, YORN, DATETIME).</summary>
internal enum MxmType
{
    Text,
    Integer,
    Number,
    YesNo,
    Timestamp,
}

/// <summary>
/// A child object of an object structure (<c>poline</c> under PO), rendered as an array of objects. It may have children of
/// its own (<c>assetmeter{meterreading{…}}</c>, as the published MXAPIASSET schema nests them) and relationships usable as
/// <c>rel.meter{…}</c> inside its selection. With <see cref="MatchKey"/>, a <c>patchtype: MERGE</c> update matches sent rows to
/// stored ones by those attributes and changes them (REST API Guide); without one, sent rows are added.
/// </summary>
internal sealed record MxmChild(string Name, IReadOnlyDictionary<string, MxmType> Attributes)
{
    public IReadOnlyList<MxmChild> Children { get; init; } = [];

    public IReadOnlyList<MxmRelationship> Relationships { get; init; } = [];

    public IReadOnlyList<string> MatchKey { get; init; } = [];

    /// <summary>Attributes a row may be written with that are not stored (<c>newreading</c>: the schema marks them non-persistent).</summary>
    public IReadOnlySet<string> Transient { get; init; } = new HashSet<string>();

    public MxmChild? Child(string name) => Children.FirstOrDefault(c => c.Name == name);

    public MxmRelationship? Relationship(string name) => Relationships.FirstOrDefault(r => r.Name == name);
}

/// <summary>A relationship usable in <c>oslc.select</c> as <c>rel.name{…}</c>: records of another structure whose attributes match.</summary>
internal sealed record MxmRelationship(string Name, string Target, IReadOnlyList<(string Local, string Remote)> Join);

/// <summary>
/// One object structure: its main object's attributes (the data dictionary), key attributes (the rest
/// id is base64 of their values joined by '/'), unique id, domain-backed attributes (which get a
/// <c>&lt;attr&gt;_description</c>), child objects and relationships.
/// </summary>
internal sealed record MxmObjectStructure(
    string Name,
    string MainObject,
    IReadOnlyList<string> KeyAttributes,
    string IdAttribute,
    IReadOnlyDictionary<string, MxmType> Attributes,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Domains,
    IReadOnlyList<MxmChild> Children,
    IReadOnlyList<MxmRelationship> Relationships,
    string? DefaultStatus = null)
{
    public MxmChild? Child(string name) => Children.FirstOrDefault(c => c.Name == name);

    public MxmRelationship? Relationship(string name) => Relationships.FirstOrDefault(r => r.Name == name);
}

/// <summary>The object structures the sandbox serves, by lower-case name (aliases included).</summary>
internal static partial class MxmStructures
{
    public static readonly IReadOnlyDictionary<string, string> WoStatus = new Dictionary<string, string>
    {
        ["WAPPR"] = "Waiting on approval",
        ["APPR"] = "Approved",
        ["WSCH"] = "Waiting to be scheduled",
        ["WMATL"] = "Waiting on material",
        ["WPCOND"] = "Waiting on plant cond",
        ["INPRG"] = "In progress",
        ["COMP"] = "Completed",
        ["CLOSE"] = "Closed",
        ["CAN"] = "Canceled",
    };

    public static readonly IReadOnlyDictionary<string, string> AssetStatus = new Dictionary<string, string>
    {
        ["OPERATING"] = "Operating",
        ["NOT READY"] = "Not Ready",
        ["BROKEN"] = "Broken",
        ["DECOMMISSIONED"] = "Decommissioned",
        ["ACTIVE"] = "Active",
        ["IMPORTED"] = "Imported",
        ["LIMITEDUSE"] = "Limited Use",
        ["MISSING"] = "Missing",
        ["SEALED"] = "Sealed",
    };

    public static readonly IReadOnlyDictionary<string, string> PoStatus = new Dictionary<string, string>
    {
        ["WAPPR"] = "Waiting on Approval",
        ["APPR"] = "Approved",
        ["INPRG"] = "In Progress",
        ["CLOSE"] = "Closed",
        ["CAN"] = "Canceled",
        ["HOLD"] = "On Hold",
        ["REVISE"] = "Revision in Progress",
    };

    public static readonly IReadOnlyDictionary<string, string> SrStatus = new Dictionary<string, string>
    {
        ["NEW"] = "New",
        ["QUEUED"] = "Queued",
        ["PENDING"] = "Pending",
        ["INPROG"] = "In Progress",
        ["RESOLVED"] = "Resolved",
        ["CLOSED"] = "Closed",
        ["CANCELLED"] = "Cancelled",
    };

    public static readonly IReadOnlyDictionary<string, string> WoClass = new Dictionary<string, string>
    {
        ["WORKORDER"] = "Work Order",
        ["ACTIVITY"] = "Activity",
        ["CHANGE"] = "Change",
        ["RELEASE"] = "Release",
    };

    public static readonly IReadOnlyDictionary<string, string> ItemStatus = new Dictionary<string, string>
    {
        ["ACTIVE"] = "Active",
        ["PENDING"] = "Pending",
        ["PLANNING"] = "Planning",
        ["OBSOLETE"] = "Obsolete",
    };

    public static readonly IReadOnlyDictionary<string, string> PersonStatus = new Dictionary<string, string>
    {
        ["ACTIVE"] = "Active",
        ["INACTIVE"] = "Inactive",
    };

    public static readonly IReadOnlyDictionary<string, string> LocationType = new Dictionary<string, string>
    {
        ["OPERATING"] = "Operating",
        ["STOREROOM"] = "Storeroom",
        ["REPAIR"] = "Repair",
        ["COURIER"] = "Courier",
        ["VENDOR"] = "Vendor",
    };

    /// <summary>METERTYPE: the kinds of meter (SOURCE.md, "Meter types").</summary>
    public static readonly IReadOnlyDictionary<string, string> MeterType = new Dictionary<string, string>
    {
        ["CONTINUOUS"] = "Continuous",
        ["GAUGE"] = "Gauge",
        ["CHARACTERISTIC"] = "Characteristic",
    };

    public static readonly IReadOnlyDictionary<string, string> PmStatus = new Dictionary<string, string>
    {
        ["ACTIVE"] = "Active",
        ["INACTIVE"] = "Inactive",
        ["DRAFT"] = "Draft",
    };

    /// <summary>FREQUNIT of PM records (IBM's create example sends DAYS).</summary>
    public static readonly IReadOnlyDictionary<string, string> FrequencyUnit = new Dictionary<string, string>
    {
        ["DAYS"] = "Days",
        ["WEEKS"] = "Weeks",
        ["MONTHS"] = "Months",
        ["YEARS"] = "Years",
    };

    private static readonly Dictionary<string, MxmObjectStructure> ByName = Build();

    public static IEnumerable<MxmObjectStructure> All => ByName.Values.Distinct();

    public static MxmObjectStructure? Find(string name) => ByName.GetValueOrDefault(name.ToLowerInvariant());

    private static Dictionary<string, MxmObjectStructure> Build()
    {
        var all = new[]
        {
            WorkOrders(), Assets(), Locations(), Items(), Inventory(), PurchaseOrders(), Vendors(), Persons(), ServiceRequests(), Organizations(),
            Meters(), PreventiveMaintenance(), PersonGroups(),
        };
        var byName = all.ToDictionary(o => o.Name, StringComparer.Ordinal);
        // Installations name these differently (SOURCE.md): IBM's technote has the admin create the PM structure, clients probe both.
        byName["mxpm"] = byName["mxapipm"];
        // MXWO is the older work-order structure; the sample record comes from it. Same data, same attributes here.
        byName["mxwo"] = byName["mxapiwodetail"];
        byName["mxapiinvbal"] = byName["mxapiinventory"];
        return byName;
    }

    private static Dictionary<string, MxmType> Attrs(params (string Name, MxmType Type)[] attributes) =>
        attributes.ToDictionary(a => a.Name, a => a.Type, StringComparer.Ordinal);

    private static Dictionary<string, IReadOnlyDictionary<string, string>> Domains(params (string Attribute, IReadOnlyDictionary<string, string> Values)[] domains) =>
        domains.ToDictionary(d => d.Attribute, d => d.Values, StringComparer.Ordinal);
}
