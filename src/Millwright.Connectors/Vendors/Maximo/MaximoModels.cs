using System.Text.Json.Nodes;
using Millwright.Client.Models;

namespace Millwright.Connectors.Vendors.Maximo;

/// <summary>
/// How one unified entity is read from Maximo (sources in README.md).
/// </summary>
/// <param name="ObjectStructure">The object structure queried.</param>
/// <param name="Select">The <c>oslc.select</c>: without one, a collection returns only hrefs.</param>
/// <param name="Key">Attributes whose values, joined by '/', form the remote id (Maximo's own key, as in the rest id).</param>
/// <param name="ChangedAt">Attribute of the last change: the incremental filter and <c>remote_updated_at</c>.</param>
/// <param name="CreatedAt">Attribute of creation, when the object has one.</param>
/// <param name="Children">A child array whose elements are the records (sites are the <c>site</c> rows of organisations).</param>
/// <param name="Compute">Adds <c>_millwright</c> reference keys to a document (see <see cref="MaximoComputed"/>).</param>
/// <param name="Expand">Turns a member into the records it holds (asset meters and readings are rows of an asset), instead of <paramref name="Children"/>.</param>
/// <param name="RemoteId">The remote id of an expanded record, when <paramref name="Key"/> attributes cannot say it.</param>
/// <param name="Times">Attributes tried in order for <c>remote_updated_at</c> when records of two kinds share an entity; else <paramref name="ChangedAt"/>.</param>
/// <param name="Since">The query of an incremental read from a timestamp, when it is not <c>oslc.where=&lt;ChangedAt&gt;&gt;=…</c> (child rows).</param>
internal sealed record MaximoEndpoint(
    string ObjectStructure,
    string Select,
    IReadOnlyList<string> Key,
    string? ChangedAt,
    string? CreatedAt = null,
    string? Children = null,
    Action<JsonObject>? Compute = null,
    Func<JsonObject, IEnumerable<JsonObject>>? Expand = null,
    Func<JsonObject, string?>? RemoteId = null,
    IReadOnlyList<string>? Times = null,
    Func<string, string>? Since = null)
{
    public static IReadOnlyDictionary<Entity, MaximoEndpoint> All { get; } = new Dictionary<Entity, MaximoEndpoint>
    {
        [Entity.Sites] = new("mxapiorganization", "orgid,description,site{siteid,description,orgid,active}", ["siteid"], null, Children: "site"),
        [Entity.Locations] = new("mxapilocations", "location,description,siteid,orgid,type,status,changedate,lochierarchy{parent,systemid}",
            ["siteid", "location"], "changedate", Compute: d => MaximoComputed.Key(d, "parent", d, "siteid", d["lochierarchy"] is JsonArray h ? h.FirstOrDefault() as JsonObject : null, "parent")),
        [Entity.Users] = new("mxapiperson", "personid,displayname,firstname,lastname,title,department,status,primaryemail,primaryphone,locationsite,statusdate",
            ["personid"], null),
        [Entity.Vendors] = new("mxapivendor", "company,name,orgid,type,address1,city,stateprovince,zip,country,phone,homepage,currencycode,disabled,changedate,companycontact{contact,email,phone}",
            ["orgid", "company"], "changedate"),
        [Entity.Assets] = new("mxapiasset", "assetnum,description,siteid,orgid,location,parent,status,serialnum,manufacturer,vendor,assettype,assettag,priority,isrunning,installdate,changedate",
            ["siteid", "assetnum"], "changedate", Compute: d =>
            {
                MaximoComputed.Key(d, "location", d, "siteid", d, "location");
                MaximoComputed.Key(d, "parent", d, "siteid", d, "parent");
                MaximoComputed.Key(d, "manufacturer", d, "orgid", d, "manufacturer");
            }),
        [Entity.Parts] = new("mxapiitem", "itemnum,itemsetid,description,status,orderunit,issueunit,itemtype,commoditygroup,rotating,changedate,rel.inventory{siteid,location,curbaltotal,minlevel,avgcost,issueunit}",
            ["itemsetid", "itemnum"], "changedate", Compute: d =>
            {
                foreach (var stock in (d["inventory"] as JsonArray)?.OfType<JsonObject>() ?? [])
                {
                    MaximoComputed.Key(stock, "location", stock, "siteid", stock, "location");
                }
            }),
        [Entity.PurchaseOrders] = new("mxapipo", "ponum,revisionnum,siteid,orgid,description,status,vendor,currencycode,totalcost,orderdate,requireddate,changedate,poline{polinenum,itemnum,itemsetid,description,orderqty,receivedqty,unitcost,linecost}",
            ["siteid", "ponum", "revisionnum"], "changedate", CreatedAt: "orderdate", Compute: d =>
            {
                MaximoComputed.Key(d, "vendor", d, "orgid", d, "vendor");
                foreach (var line in (d["poline"] as JsonArray)?.OfType<JsonObject>() ?? [])
                {
                    MaximoComputed.Key(line, "item", line, "itemsetid", line, "itemnum");
                }
            }),
        [Entity.MaintenanceRequests] = new("mxapisr", "ticketid,class,description,status,reportedby,affectedperson,siteid,location,assetnum,reportedpriority,reportdate,changedate,relatedrecord{relatedrecclass,relatedreckey,relatedrecsiteid}",
            ["class", "ticketid"], "changedate", CreatedAt: "reportdate", Compute: d =>
            {
                MaximoComputed.Key(d, "location", d, "siteid", d, "location");
                MaximoComputed.Key(d, "asset", d, "siteid", d, "assetnum");
                var work = (d["relatedrecord"] as JsonArray)?.OfType<JsonObject>()
                    .FirstOrDefault(r => (string?)r["relatedrecclass"] == "WORKORDER");
                MaximoComputed.Key(d, "workorder", work, "relatedrecsiteid", work, "relatedreckey");
            }),
        [Entity.Teams] = new("mxapipersongroup", MaximoMeters.PersonGroupSelect, ["persongroup"], null),
        [Entity.Meters] = new("mxapiasset", MaximoMeters.MeterSelect, ["siteid", "assetnum", "metername"], "changedate", Expand: MaximoMeters.Meters,
            Since: MaximoMeters.MetersSince),
        [Entity.MeterReadings] = new("mxapiasset", MaximoMeters.ReadingSelect, [], "enterdate", CreatedAt: "enterdate",
            Expand: MaximoMeters.Readings, RemoteId: MaximoMeters.ReadingId, Times: ["enterdate", "measuredate"], Since: MaximoMeters.ReadingsSince),
        [Entity.PmSchedules] = new("mxapipm", MaximoMeters.PmSelect, ["siteid", "pmnum"], "changedate", Compute: MaximoMeters.Pm),
        [Entity.WorkOrders] = new("mxapiwodetail", "wonum,description,status,siteid,orgid,location,assetnum,worktype,woclass,wopriority,reportedby,lead,persongroup,pmnum,origrecordid,origrecordclass,reportdate,targstartdate,targcompdate,schedstart,schedfinish,actstart,actfinish,estdur,actlabhrs,changedate",
            ["siteid", "wonum"], "changedate", CreatedAt: "reportdate", Compute: d =>
            {
                MaximoComputed.Key(d, "location", d, "siteid", d, "location");
                MaximoComputed.Key(d, "asset", d, "siteid", d, "assetnum");
                MaximoComputed.Key(d, "pm", d, "siteid", d, "pmnum");
            }),
    };
}

/// <summary>
/// Maximo refers to records by site- or org-scoped codes (<c>siteid</c> + <c>location</c>); Millwright's
/// remote ids are those key values joined by '/'. The connector writes each reference's remote id under
/// <c>_millwright</c> (a key Maximo never uses) so that mappings can <c>ref(…)</c> it; a reference with
/// a missing part gets no key, so it maps to null rather than to a record that cannot exist.
/// </summary>
internal static class MaximoComputed
{
    public const string Property = "_millwright";

    public static void Key(JsonObject target, string name, JsonObject? scopeSource, string scope, JsonObject? codeSource, string code)
    {
        var scopeValue = Text(scopeSource?[scope]);
        var codeValue = Text(codeSource?[code]);
        if (scopeValue is null || codeValue is null)
        {
            return;
        }

        if (target[Property] is not JsonObject computed)
        {
            target[Property] = computed = [];
        }

        computed[name] = $"{scopeValue}/{codeValue}";
    }

    public static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() is System.Text.Json.JsonValueKind.String or System.Text.Json.JsonValueKind.Number
            && value.ToString().Trim() is { Length: > 0 } text
            ? text
            : null;
}
