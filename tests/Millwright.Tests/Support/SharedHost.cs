namespace Millwright.Tests.Support;

/// <summary>One server per test class that only needs "a running Millwright"; classes that need special
/// settings build their own <see cref="MillwrightHost"/>.</summary>
public sealed class SharedHost : IDisposable
{
    public MillwrightHost Server { get; } = new();

    public void Dispose() => Server.Dispose();
}
