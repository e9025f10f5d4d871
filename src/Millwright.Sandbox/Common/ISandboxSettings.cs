namespace Millwright.Sandbox.Common;

/// <summary>What every emulator's settings share.</summary>
public interface ISandboxSettings
{
    /// <summary>
    /// When set, the one secret this instance accepts for its demo user, in place of every published sandbox
    /// credential (the demo key or password, and the extra published keys such as a multi-organisation key,
    /// which are then refused). Millwright sets it for each account's own sandbox tenant, derived from its
    /// encryption key (ADR 0026); an operator may set it for the shared mounts.
    /// </summary>
    string? Secret { get; set; }
}
