using System.Runtime.InteropServices;

namespace Millwright.Server.Persistence;

/// <summary>
/// Gives freed native memory back to the operating system. SQLite allocates its page cache with the C
/// allocator, and glibc keeps freed blocks for reuse instead of returning them, so after an operation that
/// borrowed a large cache (a re-map, <see cref="Features.Mappings.Remapper.SqliteCacheKiB"/>) the process would
/// keep that memory in its working set until something else reused it. Linux with glibc only; elsewhere a no-op.
/// </summary>
internal static class NativeHeap
{
    public static void Trim()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            _ = MallocTrim(0);
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            // Not glibc (musl, for one): nothing to trim.
        }
    }

    // DllImport rather than LibraryImport: the generated stub needs unsafe code, and this signature is blittable.
    [DllImport("libc.so.6", EntryPoint = "malloc_trim")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int MallocTrim(nuint pad);
}
