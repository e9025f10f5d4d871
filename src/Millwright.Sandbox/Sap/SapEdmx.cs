using System.Collections.Frozen;
using System.Xml.Linq;

namespace Millwright.Sandbox.Sap;

/// <summary>One property of an entity type (or a function-import parameter), as the EDMX declares it.</summary>
/// <param name="Creatable">False where the metadata says <c>sap:creatable="false"</c>: the system fills it, a create may not send it.</param>
/// <param name="Updatable">False where the metadata says <c>sap:updatable="false"</c>: fixed once created.</param>
internal sealed record EdmProperty(string Name, string Type, bool Nullable, int? MaxLength, int? Scale, bool Creatable = true, bool Updatable = true);

/// <summary>A navigation property and the entity set it leads to.</summary>
internal sealed record EdmNavigation(string Name, string TargetSet, bool Many);

/// <summary>An entity type: its keys, properties and navigation properties in declaration order.</summary>
internal sealed record EdmEntityType(
    string QualifiedName,
    IReadOnlyList<string> Keys,
    IReadOnlyList<EdmProperty> Properties,
    FrozenDictionary<string, EdmProperty> ByName,
    IReadOnlyList<EdmNavigation> Navigations)
{
    /// <summary>A type of an OData V4 service.</summary>
    public bool IsV4 { get; init; }

    /// <summary>A V4 set annotated <c>Core.OptimisticConcurrency</c>: an ETag over the whole entity.</summary>
    public bool V4Etag { get; init; }

    /// <summary>SAP derives the etag of the V2 services from <c>LastChangeDateTime</c> where the type has one (<c>WorkCenterLastChangeDateTime</c> for work centers, its
    /// <c>ConcurrencyMode="Fixed"</c> property); V4 sets with optimistic concurrency have one over the whole entity.</summary>
    public bool HasEtag => V4Etag || EtagProperty is not null;

    /// <summary>The V2 property the etag is derived from, if any.</summary>
    public string? EtagProperty => ByName.TryGetValue("LastChangeDateTime", out var p) && p.Type == "Edm.DateTimeOffset" ? p.Name
        : ByName.TryGetValue("WorkCenterLastChangeDateTime", out var w) && w.Type == "Edm.DateTimeOffset" ? w.Name : null;
}

/// <summary>An entity set and what the metadata allows on it (<c>sap:creatable</c>, <c>sap:updatable</c>; absent means allowed).</summary>
internal sealed record EdmEntitySet(string Name, EdmEntityType Type, bool Updatable, bool Creatable);

/// <summary>A function import: HTTP method, parameters, and the entity set it returns (null for a complex result).</summary>
internal sealed record EdmFunctionImport(string Name, string HttpMethod, IReadOnlyList<EdmProperty> Parameters, string? EntitySet, string ReturnType);

/// <summary>
/// One OData V2 service read from SAP's published <c>$metadata</c> (embedded from
/// <c>vendor-specs/sap-s4hana/</c>). The sandbox takes every entity set, key, property and Edm type from
/// here, and serves the document itself byte for byte as <c>$metadata</c>.
/// </summary>
internal sealed class SapService
{
    private static readonly XNamespace Edm = "http://schemas.microsoft.com/ado/2008/09/edm";
    private static readonly XNamespace Sap = "http://www.sap.com/Protocols/SAPData";
    private static readonly XNamespace Meta = "http://schemas.microsoft.com/ado/2007/08/dataservices/metadata";

