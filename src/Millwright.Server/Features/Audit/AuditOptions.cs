namespace Millwright.Server.Features.Audit;

/// <summary>Audit log retention; bound from <c>Millwright:Audit</c>. Defaults live here.</summary>
internal sealed class AuditOptions
{
    public const string Section = "Millwright:Audit";

    /// <summary>Audit events older than this are deleted (and no longer listed).</summary>
    public int RetentionDays { get; set; } = 365;

    /// <summary>How often the cleanup runs (1 s to 30 days).</summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromHours(1);

    internal static bool IsValid(AuditOptions o) =>
        o.RetentionDays is >= 1 and <= 3650 && o.CleanupInterval >= TimeSpan.FromSeconds(1) && o.CleanupInterval <= TimeSpan.FromDays(30);
}
