namespace Millwright.Server.Hosting;

/// <summary>
/// Operator settings. Bound from the <c>Millwright</c> configuration section; the environment
/// variables <c>MILLWRIGHT_DATABASE</c>, <c>MILLWRIGHT_REDIS</c>, <c>MILLWRIGHT_DATA</c> and
/// <c>MILLWRIGHT_ENCRYPTION_KEY</c> override it (see <see cref="FromConfiguration"/>).
/// </summary>
public sealed class MillwrightOptions
{
    /// <summary>Folder for the SQLite store, job storage and key file.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>PostgreSQL connection string; empty means the embedded SQLite store.</summary>
    public string? Database { get; set; }

    /// <summary>Redis connection string for shared counters; empty means in-memory.</summary>
    public string? Redis { get; set; }

    /// <summary>Base64 AES-256 key for credentials at rest; empty means a key file in <see cref="DataDirectory"/>.</summary>
    public string? EncryptionKey { get; set; }

    /// <summary>Public base URL of this server (used in links and for the sandbox's own URL).</summary>
    public string PublicUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>Whether the vendor sandboxes are mounted under /sandbox (test environment only).</summary>
    public bool SandboxEnabled { get; set; } = true;

    public bool UsesPostgres => !string.IsNullOrWhiteSpace(Database);

    public static MillwrightOptions FromConfiguration(IConfiguration configuration)
    {
        var options = new MillwrightOptions();
        configuration.GetSection("Millwright").Bind(options);
        options.Database = configuration["MILLWRIGHT_DATABASE"] is { Length: > 0 } db ? db : options.Database;
        options.Redis = configuration["MILLWRIGHT_REDIS"] is { Length: > 0 } redis ? redis : options.Redis;
        options.DataDirectory = configuration["MILLWRIGHT_DATA"] is { Length: > 0 } data ? data : options.DataDirectory;
        options.EncryptionKey = configuration["MILLWRIGHT_ENCRYPTION_KEY"] is { Length: > 0 } key ? key : options.EncryptionKey;
        return options;
    }
}