    /// <summary>The services of SAP S/4HANA Plant Maintenance the sandbox serves (the <c>_0001</c> ones are OData V4).</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        "API_MAINTENANCEORDER", "API_EQUIPMENT", "API_FUNCTIONALLOCATION", "API_MAINTNOTIFICATION", "API_PURCHASEORDER_PROCESS_SRV",
        "API_PRODUCT_SRV", "API_MATERIAL_STOCK_SRV", "API_MAINTENANCEPLAN", "API_WORK_CENTERS", "API_BUSINESS_PARTNER",
        "API_MEASURINGPOINT_0001", "API_MEASUREMENTDOCUMENT_0001",
    ];

    private SapService(string name, byte[] metadata)
    {
        Name = name;
        Metadata = metadata;
        using var stream = new MemoryStream(metadata);
        var document = XDocument.Load(stream);
        if (document.Descendants(SapServiceV4.Edm + "Schema").FirstOrDefault() is { } v4)
        {
            IsV4 = true;
            (Namespace, Sets, Functions, Actions) = SapServiceV4.Read(v4);
            return;
        }

        var schema = document.Descendants(Edm + "Schema").First();
        Namespace = (string)schema.Attribute("Namespace")!;
        var associations = schema.Elements(Edm + "Association").ToDictionary(
            a => $"{Namespace}.{(string)a.Attribute("Name")!}",
            a => a.Elements(Edm + "End").ToDictionary(e => (string)e.Attribute("Role")!, e => ((string)e.Attribute("Type")!, (string)e.Attribute("Multiplicity")!)));
        var container = schema.Element(Edm + "EntityContainer")!;
        var setOfType = container.Elements(Edm + "EntitySet")
            .GroupBy(s => (string)s.Attribute("EntityType")!)
            .ToDictionary(g => g.Key, g => (string)g.First().Attribute("Name")!);
        var types = schema.Elements(Edm + "EntityType").ToDictionary(
            t => $"{Namespace}.{(string)t.Attribute("Name")!}",
            t => ReadType($"{Namespace}.{(string)t.Attribute("Name")!}", t, associations, setOfType));
        Sets = container.Elements(Edm + "EntitySet").ToFrozenDictionary(
            s => (string)s.Attribute("Name")!,
            s => new EdmEntitySet((string)s.Attribute("Name")!, types[(string)s.Attribute("EntityType")!], (string?)s.Attribute(Sap + "updatable") != "false",
                (string?)s.Attribute(Sap + "creatable") != "false"),
            StringComparer.Ordinal);
        Functions = container.Elements(Edm + "FunctionImport").ToFrozenDictionary(
            f => (string)f.Attribute("Name")!,
            f => new EdmFunctionImport(
                (string)f.Attribute("Name")!,
                (string?)f.Attribute(Meta + "HttpMethod") ?? "GET",
                [.. f.Elements(Edm + "Parameter").Select(ReadProperty)],
                (string?)f.Attribute("EntitySet"),
                (string)f.Attribute("ReturnType")!),
            StringComparer.Ordinal);
    }

    public string Name { get; }

    public string Namespace { get; }

    /// <summary>An OData V4 (RAP <c>srvd_a2x</c>) service: V4 JSON, <c>$count</c>, <c>@odata.nextLink</c>, V4 literals and errors.</summary>
    public bool IsV4 { get; }

    /// <summary>The V4 service's own segment in <c>/sap/opu/odata4/sap/api_&lt;x&gt;/srvd_a2x/sap/&lt;x&gt;/0001/</c>, e.g. <c>measuringpoint</c>.</summary>
    public string V4Segment => Name["API_".Length..^"_0001".Length].ToLowerInvariant();

    /// <summary>Bound actions of a V4 service by name (empty for V2).</summary>
    public FrozenDictionary<string, string> Actions { get; } = FrozenDictionary<string, string>.Empty;

    /// <summary>The EDMX document exactly as SAP publishes it.</summary>
    public byte[] Metadata { get; }

    public FrozenDictionary<string, EdmEntitySet> Sets { get; }

    public FrozenDictionary<string, EdmFunctionImport> Functions { get; }

    /// <summary>Every service, loaded once from the embedded resources.</summary>
    public static IReadOnlyDictionary<string, SapService> All => Loaded.Value;

    private static readonly Lazy<FrozenDictionary<string, SapService>> Loaded = new(() =>
        Names.ToFrozenDictionary(n => n, n => new SapService(n, Resource(n)), StringComparer.Ordinal));

    private static byte[] Resource(string name)
    {
        using var stream = typeof(SapService).Assembly.GetManifestResourceStream($"Millwright.Sandbox.Sap.Edmx.{name}.edmx")
            ?? throw new InvalidOperationException($"The embedded metadata of {name} is missing.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static EdmEntityType ReadType(string qualifiedName, XElement type,
        Dictionary<string, Dictionary<string, (string Type, string Multiplicity)>> associations, Dictionary<string, string> setOfType)
    {
        var properties = type.Elements(Edm + "Property").Select(ReadProperty).ToList();
        var navigations = new List<EdmNavigation>();
        foreach (var navigation in type.Elements(Edm + "NavigationProperty"))
        {
            if (associations.TryGetValue((string)navigation.Attribute("Relationship")!, out var ends)
                && ends.TryGetValue((string)navigation.Attribute("ToRole")!, out var end)
                && setOfType.TryGetValue(end.Type, out var target))
            {
                navigations.Add(new EdmNavigation((string)navigation.Attribute("Name")!, target, end.Multiplicity == "*"));
            }
        }

        return new EdmEntityType(
            qualifiedName,
            [.. type.Element(Edm + "Key")!.Elements(Edm + "PropertyRef").Select(k => (string)k.Attribute("Name")!)],
            properties,
            properties.ToFrozenDictionary(p => p.Name, StringComparer.Ordinal),
            navigations);
    }

    internal static EdmProperty ReadProperty(XElement property) => new(
        (string)property.Attribute("Name")!,
        (string)property.Attribute("Type")!,
        (string?)property.Attribute("Nullable") != "false",
        int.TryParse((string?)property.Attribute("MaxLength"), out var length) ? length : null,
        int.TryParse((string?)property.Attribute("Scale"), out var scale) ? scale : null,
        (string?)property.Attribute(Sap + "creatable") != "false",
        (string?)property.Attribute(Sap + "updatable") != "false");
}
