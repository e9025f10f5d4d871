using System.Text.RegularExpressions;
using Millwright.Client.Models;
using Millwright.Connectors.Mapping;
using Millwright.Tests.Connectors.Modules;

namespace Millwright.Tests.Connectors.Docs;

/// <summary>
/// docs/unified-model.md lists every entity and field, and each module's column of every table is its
/// default mappings as the code has them. Run with <c>MILLWRIGHT_WRITE_UNIFIED_MODEL=1</c> to rewrite the
/// columns from the mappings first (then review the diff): the page's prose stays hand-written.
/// </summary>
public sealed partial class UnifiedModelDocTests
{
    private static readonly string PagePath = Path.Combine(RepositoryRoot(), "docs", "unified-model.md");

    public static TheoryData<Entity> Entities => new(EntityInfo.All.Select(e => e.Entity));

    public static TheoryData<string> Systems => ModuleCases.Systems;

    [Theory]
    [MemberData(nameof(Entities))]
    public void Page_ListsEveryFieldOfTheEntity(Entity entity)
    {
        var page = File.ReadAllText(PagePath);
        var section = Section(page, entity);

        foreach (var field in UnifiedFields.For(entity))
        {
            Assert.Contains($"| `{field.Name}` |", section, StringComparison.Ordinal);
            foreach (var nested in field.Nested ?? [])
            {
                Assert.Contains($"| `{nested.Name}` |", section, StringComparison.Ordinal);
            }

            foreach (var value in field.EnumValues ?? [])
            {
                Assert.Contains($"`{value}`", page, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Systems))]
    public void Page_ShowsEachModulesDefaultMappingsAsCoded(string system)
    {
        var module = ModuleCases.Module(system);
        var name = module.Name;
        var page = File.ReadAllText(PagePath);
        if (Environment.GetEnvironmentVariable("MILLWRIGHT_WRITE_UNIFIED_MODEL") == "1")
        {
            page = Regenerate(page, name, module.Connector.DefaultMappings);
            File.WriteAllText(PagePath, page);
        }

        var problems = new List<string>();
        foreach (var entity in EntityInfo.All.Select(e => e.Entity))
        {
            var section = Section(page, entity);
            var table = Table(section);
            var column = table.Header.IndexOf(name);
            if (!module.Connector.DefaultMappings.TryGetValue(entity, out var mapping))
            {
                Check(problems, section.Contains($"{name}: **not offered.**", StringComparison.Ordinal), $"{entity}: says '{name}: **not offered.**'");
                Check(problems, !module.Connector.Descriptor.Capabilities.ContainsKey(entity), $"{entity}: has no mapping but is in the descriptor's capabilities");
                foreach (var row in table.Rows.Where(r => column >= 0 && column < r.Count))
                {
                    Check(problems, row[column] == "—", $"{entity}.{row[0]}: '{row[column]}' where {name} offers nothing");
                }

                continue;
            }

            Check(problems, section.Contains($"{name} source:", StringComparison.Ordinal), $"{entity}: has a '{name} source:' line");
            Check(problems, column >= 0, $"{entity}: the table has a '{name}' column");
            if (column < 0)
            {
                continue;
            }

            foreach (var row in table.Rows)
            {
                if (column >= row.Count)
                {
                    problems.Add($"{entity}.{Field(row[0])}: the row has no '{name}' cell");
                    continue;
                }

                var expected = Cell(mapping, Field(row[0]));
                Check(problems, row[column] == expected, $"{entity}.{Field(row[0])}: the page says {row[column]}, the mapping {expected}");
            }

            // Fields without a row of their own (custom_fields…) are named in the text below the table.
            foreach (var field in mapping.Fields.Where(f => !table.Rows.Any(r => Field(r[0]) == f.Target)))
            {
                Check(problems, section.Contains(Code(field.Expression), StringComparison.Ordinal), $"{entity}.{field.Target}: {Code(field.Expression)} is not on the page");
            }
        }

        Assert.True(problems.Count == 0, $"docs/unified-model.md and the {name} mappings disagree:\n" + string.Join('\n', problems));
    }

    /// <summary>The module's column of every table, rewritten from its default mappings.</summary>
    private static string Regenerate(string page, string name, IReadOnlyDictionary<Entity, EntityMapping> mappings)
    {
        var lines = page.Split('\n');
        int column = -1;
        EntityMapping? mapping = null;
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("## ", StringComparison.Ordinal))
            {
                var entity = EntityInfo.All.FirstOrDefault(e => lines[i].EndsWith($"— `/v1/{e.Path}`", StringComparison.Ordinal));
                mapping = entity is null ? null : mappings.GetValueOrDefault(entity.Entity);
                column = -1;
            }
            else if (lines[i].StartsWith("| field |", StringComparison.Ordinal))
            {
                column = Cells(lines[i]).IndexOf(name);
            }
            else if (column >= 0 && lines[i].StartsWith("| `", StringComparison.Ordinal))
            {
                var cells = Cells(lines[i]);
                cells[column] = mapping is null ? "—" : Cell(mapping, Field(cells[0]));
                lines[i] = "| " + string.Join(" | ", cells) + " |";
            }
            else if (!lines[i].StartsWith('|'))
            {
                column = -1;
            }
        }

        return string.Join('\n', lines);
    }

    private static void Check(List<string> problems, bool condition, string what)
    {
        if (!condition)
        {
            problems.Add(what);
        }
    }

    private static string Cell(EntityMapping mapping, string target) =>
        mapping.Fields.FirstOrDefault(f => f.Target == target) is { } field ? Code(field.Expression) : "—";

    private static string Code(string expression) => $"`{expression.Replace("|", "\\|", StringComparison.Ordinal)}`";

    private static string Field(string cell) => cell.Trim('`');

    /// <summary>The entity's first table: its header cells and its rows' cells (unescaped pipes split, escaped ones kept).</summary>
    private static (List<string> Header, List<List<string>> Rows) Table(string section)
    {
        var lines = section.Split('\n');
        var start = Array.FindIndex(lines, l => l.StartsWith("| field |", StringComparison.Ordinal));
        Assert.True(start >= 0, "No field table in " + section[..Math.Min(60, section.Length)]);
        var rows = lines.Skip(start + 1).TakeWhile(l => l.StartsWith('|')).Select(Cells).Where(r => !r[0].StartsWith("---", StringComparison.Ordinal)).ToList();
        return (Cells(lines[start]), rows);
    }

    private static List<string> Cells(string line) =>
        [.. UnescapedPipe().Split(line.Trim().Trim('|')).Select(c => c.Trim())];

    private static string Section(string page, Entity entity)
    {
        var heading = page.IndexOf($"— `/v1/{EntityInfo.Of(entity).Path}`", StringComparison.Ordinal);
        Assert.True(heading >= 0, $"No section for {entity}");
        var next = page.IndexOf("\n## ", heading, StringComparison.Ordinal);
        return next < 0 ? page[heading..] : page[heading..next];
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

    [GeneratedRegex(@"(?<!\\)\|")]
    private static partial Regex UnescapedPipe();
}
