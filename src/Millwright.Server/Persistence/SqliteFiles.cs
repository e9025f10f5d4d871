namespace Millwright.Server.Persistence;

/// <summary>
/// The SQLite store holds hashed secrets, sealed credentials and customer records: only the server's user may
/// read it. The file is created owner-only before EF opens it; SQLite gives its journal, WAL and shared-memory
/// files the database file's permissions, and files of an older installation are tightened at start-up.
/// </summary>
internal static class SqliteFiles
{
    public const string FileName = "millwright.db";

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static readonly string[] Companions = ["", "-wal", "-shm", "-journal"];

    /// <summary>The path of the database file in <paramref name="dataDirectory"/>, which exists afterwards.</summary>
    public static string Prepare(string dataDirectory)
    {
        var file = Path.Combine(dataDirectory, FileName);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(dataDirectory);
            return file;
        }

        Directory.CreateDirectory(dataDirectory, OwnerOnly | UnixFileMode.UserExecute);
        if (!File.Exists(file))
        {
            // An empty file is a new SQLite database. OpenOrCreate: a second process starting at the same moment does not fail.
            using (new FileStream(file, new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.Write, UnixCreateMode = OwnerOnly }))
            {
            }
        }

        foreach (var suffix in Companions)
        {
            if (File.Exists(file + suffix))
            {
                File.SetUnixFileMode(file + suffix, OwnerOnly);
            }
        }

        return file;
    }
}
