using static Millwright.Sandbox.Maximo.MxmType;

namespace Millwright.Sandbox.Maximo;

/// <summary>
/// Attribute lists of each object structure: names and types as lean JSON shows them. The work-order
/// list follows the published MXWO record (`../shared/vendor-specs/ibm-maximo/`); the others use the
/// Maximo data dictionary's attribute names for those objects.
/// </summary>
internal static partial class MxmStructures
{
    private static MxmObjectStructure WorkOrders() => new(
        "mxapiwodetail", "WORKORDER", ["siteid", "wonum"], "workorderid",
        Attrs(
            ("wonum", Text), ("description", Text), ("status", Text), ("siteid", Text), ("orgid", Text), ("location", Text),
            ("assetnum", Text), ("worktype", Text), ("woclass", Text), ("reportedby", Text), ("changeby", Text), ("phone", Text),
            ("glaccount", Text), ("failurecode", Text), ("wogroup", Text), ("parent", Text), ("classstructureid", Text),
            ("djpapplied", Text), ("newchildclass", Text), ("lead", Text), ("supervisor", Text), ("persongroup", Text),
            ("pmnum", Text), ("origrecordid", Text), ("origrecordclass", Text), ("jpnum", Text),
            ("workorderid", Integer), ("wopriority", Integer), ("assetlocpriority", Integer), ("calcpriority", Integer),
            ("estdur", Number), ("estlabhrs", Number), ("estlabcost", Number), ("estmatcost", Number), ("esttoolcost", Number),
            ("estservcost", Number), ("actlabhrs", Number), ("actlabcost", Number), ("actmatcost", Number), ("acttoolcost", Number),
            ("actservcost", Number), ("actoutlabcost", Number), ("outlabcost", Number), ("outmatcost", Number), ("outtoolcost", Number),
            ("totalworkunits", Number), ("estintlabhrs", Number), ("estintlabcost", Number), ("estoutlabhrs", Number),
            ("estoutlabcost", Number), ("actintlabhrs", Number), ("actintlabcost", Number), ("actoutlabhrs", Number),
            ("historyflag", YesNo), ("istask", YesNo), ("downtime", YesNo), ("haschildren", YesNo), ("disabled", YesNo),
            ("template", YesNo), ("interruptible", YesNo), ("milestone", YesNo), ("woacceptscharges", YesNo),
            ("chargestore", YesNo), ("parentchgsstatus", YesNo), ("apptrequired", YesNo), ("hasfollowupwork", YesNo),
            ("flowcontrolled", YesNo), ("suspendflow", YesNo), ("ignoresrmavail", YesNo), ("ignorediavail", YesNo),
            ("inctasksinsched", YesNo), ("reqasstdwntime", YesNo), ("woisswap", YesNo), ("statusiface", YesNo),
            ("repairlocflag", YesNo),
            ("reportdate", Timestamp), ("statusdate", Timestamp), ("changedate", Timestamp), ("targstartdate", Timestamp),
            ("targcompdate", Timestamp), ("schedstart", Timestamp), ("schedfinish", Timestamp), ("actstart", Timestamp),
            ("actfinish", Timestamp), ("faildate", Timestamp)),
        Domains(("status", WoStatus), ("woclass", WoClass)),
        [],
        [new("asset", "mxapiasset", [("siteid", "siteid"), ("assetnum", "assetnum")]),
         new("location", "mxapilocations", [("siteid", "siteid"), ("location", "location")])],
        DefaultStatus: "WAPPR");

    private static MxmObjectStructure Assets() => new(
        "mxapiasset", "ASSET", ["siteid", "assetnum"], "assetid",
        Attrs(
            ("assetnum", Text), ("description", Text), ("siteid", Text), ("orgid", Text), ("location", Text), ("parent", Text),
            ("status", Text), ("serialnum", Text), ("manufacturer", Text), ("vendor", Text), ("assettype", Text), ("assettag", Text),
            ("classstructureid", Text), ("failurecode", Text), ("changeby", Text),
            ("assetid", Integer), ("priority", Integer),
            ("purchaseprice", Number), ("totdowntime", Number),
            ("isrunning", YesNo), ("moved", YesNo), ("children", YesNo), ("disabled", YesNo),
            ("installdate", Timestamp), ("statusdate", Timestamp), ("changedate", Timestamp)),
        Domains(("status", AssetStatus)),
        [AssetMeters()],
        [new("location", "mxapilocations", [("siteid", "siteid"), ("location", "location")])],
        DefaultStatus: "NOT READY");

    private static MxmObjectStructure Locations() => new(
        "mxapilocations", "LOCATIONS", ["siteid", "location"], "locationsid",
        Attrs(
            ("location", Text), ("description", Text), ("siteid", Text), ("orgid", Text), ("type", Text), ("status", Text),
            ("changeby", Text), ("locationsid", Integer), ("disabled", YesNo), ("isrepairfacility", YesNo),
            ("statusdate", Timestamp), ("changedate", Timestamp)),
        Domains(("status", AssetStatus), ("type", LocationType)),
        [new("lochierarchy", Attrs(("location", Text), ("parent", Text), ("systemid", Text), ("siteid", Text), ("children", YesNo), ("lochierarchyid", Integer)))],
        [],
        DefaultStatus: "NOT READY");

