namespace Millwright.Tests.Support;

/// <summary>
/// Temporary folders of one test run, under one root that is removed when the test process exits.
/// Hosts do not delete their own folder on dispose because restart tests start a second host on it.
/// </summary>
public static class TestFolders
{
    public static string Root { get; } = CreateRoot();

    private static string CreateRoot()
    {
        var root = Path.Combine(Path.GetTempPath(), "millwright-tests", $"run-{Environment.ProcessId}-{Guid.NewGuid():n}"[..24]);
        Directory.CreateDirectory(root);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // Temp space; the OS cleans it eventually.
            }
        };
        return root;
    }
}
