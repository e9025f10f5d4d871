namespace Millwright.Sandbox;

internal static class SandboxMarker;
