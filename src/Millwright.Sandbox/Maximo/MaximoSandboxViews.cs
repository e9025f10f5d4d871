using System.Text.Json.Nodes;

namespace Millwright.Sandbox.Maximo;

/// <summary>
/// Renders stored records as lean JSON for one request: <c>href</c> (rest id), the selected attributes,
/// <c>&lt;attr&gt;_description</c> beside each selected domain attribute, <c>_rowstamp</c>, child arrays and
/// relationship arrays. Null attributes are left out unless <c>_dropnulls=0</c> (Maximo's default drops them).
/// </summary>
internal sealed class MxmView(MaximoSandboxData data, string structuresBase, bool dropNulls, IReadOnlyDictionary<string, Func<JsonObject, bool>>? childWhere = null)
{
    /// <summary>The rows of a child object that its child filter (if any) keeps.</summary>
    private IEnumerable<JsonObject> Kept(MxmChild child, JsonArray rows) =>
        childWhere?.GetValueOrDefault(child.Name) is { } keep ? rows.OfType<JsonObject>().Where(keep) : rows.OfType<JsonObject>();

    /// <summary>Base of resource URLs, ending in <c>/os/</c>: <c>http://host/…/maximo/oslc/os/</c>.</summary>
    public string StructuresBase => structuresBase;

    public string Href(string osName, MxmObjectStructure os, JsonObject record) =>
        structuresBase + osName + "/" + MxmJson.RestId(MxmJson.KeyOf(os, record));

    public JsonObject Render(string osName, MxmObjectStructure os, JsonObject record, MxmSelection selection)
    {
        var result = new JsonObject { ["href"] = Href(osName, os, record) };
        var names = selection.All ? os.Attributes.Keys.Concat(os.Domains.Keys.Select(d => d + "_description")) : selection.Attributes;
        foreach (var name in names)
        {
            AddAttribute(result, os, record, name);
        }

        result["_rowstamp"] = record["_rowstamp"]?.DeepClone();
        foreach (var child in os.Children)
        {
            var childSelection = selection.Children.GetValueOrDefault(child.Name) ?? (selection.All ? MxmSelection.Everything : null);
            if (childSelection is not null && record[child.Name] is JsonArray rows)
            {
                result[child.Name] = new JsonArray([.. Kept(child, rows).Select(row => (JsonNode)Child(child, row, childSelection))]);
            }
        }

        AddRelationships(result, record, os.Relationships, selection);
        return result;
    }

    private void AddRelationships(JsonObject result, JsonObject record, IReadOnlyList<MxmRelationship> relationships, MxmSelection selection)
    {
        foreach (var (name, (target, targetSelection)) in selection.Relationships)
        {
            var relationship = relationships.First(r => r.Name == name);
            var matches = data.Table(target).Snapshot().Where(r => relationship.Join.All(j =>
                string.Equals(MxmJson.Text(record[j.Local]), MxmJson.Text(r[j.Remote]), StringComparison.Ordinal) && MxmJson.Text(record[j.Local]) is not null));
            result[name] = new JsonArray([.. matches.Select(m => (JsonNode)Render(target.Name, target, m, targetSelection))]);
        }
    }

    private JsonObject Child(MxmChild child, JsonObject row, MxmSelection selection)
    {
        var result = new JsonObject();
        foreach (var name in selection.All ? child.Attributes.Keys : selection.Attributes)
        {
            if (row[name] is { } value)
            {
                result[name] = value.DeepClone();
            }
            else if (!dropNulls && child.Attributes.ContainsKey(name))
            {
                result[name] = null;
            }
        }

        foreach (var grandchild in child.Children)
        {
            var rowsSelection = selection.Children.GetValueOrDefault(grandchild.Name) ?? (selection.All ? MxmSelection.Everything : null);
            if (rowsSelection is not null && row[grandchild.Name] is JsonArray rows)
            {
                result[grandchild.Name] = new JsonArray([.. Kept(grandchild, rows).Select(r => (JsonNode)Child(grandchild, r, rowsSelection))]);
            }
        }

        AddRelationships(result, row, child.Relationships, selection);
        return result;
    }

    private void AddAttribute(JsonObject result, MxmObjectStructure os, JsonObject record, string name)
    {
        if (name is "href" or "_rowstamp")
        {
            return;
        }

        if (name.EndsWith("_description", StringComparison.Ordinal) && os.Domains.TryGetValue(name[..^"_description".Length], out var domain))
        {
            var code = MxmJson.Text(record[name[..^"_description".Length]]);
            if (code is not null && domain.TryGetValue(code, out var description))
            {
                result[name] = description;
            }

            return;
        }

        if (record[name] is { } value)
        {
            result[name] = value.DeepClone();
            if (os.Domains.ContainsKey(name) && MxmJson.Text(value) is { } c && os.Domains[name].TryGetValue(c, out var d))
            {
                result[name + "_description"] = d;
            }
        }
        else if (!dropNulls)
        {
            result[name] = null;
        }
    }

    /// <summary>
    /// The namespaced (non-lean) form: attribute names prefixed <c>spi:</c>, <c>href</c> as <c>rdf:about</c>.
    /// The real non-lean format has more (prefixes, <c>rdf:resource</c> links); lean is what clients use.
    /// </summary>
    public static JsonNode? Namespaced(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(
            p.Key switch
            {
                "href" => "rdf:about",
                "member" => "rdfs:member",
                "responseInfo" => "oslc:responseInfo",
                "nextPage" => "oslc:nextPage",
                "previousPage" => "oslc:previousPage",
                "totalCount" => "oslc:totalCount",
                _ => p.Key.StartsWith('_') ? p.Key : "spi:" + p.Key,
            },
            Namespaced(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Namespaced)]),
        _ => node?.DeepClone(),
    };
}
