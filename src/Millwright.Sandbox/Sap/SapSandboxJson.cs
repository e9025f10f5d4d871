using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Millwright.Sandbox.Sap;

/// <summary>
/// Writes entities in SAP's OData V2 JSON: <c>__metadata</c> (id, uri, type, etag), every property of the
/// type in metadata order (or the <c>$select</c>ed ones), deferred navigation links, and expanded
/// navigations inline (<c>{"results":[…]}</c> for to-many), each with what <c>$expand</c> names below it.
/// </summary>
internal static class SapSandboxJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The service root as the client addressed it, ending in <c>/</c>.</summary>
    public static string ServiceRoot(Microsoft.AspNetCore.Http.HttpRequest request, string prefix, string service) =>
        $"{request.Scheme}://{request.Host}{request.PathBase}{prefix}/sap/opu/odata/sap/{service}/";

    public static JsonObject Entity(SapSandboxData data, SapService service, string root, EdmEntitySet set,
        IReadOnlyDictionary<string, object?> row, SapQuery? query)
    {
        var type = set.Type;
        var uri = $"{root}{set.Name}({SapTable.KeyOf(type, row)})";
        var metadata = new JsonObject { ["id"] = uri, ["uri"] = uri, ["type"] = type.QualifiedName };
        if (SapValues.Etag(type, row) is { } etag)
        {
            metadata["etag"] = etag;
        }

        var json = new JsonObject { ["__metadata"] = metadata };
        foreach (var property in type.Properties)
        {
            if (query?.Select is null || query.Select.Contains(property.Name))
            {
                json[property.Name] = SapValues.ToJson(property, row[property.Name]);
            }
        }

        foreach (var navigation in type.Navigations)
        {
            var expanded = query?.Expand.Contains(navigation) == true;
            if (expanded)
            {
                var target = data.Table(service.Name, navigation.TargetSet);
                var inner = query!.Nested.GetValueOrDefault(navigation.Name);
                var related = Related(target, type, row, navigation).Select(r => (JsonNode)Entity(data, service, root, target.Set, r, inner)).ToList();
                json[navigation.Name] = navigation.Many ? new JsonObject { ["results"] = new JsonArray([.. related]) } : related.FirstOrDefault();
            }
            else if (query?.Select is null || query.Select.Contains(navigation.Name))
            {
                json[navigation.Name] = new JsonObject { ["__deferred"] = new JsonObject { ["uri"] = $"{uri}/{navigation.Name}" } };
            }
        }

        return json;
    }

    /// <summary>An entity in OData V4 JSON (minimal metadata): <c>@odata.etag</c>, the properties, expanded navigations inline; no links.</summary>
    public static JsonObject EntityV4(SapSandboxData data, SapService service, EdmEntitySet set, IReadOnlyDictionary<string, object?> row, SapQuery? query)
    {
        var type = set.Type;
        var json = new JsonObject();
        if (SapValues.Etag(type, row) is { } etag)
        {
            json["@odata.etag"] = etag;
        }

        foreach (var property in type.Properties)
        {
            if (query?.Select is null || query.Select.Contains(property.Name))
            {
                json[property.Name] = SapValuesV4.ToJson(property, row[property.Name]);
            }
        }

        foreach (var navigation in query?.Expand ?? [])
        {
            var target = data.Table(service.Name, navigation.TargetSet);
            var related = Related(target, type, row, navigation).Select(r => (JsonNode)EntityV4(data, service, target.Set, r, null)).ToList();
            json[navigation.Name] = navigation.Many ? new JsonArray([.. related]) : related.FirstOrDefault();
        }

        return json;
    }

    /// <summary>
    /// Rows a navigation leads to. These services link by shared key names: a to-many child carries the
    /// parent's keys (an item's <c>PurchaseOrder</c>), a to-one target's keys are properties of the source.
    /// </summary>
    public static IEnumerable<IReadOnlyDictionary<string, object?>> Related(SapTable target, EdmEntityType source,
        IReadOnlyDictionary<string, object?> row, EdmNavigation navigation)
    {
        var links = navigation.Many
            ? source.Keys.Where(target.Set.Type.ByName.ContainsKey).ToList()
            : target.Set.Type.Keys.Where(source.ByName.ContainsKey).ToList();
        if (links.Count == 0)
        {
            return [];
        }

        return target.Snapshot().Where(candidate => links.All(k => SapCompare.Order(candidate[k], row[k]) == 0));
    }
}
