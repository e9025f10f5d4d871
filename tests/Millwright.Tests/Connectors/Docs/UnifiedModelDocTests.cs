using Millwright.Client.Models;
using Millwright.Connectors.Mapping;
using Millwright.Connectors.Vendors.MaintainX;

namespace Millwright.Tests.Connectors.Docs;

/// <summary>docs/unified-model.md lists every entity and field, and each MaintainX default mapping as the code has it.</summary>
public sealed class UnifiedModelDocTests
{
    private static readonly string Page = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "unified-model.md"));

    public static TheoryData<Entity> Entities => new(EntityInfo.All.Select(e => e.Entity));

    [Theory]
    [MemberData(nameof(Entities))]
    public void Page_ListsEveryFieldOfTheEntity(Entity entity)
    {
        var section = Section(entity);

        foreach (var field in UnifiedFields.For(entity))
        {
            Assert.Contains($"| `{field.Name}` |", section, StringComparison.Ordinal);
            foreach (var nested in field.Nested ?? [])
            {
                Assert.Contains($"| `{nested.Name}` |", section, StringComparison.Ordinal);
            }

            foreach (var value in field.EnumValues ?? [])
            {
                Assert.Contains($"`{value}`", Page, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Entities))]
    public void Page_ShowsTheMaintainXDefaultMappingAsCoded(Entity entity)
    {
        var section = Section(entity);
        if (!MaintainXMapping.Defaults.TryGetValue(entity, out var mapping))
        {
            Assert.Contains("MaintainX: **not offered.**", section, StringComparison.Ordinal);
            return;
        }

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
