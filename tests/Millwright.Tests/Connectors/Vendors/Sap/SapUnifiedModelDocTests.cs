using Millwright.Client.Models;
using Millwright.Connectors.Vendors.Sap;

namespace Millwright.Tests.Connectors.Vendors.Sap;

/// <summary>docs/unified-model.md shows each SAP default mapping as the code has it, and says which entities SAP does not offer.</summary>
public sealed class SapUnifiedModelDocTests
{
    private static readonly string Page = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "unified-model.md"));

    public static TheoryData<Entity> Entities => new(EntityInfo.All.Select(e => e.Entity));

    [Theory]
    [MemberData(nameof(Entities))]
    public void Page_ShowsTheSapDefaultMappingAsCoded(Entity entity)
    {
        var section = Section(entity);
        if (!SapMapping.Defaults.TryGetValue(entity, out var mapping))
        {
            Assert.Contains("SAP S/4HANA: **not offered.**", section, StringComparison.Ordinal);
            Assert.False(SapSettings.Descriptor.Capabilities.ContainsKey(entity));
            return;
        }

        Assert.Contains("SAP S/4HANA source:", section, StringComparison.Ordinal);
        foreach (var field in mapping.Fields)
        {
            var expression = $"`{field.Expression.Replace("|", "\\|", StringComparison.Ordinal)}`";
            Assert.True(section.Contains(expression, StringComparison.Ordinal), $"{entity}.{field.Target}: {expression} is not on the page");
        }
    }

    private static string Section(Entity entity)
    {
        var heading = Page.IndexOf($"— `/v1/{EntityInfo.Of(entity).Path}`", StringComparison.Ordinal);
        Assert.True(heading >= 0, $"No section for {entity}");
        var next = Page.IndexOf("\n## ", heading, StringComparison.Ordinal);
        return next < 0 ? Page[heading..] : Page[heading..next];
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Millwright.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Repository root not found.");
    }
}
