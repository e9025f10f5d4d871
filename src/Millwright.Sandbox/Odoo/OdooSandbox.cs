using Millwright.Sandbox.Common;

namespace Millwright.Sandbox.Odoo;

/// <summary>
/// One running Odoo server emulator with one database: settings, the seeded data, the optional rate
/// limit and the fault knobs. Created by <see cref="OdooSandboxModule"/>.
/// </summary>
public sealed class OdooSandbox : ISandbox
{
    private readonly Lazy<OdooDatabase> data;

    internal OdooSandbox(OdooSandboxSettings settings, TimeProvider time)
    {
        settings.Validate();
        Settings = settings;
        Time = time;
        RateLimiter = settings.RequestsPerMinute > 0 ? new SandboxRateLimiter(settings.RequestsPerMinute, TimeSpan.FromSeconds(60), time) : null;
        data = new Lazy<OdooDatabase>(() => OdooSandboxSeed.Build(settings, time.GetUtcNow()));
    }

    public OdooSandboxSettings Settings { get; }

    /// <summary>Error rate, latency, forced statuses, malformed bodies and revoked keys or passwords of this instance.</summary>
    public SandboxFaults Faults { get; } = new();

    internal SandboxRateLimiter? RateLimiter { get; }

    internal TimeProvider Time { get; }

    /// <summary>The database, seeded on first use.</summary>
    internal OdooDatabase Database => data.Value;

    /// <summary>Runs <paramref name="call"/> as one transaction of user <paramref name="uid"/> (tests change data through this).</summary>
    internal T Transaction<T>(int uid, System.Text.Json.Nodes.JsonObject? context, Func<OdooEnv, T> call)
    {
        var database = Database;
        lock (database.Gate)
        {
            return call(new OdooEnv(database, uid, context ?? [], Time.GetUtcNow()));
        }
    }

    /// <summary>
    /// The user a login and a password or API key sign in as (<c>common.authenticate</c>), or null: wrong
    /// login, wrong secret, an archived user, or a secret revoked through the fault knobs.
    /// </summary>
    internal int? Authenticate(string login, string secret)
    {
        var database = Database;
        lock (database.Gate)
        {
            var user = database.Table("res.users")!.Rows.Values.FirstOrDefault(u => u.Get("active") is true && string.Equals(u.Get("login") as string, login, StringComparison.Ordinal));
            return user is not null && Accepts(database, user.Id, secret, passwords: true) ? user.Id : null;
        }
    }

    /// <summary>Whether <paramref name="secret"/> is the password or an API key of <paramref name="uid"/> (execute_kw).</summary>
    internal bool Accepts(int uid, string secret)
    {
        var database = Database;
        lock (database.Gate)
        {
            return database.Table("res.users")!.Find(uid) is { } user && user.Get("active") is true && Accepts(database, uid, secret, passwords: true);
        }
    }

    /// <summary>The user of a JSON-2 bearer key (API keys only; passwords are refused), or null.</summary>
    internal int? UserOfKey(string key)
    {
        var database = Database;
        lock (database.Gate)
        {
            return database.Credentials.FirstOrDefault(c => Accepts(database, c.Key, key, passwords: false)).Key is var uid and > 0
                && database.Table("res.users")!.Find(uid)?.Get("active") is true
                ? uid
                : null;
        }
    }

    internal OdooCredentials Rights(int uid) => Database.Credentials.GetValueOrDefault(uid) ?? new OdooCredentials(null, [], new HashSet<string>());

    private bool Accepts(OdooDatabase database, int uid, string secret, bool passwords) =>
        secret.Length > 0 && !Faults.IsRevoked(secret) && database.Credentials.TryGetValue(uid, out var credentials)
        && ((passwords && credentials.Password == secret) || credentials.ApiKeys.Contains(secret, StringComparer.Ordinal));

    /// <summary>Starts every credential's rate-limit window afresh.</summary>
    public void Reset() => RateLimiter?.Reset();
}
