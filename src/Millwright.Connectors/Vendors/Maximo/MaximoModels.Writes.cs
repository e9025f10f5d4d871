using System.Text.Json;
using System.Text.Json.Nodes;
using Millwright.Client.Models;

namespace Millwright.Connectors.Vendors.Maximo;

/// <summary>
/// How one unified entity is written to Maximo (README.md, "Writing"): the object structure its read uses, the Maximo status
/// for each unified status a <c>PATCH</c> may ask for (used when the connection's status mapping cannot be inverted), and the
/// integer attributes a document carries as text after the mapping's value maps.
/// </summary>
internal sealed record MaximoWriteTarget(IReadOnlyDictionary<string, string> Statuses, IReadOnlyList<string> Integers)
{
    public static IReadOnlyDictionary<Entity, MaximoWriteTarget> All { get; } = new Dictionary<Entity, MaximoWriteTarget>
    {
        // WOSTATUS: the synonyms' internal values (NOTES.md §5).
        [Entity.WorkOrders] = new(new Dictionary<string, string>
        {
            ["open"] = "WAPPR",
            ["on_hold"] = "WMATL",
            ["in_progress"] = "INPRG",
            ["completed"] = "COMP",
            ["cancelled"] = "CAN",
        }, ["wopriority"]),
        [Entity.MaintenanceRequests] = new(new Dictionary<string, string>
        {
            ["pending"] = "QUEUED",
            ["approved"] = "INPROG",
            ["completed"] = "RESOLVED",
            ["declined"] = "CANCELLED",
        }, ["reportedpriority"]),
        // LOCASSETSTATUS.
        [Entity.Assets] = new(new Dictionary<string, string>
        {
            ["operational"] = "OPERATING",
            ["down"] = "BROKEN",
            ["retired"] = "DECOMMISSIONED",
        }, ["priority"]),
    };

    /// <summary>
    /// The request body from the server's document (Maximo attribute names): the <c>_millwright</c> references (remote ids
    /// <c>SITE/CODE</c>) split into Maximo's code attribute and, when the document names no site, <c>siteid</c>; a list written
    /// to a single-valued attribute (<c>lead</c>) as its one element; integer codes as numbers.
    /// </summary>
    public (JsonObject? Body, string? Problem) Body(JsonObject document)
    {
        var body = new JsonObject();
        foreach (var (name, value) in document)
        {
            if (name == MaximoComputed.Property)
            {
                continue;
            }

            if (value is JsonArray list && name == "lead")
            {
                if (list.Count > 1)
                {
                    return (null, "Maximo has one lead per work order: send at most one assignee.");
                }

                body[name] = list.Count == 0 ? null : list[0]?.DeepClone();
                continue;
            }

            body[name] = Integers.Contains(name) && value is JsonValue v && v.GetValueKind() == JsonValueKind.String && int.TryParse((string)v!, out var number)
                ? JsonValue.Create(number)
                : value?.DeepClone();
        }

        if (document[MaximoComputed.Property] is JsonObject references)
        {
            foreach (var (name, value) in references)
            {
                var attribute = name switch { "asset" => "assetnum", "location" => "location", "parent" => "parent", _ => null };
                if (attribute is null)
                {
                    return (null, $"Maximo cannot write the reference '{name}'.");
                }

                if (MaximoComputed.Text(value) is not { } id)
                {
                    body[attribute] = null;
                    continue;
                }

                var slash = id.IndexOf('/', StringComparison.Ordinal);
                var (site, code) = slash < 0 ? ((string?)null, id) : (id[..slash], id[(slash + 1)..]);
                if (site is not null && MaximoComputed.Text(body["siteid"]) is { } given && given != site)
                {
                    return (null, $"The {name} {code} is in site {site}, not in {given}: Maximo links records of one site only.");
                }

                body[attribute] = code;
                if (site is not null && body["siteid"] is null && name != "parent")
                {
                    body["siteid"] = site;
                }
            }
        }

        return (body, null);
    }
}
