using Millwright.Client.Errors;
using Millwright.Client.Models;
using Millwright.Connectors.Core;
using Millwright.Connectors.Http;

namespace Millwright.Connectors.Vendors.Fiix;

/// <summary>The validated settings of one Fiix connection.</summary>
/// <param name="TenantUrl">The tenant's address, ending in '/': <c>https://acme.macmms.com/</c>.</param>
/// <param name="ApiUrl">The command endpoint, <c>{tenant}/api/</c>.</param>
internal sealed record FiixTenant(Uri TenantUrl, Uri ApiUrl, string AppKey, string AccessKey, string SecretKey);

/// <summary>The connection form of Fiix CMMS and the descriptor shown on the Connect page.</summary>
internal static class FiixSettings
{
    public const string SystemId = "fiix";
    public const string SystemName = "Fiix";
    public const string TenantUrl = "tenant_url";
    public const string AppKey = "app_key";
    public const string AccessKey = "access_key";
    public const string SecretKey = "secret_key";

    /// <summary>
    /// Fiix publishes no per-minute figure, only that it throttles (error 1100 with a wait) and that a
    /// tenant has a daily quota (SOURCE.md). Millwright paces each connection at 100 requests a minute.
    /// </summary>
    public const int RequestsPerMinute = 100;

    private const string Keys = "In Fiix, sign in as an administrator and open Settings › Connect Management › MA Connect API Application Settings, then \"New Api Application\": Fiix shows the Application Key, the Access Key and the Secret Key once.";

    public static IReadOnlyList<ConnectionField> Fields { get; } =
    [
        new(TenantUrl, "Tenant URL", ConnectionFieldKind.Setting, Required: true, Secret: false,
            "The address you open Fiix with, for example https://acme.macmms.com (sandbox tenants end in .fiixsandbox.com)."),
        new(AppKey, "Application key", ConnectionFieldKind.Credential, Required: true, Secret: false,
            $"Starts with macmmsackp. {Keys}"),
        new(AccessKey, "Access key", ConnectionFieldKind.Credential, Required: true, Secret: true,
            "Starts with macmmsaakp; shown with the application key."),
        new(SecretKey, "Secret key", ConnectionFieldKind.Credential, Required: true, Secret: true,
            "Starts with macmmsaskp; Fiix shows it only once, when the API application is created. It signs every request and is never sent."),
    ];

    private static readonly EntityCapabilities Full = EntityCapabilities.ReadOnlyFull;
    private static readonly EntityCapabilities Incremental = EntityCapabilities.ReadOnlyIncremental;

    /// <summary>
    /// Incremental where the class has a modification date: WorkOrder (<c>dtmDateLastModified</c>) and
    /// ScheduledMaintenance (<c>dtmUpdatedDate</c>). Everything else is read in full (README).
    /// </summary>
    public static SystemDescriptor Descriptor { get; } = new(
        SystemId,
        SystemName,
        "cmms",
        Fields,
        new Dictionary<Entity, EntityCapabilities>
        {
            [Entity.Sites] = Full,
            [Entity.Locations] = Full,
            [Entity.Users] = Full,
            [Entity.Vendors] = Full,
            [Entity.Assets] = Full,
            [Entity.Parts] = Full,
            [Entity.MeterReadings] = Full,
            [Entity.PmSchedules] = Incremental,
            [Entity.PurchaseOrders] = Full,
            [Entity.MaintenanceRequests] = Full,
            [Entity.WorkOrders] = Incremental,
        },
        RequestsPerMinute);

    /// <summary>The validated settings of one connection, or a Config failure in plain words.</summary>
    public static ConnectorResult<FiixTenant> Read(ConnectionContext connection)
    {
        var text = connection.Settings.GetValueOrDefault(TenantUrl)?.Trim() ?? "";
        if (text.Length > 0 && !text.Contains("://", StringComparison.Ordinal))
        {
            text = "https://" + text;
        }

        var test = connection.Environment == UpstreamRequest.TestEnvironment;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url)
            || !(url.Scheme == Uri.UriSchemeHttps || (test && url.Scheme == Uri.UriSchemeHttp))
            || !string.IsNullOrEmpty(url.UserInfo))
        {
            return Config(test
                ? "The tenant URL must be an absolute http(s) address like https://acme.macmms.com."
                : "The tenant URL must be an https address like https://acme.macmms.com.");
        }

        // People paste what the browser shows: drop the query, the fragment (Fiix's app routes live there)
        // and a trailing /api/, so the base is always the tenant root.
        var path = url.AbsolutePath.TrimEnd('/');
        if (path.EndsWith("/api", StringComparison.OrdinalIgnoreCase))
        {
            path = path[..^"/api".Length];
        }

        var tenant = new UriBuilder(url.Scheme, url.Host, url.Port, path + "/").Uri;
        var app = Value(connection, AppKey);
        var access = Value(connection, AccessKey);
        var secret = Value(connection, SecretKey);
        if (app is null || access is null || secret is null)
        {
            return Config("Fiix needs the application key, the access key and the secret key of an API application.");
        }

        return ConnectorResult<FiixTenant>.Ok(new FiixTenant(tenant, new Uri(tenant, "api/"), app, access, secret));
    }

    private static string? Value(ConnectionContext connection, string name) =>
        connection.Credentials.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static ConnectorFailure Config(string message) =>
        new(FailureCategory.Config, ErrorCodes.ValidationFailed, message);
}