    private static MxmObjectStructure Items() => new(
        "mxapiitem", "ITEM", ["itemsetid", "itemnum"], "itemid",
        Attrs(
            ("itemnum", Text), ("itemsetid", Text), ("description", Text), ("status", Text), ("orderunit", Text), ("issueunit", Text),
            ("lottype", Text), ("itemtype", Text), ("commoditygroup", Text), ("changeby", Text),
            ("itemid", Integer), ("rotating", YesNo), ("outside", YesNo), ("changedate", Timestamp)),
        Domains(("status", ItemStatus)),
        [],
        [new("inventory", "mxapiinventory", [("itemsetid", "itemsetid"), ("itemnum", "itemnum")])],
        DefaultStatus: "PENDING");

    private static MxmObjectStructure Inventory() => new(
        "mxapiinventory", "INVENTORY", ["itemnum", "itemsetid", "siteid", "location"], "inventoryid",
        Attrs(
            ("itemnum", Text), ("itemsetid", Text), ("siteid", Text), ("orgid", Text), ("location", Text), ("issueunit", Text),
            ("binnum", Text), ("status", Text), ("inventoryid", Integer),
            ("curbaltotal", Number), ("minlevel", Number), ("maxlevel", Number), ("orderqty", Number), ("avgcost", Number), ("lastcost", Number),
            ("statusdate", Timestamp)),
        Domains(("status", ItemStatus)),
        [],
        [],
        DefaultStatus: "PENDING");

    private static MxmObjectStructure PurchaseOrders() => new(
        "mxapipo", "PO", ["siteid", "ponum", "revisionnum"], "poid",
        Attrs(
            ("ponum", Text), ("siteid", Text), ("orgid", Text), ("description", Text), ("status", Text), ("vendor", Text),
            ("currencycode", Text), ("purchaseagent", Text), ("potype", Text), ("receipts", Text), ("changeby", Text),
            ("revisionnum", Integer), ("poid", Integer), ("totalcost", Number),
            ("statusdate", Timestamp), ("orderdate", Timestamp), ("requireddate", Timestamp), ("changedate", Timestamp)),
        Domains(("status", PoStatus)),
        [new("poline", Attrs(
            ("polinenum", Integer), ("polineid", Integer), ("itemnum", Text), ("itemsetid", Text), ("description", Text), ("orderunit", Text),
            ("storeloc", Text), ("orderqty", Number), ("receivedqty", Number), ("unitcost", Number), ("linecost", Number)))],
        [new("vendor", "mxapivendor", [("orgid", "orgid"), ("vendor", "company")])],
        DefaultStatus: "WAPPR");

    private static MxmObjectStructure Vendors() => new(
        "mxapivendor", "COMPANIES", ["orgid", "company"], "companiesid",
        Attrs(
            ("company", Text), ("name", Text), ("orgid", Text), ("type", Text), ("address1", Text), ("city", Text), ("stateprovince", Text),
            ("zip", Text), ("country", Text), ("phone", Text), ("fax", Text), ("homepage", Text), ("currencycode", Text), ("changeby", Text),
            ("companiesid", Integer), ("disabled", YesNo), ("changedate", Timestamp)),
        Domains(),
        [new("companycontact", Attrs(("contact", Text), ("position", Text), ("email", Text), ("phone", Text)))],
        []);

    private static MxmObjectStructure Persons() => new(
        "mxapiperson", "PERSON", ["personid"], "personuid",
        Attrs(
            ("personid", Text), ("displayname", Text), ("firstname", Text), ("lastname", Text), ("title", Text), ("department", Text),
            ("status", Text), ("primaryemail", Text), ("primaryphone", Text), ("locationsite", Text), ("locationorg", Text), ("supervisor", Text),
            ("personuid", Integer), ("statusdate", Timestamp)),
        Domains(("status", PersonStatus)),
        [],
        [],
        DefaultStatus: "ACTIVE");

    private static MxmObjectStructure ServiceRequests() => new(
        "mxapisr", "SR", ["class", "ticketid"], "ticketuid",
        Attrs(
            ("ticketid", Text), ("class", Text), ("description", Text), ("status", Text), ("reportedby", Text), ("affectedperson", Text),
            ("siteid", Text), ("orgid", Text), ("location", Text), ("assetnum", Text), ("changeby", Text),
            ("ticketuid", Integer), ("reportedpriority", Integer),
            ("reportdate", Timestamp), ("statusdate", Timestamp), ("changedate", Timestamp)),
        Domains(("status", SrStatus)),
        [new("relatedrecord", Attrs(("relatedrecclass", Text), ("relatedreckey", Text), ("relatedrecsiteid", Text), ("relatetype", Text)))],
        [new("asset", "mxapiasset", [("siteid", "siteid"), ("assetnum", "assetnum")]),
         new("location", "mxapilocations", [("siteid", "siteid"), ("location", "location")])],
        DefaultStatus: "NEW");

    private static MxmObjectStructure Organizations() => new(
        "mxapiorganization", "ORGANIZATION", ["orgid"], "organizationid",
        Attrs(
            ("orgid", Text), ("description", Text), ("basecurrency1", Text), ("itemsetid", Text), ("companysetid", Text),
            ("organizationid", Integer), ("active", YesNo)),
        Domains(),
        [new("site", Attrs(("siteid", Text), ("description", Text), ("orgid", Text), ("siteuid", Integer), ("active", YesNo)))],
        []);
}
