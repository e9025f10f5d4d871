namespace Millwright.Server.Persistence;

/// <summary>
/// The SQLite store holds hashed secrets, sealed credentials and customer records: only the server's user may
/// read it. The file is created owner-only before EF opens it; SQLite gives its journal, WAL and shared-memory
/// files the database file's permissions, and files of an older installation are tightened at start-up.
/// </summary>
internal static class SqliteFiles
{
    public const string FileName = "millwright.db";

    /// <summary>
    /// The page size of a new store, in bytes (SQLite's default is 4 096). A record row holds its mapped and raw
    /// documents, ~10 KB for a work order, so with 4 KiB pages every row spills into a chain of overflow pages that
    /// each write and re-map walks and rewrites; 16 KiB pages hold most rows whole. Measured (docs/performance.md,
    /// "SQLite page size"): a first sync ~10 % and a re-map 5–20 % faster, reads unchanged. A store created with
    /// another size keeps it: SQLite fixes the size when the first table is written (changing it later needs a
    /// VACUUM outside WAL mode).
    /// </summary>
    public const int PageSize = 16_384;

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

    /// <summary>
    /// Sets <see cref="PageSize"/> when the store is still empty (a new file); a no-op otherwise. The size is the
    /// open connection's until it writes the first page, so the caller keeps the connection open through the migration.
    /// </summary>
    public static async Task SetPageSizeIfNewAsync(MillwrightDb db, CancellationToken cancellationToken)
    {
        if (await PlainCommands.SqlitePragmaAsync(db, "page_count", cancellationToken) == 0)
        {
            await PlainCommands.SqlitePragmaAsync(db, $"page_size = {PageSize}", cancellationToken);
        }
    }
}
