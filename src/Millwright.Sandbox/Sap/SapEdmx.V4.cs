using System.Collections.Frozen;
using System.Xml.Linq;

namespace Millwright.Sandbox.Sap;

/// <summary>
/// Reads an OData V4 <c>$metadata</c> document of a RAP service (<c>srvd_a2x</c>) into the same model as the V2 ones:
/// navigation targets from <c>NavigationPropertyBinding</c>, create/update flags from <c>Capabilities.InsertRestrictions</c> /
/// <c>UpdateRestrictions</c> on the set, <c>Core.Computed</c> properties as neither creatable nor updatable, and an ETag on
/// every set annotated <c>Core.OptimisticConcurrency</c>. Bound actions are listed by name with the set they are bound to.
/// </summary>
internal static class SapServiceV4
{
    public static readonly XNamespace Edm = "http://docs.oasis-open.org/odata/ns/edm";

    public static (string Namespace, FrozenDictionary<string, EdmEntitySet> Sets, FrozenDictionary<string, EdmFunctionImport> Functions,
        FrozenDictionary<string, string> Actions) Read(XElement schema)
    {
        var ns = (string)schema.Attribute("Namespace")!;
        var annotations = schema.Elements(Edm + "Annotations")
            .GroupBy(a => (string)a.Attribute("Target")!)
            .ToDictionary(g => g.Key, g => g.SelectMany(a => a.Elements(Edm + "Annotation")).ToList(), StringComparer.Ordinal);
        var container = schema.Element(Edm + "EntityContainer")!;
        var setOfType = container.Elements(Edm + "EntitySet").ToDictionary(s => (string)s.Attribute("Name")!, s => (string)s.Attribute("EntityType")!);
        var sets = new Dictionary<string, EdmEntitySet>(StringComparer.Ordinal);
        foreach (var set in container.Elements(Edm + "EntitySet"))
        {
            var name = (string)set.Attribute("Name")!;
            var typeName = (string)set.Attribute("EntityType")!;
            var type = schema.Elements(Edm + "EntityType").First(t => $"{ns}.{(string)t.Attribute("Name")!}" == typeName);
            var bindings = set.Elements(Edm + "NavigationPropertyBinding").ToDictionary(b => (string)b.Attribute("Path")!, b => (string)b.Attribute("Target")!);
            var setAnnotations = annotations.GetValueOrDefault($"SAP__self.Container/{name}") ?? [];
            var typeShort = typeName[(ns.Length + 1)..];
            var properties = type.Elements(Edm + "Property").Select(p =>
            {
                var computed = annotations.GetValueOrDefault($"SAP__self.{typeShort}/{(string)p.Attribute("Name")!}")?
                    .Any(a => (string?)a.Attribute("Term") == "SAP__core.Computed") == true;
                return SapService.ReadProperty(p) with { Creatable = !computed, Updatable = !computed };
            }).ToList();
            var navigations = type.Elements(Edm + "NavigationProperty")
                .Where(n => bindings.ContainsKey((string)n.Attribute("Name")!))
                .Select(n => new EdmNavigation((string)n.Attribute("Name")!, bindings[(string)n.Attribute("Name")!],
                    ((string)n.Attribute("Type")!).StartsWith("Collection(", StringComparison.Ordinal)))
                .ToList();
            var entityType = new EdmEntityType(typeName,
                [.. type.Element(Edm + "Key")!.Elements(Edm + "PropertyRef").Select(k => (string)k.Attribute("Name")!)],
                properties, properties.ToFrozenDictionary(p => p.Name, StringComparer.Ordinal), navigations)
            {
                IsV4 = true,
                V4Etag = setAnnotations.Any(a => (string?)a.Attribute("Term") == "SAP__core.OptimisticConcurrency"),
            };
            sets[name] = new EdmEntitySet(name, entityType, Restriction(setAnnotations, "UpdateRestrictions", "Updatable"),
                Restriction(setAnnotations, "InsertRestrictions", "Insertable"));
        }

        var actions = schema.Elements(Edm + "Action")
            .Where(a => (string?)a.Attribute("IsBound") == "true")
            .GroupBy(a => (string)a.Attribute("Name")!)
            .ToFrozenDictionary(g => g.Key, g => (string)g.First().Elements(Edm + "Parameter").First().Attribute("Type")!, StringComparer.Ordinal);
        _ = setOfType;
        return (ns, sets.ToFrozenDictionary(StringComparer.Ordinal), FrozenDictionary<string, EdmFunctionImport>.Empty, actions);
    }

    /// <summary>A capability flag of a set: allowed unless the restriction record says <c>false</c>.</summary>
    private static bool Restriction(List<XElement> annotations, string term, string property) =>
        annotations.FirstOrDefault(a => (string?)a.Attribute("Term") == $"SAP__capabilities.{term}")?
            .Descendants(Edm + "PropertyValue").FirstOrDefault(p => (string?)p.Attribute("Property") == property)?
            .Attribute("Bool")?.Value != "false";
}
