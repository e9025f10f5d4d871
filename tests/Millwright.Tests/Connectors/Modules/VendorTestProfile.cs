using Millwright.Server.Hosting.Modules;

namespace Millwright.Tests.Connectors.Modules;

/// <summary>
/// What the checks over every module need to know of one vendor that its module does not say: a sandbox
/// small enough for quick full reads. One per vendor, in the vendor's test folder
/// (<c>Connectors/Vendors/&lt;V&gt;/&lt;V&gt;TestProfile.cs</c>), found by reflection;
/// <see cref="ModuleContractTests.Module_HasExactlyOneTestProfile"/> fails for a module without one.
/// </summary>
internal interface IVendorTestProfile
{
    /// <summary>The system id of the module this profile belongs to.</summary>
    string SystemId { get; }

    /// <summary>Sandbox settings (keys relative to its configuration section): a small seed and a rate limit that reads never hit.</summary>
    IReadOnlyDictionary<string, string?> SmallSandbox { get; }
}

/// <summary>The modules of <c>VendorModules.All</c> as theory data, and each one's test profile.</summary>
internal static class ModuleCases
{
    private static readonly IReadOnlyList<IVendorTestProfile> Profiles =
    [
        .. typeof(ModuleCases).Assembly.GetTypes()
            .Where(t => typeof(IVendorTestProfile).IsAssignableFrom(t) && t is { IsInterface: false, IsAbstract: false })
            .Select(t => (IVendorTestProfile)Activator.CreateInstance(t)!),
    ];

    /// <summary>Every system id of the module list, in its order.</summary>
    public static TheoryData<string> Systems => new(VendorModules.All.Select(m => m.SystemId));

    public static VendorModule Module(string systemId) =>
        VendorModules.All.Single(m => m.SystemId == systemId);

    public static IReadOnlyList<IVendorTestProfile> ProfilesOf(string systemId) => [.. Profiles.Where(p => p.SystemId == systemId)];

    public static IVendorTestProfile Profile(string systemId) =>
        ProfilesOf(systemId) is [var profile] ? profile : throw new InvalidOperationException($"Module '{systemId}' needs exactly one IVendorTestProfile.");
}
