namespace Millwright.Server.Hosting;

/// <summary>
/// Operator settings, bound from the <c>Millwright</c> configuration section (appsettings, <c>Millwright__X</c>
/// environment variables, <c>--Millwright:X=</c> or <c>--data</c> on the command line). The short environment
/// variables <c>MILLWRIGHT_DATABASE</c>, <c>MILLWRIGHT_DATA</c>, <c>MILLWRIGHT_ENCRYPTION_KEY</c> and <c>MILLWRIGHT_REDIS</c> apply when
/// the section does not set the value, so a command-line flag always wins over them.
/// </summary>
public sealed class MillwrightOptions
{
    /// <summary>Folder for the SQLite store and the key files.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>PostgreSQL connection string; empty means the embedded SQLite store.</summary>
    public string? Database { get; set; }

    /// <summary>Base64 AES-256 key for credentials at rest (and cursor signing); empty means key files in <see cref="DataDirectory"/>.</summary>
    public string? EncryptionKey { get; set; }

    /// <summary>Whether the vendor sandboxes are mounted under /sandbox (test environment only).</summary>
    public bool SandboxEnabled { get; set; } = true;

    /// <summary>
    /// Whether the shared sandbox mounts <c>/sandbox/&lt;vendor&gt;/</c> are served too, with the published demo
    /// credentials and open fault knobs, for every account alike. Off by default: each account's test
    /// connections use its own tenant, <c>/sandbox/&lt;tenant&gt;/&lt;vendor&gt;/</c> (<c>GET /v1/sandbox</c>; ADR 0026).
    /// </summary>
    public bool SandboxSharedMounts { get; set; }

    /// <summary>
    /// How many tenant sandboxes (one per account and vendor) stay in memory; the least recently used one is
    /// dropped beyond that and starts again from its seed data on its next request.
    /// </summary>
    public int SandboxMaxTenants { get; set; } = 32;

    /// <summary>Redis configuration string (<c>host:port,password=…</c>); when set, inbound rate-limit counters are shared through it.</summary>
    public string? Redis { get; set; }

    /// <summary>
    /// Base URL clients reach Millwright at (<c>https://millwright.example.com</c>), used for every link Millwright
    /// returns or prints; empty means the address it listens on. Never taken from a request's Host header.
    /// </summary>
    public string? PublicUrl { get; set; }

    public bool UsesPostgres => !string.IsNullOrWhiteSpace(Database);

    public bool UsesRedis => !string.IsNullOrWhiteSpace(Redis);

    public static MillwrightOptions FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection("Millwright");
        var options = new MillwrightOptions();
        section.Bind(options);
        options.DataDirectory = FirstSet(section["DataDirectory"], configuration["MILLWRIGHT_DATA"]) ?? options.DataDirectory;
        options.Database = FirstSet(section["Database"], configuration["MILLWRIGHT_DATABASE"]);
        options.EncryptionKey = FirstSet(section["EncryptionKey"], configuration["MILLWRIGHT_ENCRYPTION_KEY"]);
        options.Redis = FirstSet(section["Redis"], configuration["MILLWRIGHT_REDIS"]);
        return options;
    }

    private static string? FirstSet(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}
