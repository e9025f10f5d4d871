using System.Diagnostics;
using Millwright.Client.Models;
using Millwright.Connectors.Mapping;
using Millwright.Tests.Support;

namespace Millwright.Tests.Connectors.Mapping;

/// <summary>
/// Issue 20, item 6: thousands of seeded random mapping lines — the language's own pieces, spliced, cut and mixed
/// with noise — against every entity's targets and documents full of overflowing numbers. Compiling either
/// succeeds or reports errors; a compiled mapping always applies (a value that goes wrong at run time is null);
/// nothing throws, which is what keeps preview, PATCH/PUT of mappings and the sync engine away from a 500.
/// </summary>
public sealed class MappingFuzzTests
{
    [Theory]
    [InlineData(20261201)]
    [InlineData(424242)]
    public void CompileAndApply_RandomExpressions_NeverThrow(int seed)
    {
        var fuzz = new FuzzInput(seed);
        var watch = Stopwatch.StartNew();
        var compiled = 0;
        for (var i = 0; i < 2500; i++)
        {
            var entity = fuzz.Pick(EntityInfo.All).Entity;
            var fields = UnifiedFields.For(entity);
            var targets = fields.Select(f => f.Name).Concat(["custom_fields", "custom_fields.fuzz", "custom_fields." + fuzz.NoiseString(3)]).ToList();
            var lines = Enumerable.Range(0, 1 + fuzz.Next(3))
                .Select(_ => new FieldMapping(fuzz.Pick(targets), fuzz.Expression()))
                .ToList();
            try
            {
                var (mapping, errors) = CompiledMapping.Compile(new EntityMapping(entity, lines));
                Assert.True(mapping is not null || errors.Count > 0);
                if (mapping is not null)
                {
                    compiled++;
                    for (var d = 0; d < 3; d++)
                    {
                        mapping.Apply(fuzz.Document(), "conn_fuzz");
                    }
                }

                foreach (var line in lines)
                {
                    FieldWrite.Compile(line.Target, UnifiedFields.Find(entity, line.Target), line.Expression);
                }
            }
            catch (Exception e)
            {
                Assert.Fail($"{FuzzInput.Describe(seed, i)}: {entity} {string.Join("; ", lines.Select(l => $"{l.Target} = {l.Expression}"))} threw {e}");
            }
        }

        // The generator must reach the running engine often, not only the parser's error paths.
        Assert.True(compiled > 250, $"only {compiled} of 2500 mappings compiled");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
    }
}
