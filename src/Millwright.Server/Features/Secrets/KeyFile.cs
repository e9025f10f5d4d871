using System.Security.Cryptography;
using System.Text;

namespace Millwright.Server.Features.Secrets;

/// <summary>
/// A 256-bit key kept in a file of the data folder: created on first use with owner-only permissions,
/// read back afterwards. Used when the operator has not configured <c>MILLWRIGHT_ENCRYPTION_KEY</c>.
/// </summary>
internal static class KeyFile
{
    public static byte[] LoadOrCreate(string directory, string fileName)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, fileName);
        if (File.Exists(path))
        {
            return Read(path);
        }

        var fresh = RandomNumberGenerator.GetBytes(32);
        var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var stream = new FileStream(path, fileOptions);
            stream.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(fresh)));
            return fresh;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process of the same installation created it first: use theirs.
            return Read(path);
        }
    }

    private static byte[] Read(string path) => Convert.FromBase64String(File.ReadAllText(path).Trim());
}
