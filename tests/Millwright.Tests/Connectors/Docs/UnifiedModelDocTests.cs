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

    /// <summary>
    /// The module's column of every entity table, rewritten from its default mappings: a missing column is added after
    /// the last system column, rows short of cells are padded, and a missing "source" / "not offered" line and the
    /// fields without a row of their own are added (the source line as a placeholder to write by hand).
    /// </summary>
    private static string Regenerate(string page, string name, IReadOnlyDictionary<Entity, EntityMapping> mappings)
    {
        var lines = page.Split('\n').ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            var heading = lines[i];
            var entity = heading.StartsWith("## ", StringComparison.Ordinal)
                ? EntityInfo.All.FirstOrDefault(e => heading.EndsWith($"— `/v1/{e.Path}`", StringComparison.Ordinal))
                : null;
            if (entity is null)
            {
                continue;
            }

            var mapping = mappings.GetValueOrDefault(entity.Entity);
            var end = lines.FindIndex(i + 1, l => l.StartsWith("## ", StringComparison.Ordinal));
            end = end < 0 ? lines.Count : end;
            var header = lines.FindIndex(i + 1, end - i - 1, l => l.StartsWith("| field |", StringComparison.Ordinal));
            if (header < 0)
            {
                continue;
            }

            var text = string.Join('\n', lines.GetRange(i, end - i));
            var said = mapping is null ? $"{name}: **not offered.**" : $"{name} source:";
            if (!text.Contains(said, StringComparison.Ordinal))
            {
                lines.InsertRange(header, [mapping is null ? said : $"{said} `…`.", ""]);
                header += 2;
                end += 2;
            }

            var headerCells = Cells(lines[header]);
            var column = headerCells.IndexOf(name);
            if (column < 0 && (mapping is not null || headerCells.Count > 3))
            {
                // System columns follow field, type and meaning, so the last system column is the last column.
                column = headerCells.Count;
                lines[header] = Row([.. headerCells, name]);
                if (lines[header + 1].StartsWith("|---", StringComparison.Ordinal))
                {
                    lines[header + 1] += "---|";
                }
            }

            var fields = new HashSet<string>(StringComparer.Ordinal);
            var last = header + 1;
            for (; last < end && lines[last].StartsWith('|'); last++)
            {
                if (!lines[last].StartsWith("| `", StringComparison.Ordinal))
                {
                    continue;
                }

                var cells = Cells(lines[last]);
                fields.Add(Field(cells[0]));
                if (column < 0)
                {
                    continue;
                }

                while (cells.Count <= column)
                {
                    cells.Add("—");
                }

                cells[column] = mapping is null ? "—" : Cell(mapping, Field(cells[0]));
                lines[last] = Row(cells);
            }

            var unnamed = mapping?.Fields.Where(f => !fields.Contains(f.Target) && !text.Contains(Code(f.Expression), StringComparison.Ordinal)).ToList() ?? [];
            if (unnamed.Count > 0)
            {
                lines.InsertRange(last, ["", $"{name} custom fields by default: " + string.Join(", ", unnamed.Select(f => $"`{f.Target}` ← {Code(f.Expression)}")) + "."]);
            }
        }

        return string.Join('\n', lines);
    }

    private static string Row(IEnumerable<string> cells) => "| " + string.Join(" | ", cells) + " |";

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
