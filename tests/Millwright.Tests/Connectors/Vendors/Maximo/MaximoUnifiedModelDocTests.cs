using Millwright.Client.Models;
using Millwright.Connectors.Vendors.Maximo;

namespace Millwright.Tests.Connectors.Vendors.Maximo;

/// <summary>docs/unified-model.md shows each IBM Maximo default mapping as the code has it, and says what is not offered.</summary>
public sealed class MaximoUnifiedModelDocTests
{
    private static readonly string Page = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "unified-model.md"));

    public static TheoryData<Entity> Entities => new(EntityInfo.All.Select(e => e.Entity));

    [Theory]
    [MemberData(nameof(Entities))]
    public void Page_ShowsTheMaximoDefaultMappingAsCoded(Entity entity)
    {
        var heading = Page.IndexOf($"— `/v1/{EntityInfo.Of(entity).Path}`", StringComparison.Ordinal);
        Assert.True(heading >= 0, $"No section for {entity}");
        var next = Page.IndexOf("\n## ", heading, StringComparison.Ordinal);
        var section = next < 0 ? Page[heading..] : Page[heading..next];
        if (!MaximoMapping.Defaults.TryGetValue(entity, out var mapping))
        {
            Assert.Contains("IBM Maximo: **not offered.**", section, StringComparison.Ordinal);
            return;
        }

        Assert.Contains("IBM Maximo source:", section, StringComparison.Ordinal);
        Assert.Contains(MaximoEndpoint.All[entity].ObjectStructure, section, StringComparison.Ordinal);
        foreach (var field in mapping.Fields)
        {
            var expression = $"`{field.Expression.Replace("|", "\\|", StringComparison.Ordinal)}`";
            Assert.True(section.Contains(expression, StringComparison.Ordinal), $"{entity}.{field.Target}: {expression} is not on the page");
        }
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
