using System.Collections.Concurrent;
using Millwright.Sandbox.Common;

namespace Millwright.Sandbox.MaintainX;

/// <summary>
/// One running MaintainX emulator: its settings, seeded organisations, per-key rate limiter and fault
/// knobs. Created by <see cref="MaintainXSandboxModule"/>; tests keep the
/// instance to turn the knobs from C#.
/// </summary>
public sealed class MaintainXSandbox : ISandbox
{
    private readonly ConcurrentDictionary<long, Lazy<MaintainXSandboxData>> organizations = new();

    internal MaintainXSandbox(MaintainXSandboxSettings settings, TimeProvider time)
    {
        settings.Validate();
        Settings = settings;
        Time = time;
        RateLimiter = new SandboxRateLimiter(settings.RequestsPerMinute, TimeSpan.FromSeconds(60), time);
        Keys = settings.Secret is { Length: > 0 } secret
            ? new Dictionary<string, MxApiKey>(StringComparer.Ordinal)
            {
                [secret] = new(1001, [MaintainXSandboxSettings.DemoOrganizationId], Revoked: false),
            }
            : new Dictionary<string, MxApiKey>(StringComparer.Ordinal)
            {
                [MaintainXSandboxSettings.DemoApiKey] = new(1001, [MaintainXSandboxSettings.DemoOrganizationId], Revoked: false),
                [MaintainXSandboxSettings.MultiOrgApiKey] = new(1002, [MaintainXSandboxSettings.DemoOrganizationId, MaintainXSandboxSettings.SecondOrganizationId], Revoked: false),
                [MaintainXSandboxSettings.RevokedApiKey] = new(1003, [MaintainXSandboxSettings.DemoOrganizationId], Revoked: true),
            };
    }

    public MaintainXSandboxSettings Settings { get; }

    /// <summary>Error rate, latency, forced statuses and revoked keys of this instance.</summary>
    public SandboxFaults Faults { get; } = new();

    internal SandboxRateLimiter RateLimiter { get; }

    internal TimeProvider Time { get; }

    internal IReadOnlyDictionary<string, MxApiKey> Keys { get; }

    /// <summary>Starts every key's rate-limit window afresh.</summary>
    public void Reset() => RateLimiter.Reset();

    /// <summary>The organisation's data, seeded on first use (thread-safe, once per instance).</summary>
    internal MaintainXSandboxData Data(long organizationId) =>
        organizations.GetOrAdd(organizationId, id => new Lazy<MaintainXSandboxData>(
            () => MaintainXSandboxSeed.Build(Settings, id, Time.GetUtcNow()))).Value;

    /// <summary>Now, to the millisecond as MaintainX stores it, so <c>updatedAt[gte]</c> of a written value matches it.</summary>
    internal DateTimeOffset Now() => MaintainXSandboxSeed.Millis(Time.GetUtcNow());
}

/// <summary>An API key the sandbox knows: its user and the organisations it covers.</summary>
internal sealed record MxApiKey(long UserId, IReadOnlyList<long> OrganizationIds, bool Revoked);
