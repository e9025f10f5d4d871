using System.Text.Json.Nodes;
using Millwright.Client.Models;
using Millwright.Sandbox.Common;
using Millwright.Server.Hosting.Modules;
using Millwright.Tests.Connectors.Modules;

namespace Millwright.Tests.Server.Writes;

/// <summary>
/// What the end-to-end write checks (<see cref="VendorWriteTests"/>) need to know of one writable vendor beyond its module:
/// the statuses its sandbox gives, a transition it allows and one it forbids, and how to read a written record back from the
/// sandbox's own API as the customer's other tools would. A vendor's <see cref="IVendorTestProfile"/> implements it.
/// </summary>
internal interface IVendorWriteProfile : IVendorTestProfile
{
    /// <summary>The system's status of a work order it has just created (a prefix of it, for status lines such as SAP's).</summary>
    string CreatedRemoteStatus { get; }

    /// <summary>Transitions a new work order goes through, each unified status with the system's status (prefix) it lands in.</summary>
    IReadOnlyList<(string Status, string RemoteStatus)> AllowedPath { get; }

    /// <summary>Statuses a new work order is moved through first, then the one the system refuses, and a piece of its refusal.</summary>
    (IReadOnlyList<string> Before, string Status, string VendorMessage) Forbidden { get; }

    /// <summary>The body of a maintenance request (SAP notification, Maximo service request) on <paramref name="assetId"/>.</summary>
    JsonObject MaintenanceRequest(string assetId);

    /// <summary>The title (description) and the status of a written record as the sandbox holds it.</summary>
    Task<(string? Title, string? Status)> InSandboxAsync(SandboxHost<ISandbox> sandbox, Entity entity, string remoteId);
}

/// <summary>The writable vendors of the module list, as theory data.</summary>
internal static class WriteCases
{
    public static TheoryData<string> Systems => new(VendorModules.All.Select(m => m.SystemId).Where(s => ModuleCases.Profile(s) is IVendorWriteProfile));

    public static IVendorWriteProfile Profile(string system) => (IVendorWriteProfile)ModuleCases.Profile(system);
}
