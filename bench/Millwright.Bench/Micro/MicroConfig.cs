using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Millwright.Bench.Micro;

/// <summary>
/// A short job: the machine is a shared 2-core box, so the whole micro suite has to finish in a few
/// minutes. In-process (no generated project to build per benchmark), one launch, 3 warm-up and 10
/// measured iterations of about 250 ms each. Good enough to see a 10 % regression, not to split hairs.
/// </summary>
internal static class MicroConfig
{
    public static IConfig Create() => ManualConfig.Create(DefaultConfig.Instance)
        .AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(10)
            .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(250))
            .WithId("short"))
        .AddDiagnoser(MemoryDiagnoser.Default);
}
