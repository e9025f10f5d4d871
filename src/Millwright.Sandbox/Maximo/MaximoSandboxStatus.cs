namespace Millwright.Sandbox.Maximo;

/// <summary>
/// Status changes as Maximo's applications allow them (the <c>changeStatus</c> method behind <c>?action=wsmethod:changeStatus</c>
/// and a changed <c>status</c> attribute alike): a closed or cancelled work order or service request stays so, a completed work
/// order can only be closed, a work order can be cancelled only before work started, a decommissioned asset stays decommissioned.
/// The reason code is the sandbox's choice (README, "Known differences").
/// </summary>
internal static class MxmStatus
{
    public const string NotAllowedReason = "BMXAA4590E";

    /// <summary>Why the change from <paramref name="from"/> to <paramref name="to"/> is refused, or null when it is allowed.</summary>
    public static string? Refusal(MxmObjectStructure os, string? from, string to)
    {
        if (from == to)
        {
            return null;
        }

        return os.MainObject switch
        {
            "WORKORDER" when from is "CLOSE" or "CAN" => $"The work order is in status {from}, which is final: its status cannot be changed to {to}.",
            "WORKORDER" when from == "COMP" && to != "CLOSE" => $"A completed work order can only be closed, not changed to {to}.",
            "WORKORDER" when to == "CAN" && from is "INPRG" => "A work order that is in progress cannot be canceled; complete it instead.",
            "SR" when from is "CLOSED" or "CANCELLED" => $"The service request is in status {from}, which is final: its status cannot be changed to {to}.",
            "ASSET" when from == "DECOMMISSIONED" => $"The asset is decommissioned: its status cannot be changed to {to}.",
            _ => null,
        };
    }
}
