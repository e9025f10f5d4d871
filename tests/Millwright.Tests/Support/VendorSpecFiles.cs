namespace Millwright.Tests.Support;

/// <summary>
/// Finds the vendors' published API descriptions (<c>shared/vendor-specs/</c>), which live beside the repository,
/// never inside it: the repository root is the folder holding Millwright.slnx, and the specs are in the first
/// <c>shared/vendor-specs</c> folder found from its parent upwards (a worktree may sit deeper than the main
/// checkout). <c>MILLWRIGHT_VENDOR_SPECS</c> overrides the search.
/// </summary>
public static class VendorSpecFiles
{
    public static string Path(params string[] relative)
    {
        var root = Root();
        var path = System.IO.Path.Combine([root, .. relative]);
        Assert.True(File.Exists(path), $"Vendor spec file {path} is missing.");
        return path;
    }

    private static string Root()
    {
        if (Environment.GetEnvironmentVariable("MILLWRIGHT_VENDOR_SPECS") is { Length: > 0 } configured)
        {
            return configured;
        }

        var repository = new DirectoryInfo(AppContext.BaseDirectory);
        while (repository is not null && !File.Exists(System.IO.Path.Combine(repository.FullName, "Millwright.slnx")))
        {
            repository = repository.Parent;
        }

        Assert.NotNull(repository);
        for (var folder = repository.Parent; folder is not null; folder = folder.Parent)
        {
            var candidate = System.IO.Path.Combine(folder.FullName, "shared", "vendor-specs");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        Assert.Fail($"No shared/vendor-specs folder above {repository.FullName}; set MILLWRIGHT_VENDOR_SPECS.");
        return "";
    }
}
