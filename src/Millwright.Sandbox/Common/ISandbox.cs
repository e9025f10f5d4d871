namespace Millwright.Sandbox.Common;

/// <summary>What every running emulator offers beside its vendor's API: the fault knobs and a reset.</summary>
public interface ISandbox
{
    /// <summary>Error rate, latency, forced statuses and revoked credentials of this instance.</summary>
    SandboxFaults Faults { get; }

    /// <summary>Starts every rate-limit window afresh and forgets per-client state (e.g. cached result sets).</summary>
    void Reset();
}
