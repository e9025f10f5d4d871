using Millwright.Client.Errors;
using Millwright.Client.Models;
using Millwright.Connectors.Core;
using Millwright.Connectors.Http;

namespace Millwright.Connectors.Vendors.Odoo;

/// <summary>Which external API a connection speaks: chosen from <c>common.version()</c> unless the connection pins one.</summary>
internal enum OdooProtocol
{
    /// <summary><c>POST /jsonrpc</c> with <c>object.execute_kw</c> (every release; deprecated in 19.0).</summary>
    JsonRpc,

    /// <summary><c>POST /json/2/&lt;model&gt;/&lt;method&gt;</c> with a bearer API key (19.0 and later).</summary>
    Json2,
}

/// <summary>The validated settings of one connection.</summary>
/// <param name="BaseUrl">The server's root, ending in '/'.</param>
/// <param name="Pinned">A protocol the connection insists on, or null for automatic.</param>
internal sealed record OdooTarget(Uri BaseUrl, string Database, string Login, string Secret, OdooProtocol? Pinned);

/// <summary>The connection form of Odoo and the descriptor shown on the Connect page.</summary>
internal static class OdooSettings
{
    public const string SystemId = "odoo";
    public const string SystemName = "Odoo";
    public const string BaseUrl = "base_url";
    public const string Database = "database";
    public const string Protocol = "protocol";
    public const string Login = "login";
    public const string ApiKey = "api_key";

    /// <summary>
    /// Community Odoo has no rate limit (SOURCE.md), and each call is a database transaction on the
    /// customer's server. Millwright paces itself at 600 calls a minute per connection.
    /// </summary>
    public const int RequestsPerMinute = 600;

    public static IReadOnlyList<ConnectionField> Fields { get; } =
    [
        new(BaseUrl, "Odoo URL", ConnectionFieldKind.Setting, Required: true, Secret: false,
            "The address you open Odoo with, for example https://mycompany.odoo.com or https://erp.example.com (without /odoo or /web at the end)."),
        new(Database, "Database", ConnectionFieldKind.Setting, Required: true, Secret: false,
            "The name of the Odoo database. On Odoo Online it is the first part of the address (mycompany for mycompany.odoo.com); on your own server, the name shown on the database selector (/web/database/selector)."),
        new(Login, "Login", ConnectionFieldKind.Credential, Required: true, Secret: false,
            "The login of the Odoo user Millwright reads as, usually an e-mail address. The user needs access to Maintenance (and to Inventory and Purchase for parts and purchase orders)."),
        new(ApiKey, "API key or password", ConnectionFieldKind.Credential, Required: true, Secret: true,
            "Recommended: an API key from the user's Preferences › Account Security › New API Key. The password also works up to Odoo 18; Odoo 19's JSON-2 API accepts only API keys."),
        new(Protocol, "API", ConnectionFieldKind.Setting, Required: false, Secret: false,
            "Leave empty to choose automatically: JSON-2 on Odoo 19 and later, JSON-RPC before. 'json-rpc' or 'json-2' pins one.", ""),
    ];

    /// <summary>
    /// Incremental on <c>write_date</c> wherever the record's own write date moves with what is mapped.
    /// Parts are read in full (stock changes in quants, not on the product), and PM schedules too (an
    /// occurrence that is done stops being a schedule, which only a full read notices).
    /// </summary>
    public static SystemDescriptor Descriptor { get; } = new(
        SystemId,
        SystemName,
        "erp",
        Fields,
        new Dictionary<Entity, EntityCapabilities>
        {
            [Entity.Locations] = EntityCapabilities.ReadOnlyIncremental,
            [Entity.Users] = EntityCapabilities.ReadOnlyIncremental,
            [Entity.Teams] = EntityCapabilities.ReadOnlyIncremental,
            [Entity.Vendors] = EntityCapabilities.ReadOnlyIncremental,
            [Entity.Assets] = EntityCapabilities.ReadOnlyIncremental,
            [Entity.Parts] = EntityCapabilities.ReadOnlyFull,
            [Entity.PmSchedules] = EntityCapabilities.ReadOnlyFull,
            [Entity.PurchaseOrders] = EntityCapabilities.ReadOnlyIncremental,
            [Entity.MaintenanceRequests] = EntityCapabilities.ReadOnlyIncremental,
            [Entity.WorkOrders] = EntityCapabilities.ReadOnlyIncremental,
        },
        RequestsPerMinute);

    /// <summary>The validated settings of one connection, or a Config failure in plain words.</summary>
    public static ConnectorResult<OdooTarget> Read(ConnectionContext connection)
    {
        var text = connection.Settings.GetValueOrDefault(BaseUrl)?.Trim() ?? "";
        var test = connection.Environment == UpstreamRequest.TestEnvironment;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url)
            || !(url.Scheme == Uri.UriSchemeHttps || (test && url.Scheme == Uri.UriSchemeHttp))
            || !string.IsNullOrEmpty(url.UserInfo))
        {
            return Config(test
                ? "The Odoo URL must be an absolute http(s) address without credentials, like https://mycompany.odoo.com."
                : "The Odoo URL must be an absolute https address without credentials, like https://mycompany.odoo.com.");
        }

        // People paste what their browser shows (…/odoo/maintenance, …/web#action=…, …/web/login, …/jsonrpc):
        // keep the server root. A bare trailing /odoo stays, since servers are also mounted under such a path.
        var path = url.AbsolutePath.TrimEnd('/');
        foreach (var tail in new[] { "/jsonrpc", "/json/2", "/xmlrpc/2", "/web/login", "/web" })
        {
            if (path.EndsWith(tail, StringComparison.OrdinalIgnoreCase))
            {
                path = path[..^tail.Length];
            }
        }

        var client = path.LastIndexOf("/odoo/", StringComparison.OrdinalIgnoreCase);
        if (client >= 0)
        {
            path = path[..client];
        }

        var database = connection.Settings.GetValueOrDefault(Database)?.Trim() ?? "";
        if (database.Length == 0)
        {
            return Config("Odoo needs the database name (on Odoo Online: the first part of the address, mycompany for mycompany.odoo.com).");
        }

        var login = connection.Credentials.GetValueOrDefault(Login)?.Trim() ?? "";
        var secret = connection.Credentials.GetValueOrDefault(ApiKey) ?? "";
        if (login.Length == 0 || secret.Length == 0)
        {
            return Config("Odoo needs the login of a user and that user's API key (or password).");
        }

        OdooProtocol? pinned;
        switch (connection.Settings.GetValueOrDefault(Protocol)?.Trim().ToLowerInvariant() ?? "")
        {
            case "" or "auto":
                pinned = null;
                break;
            case "json-rpc" or "jsonrpc":
                pinned = OdooProtocol.JsonRpc;
                break;
            case "json-2" or "json2":
                pinned = OdooProtocol.Json2;
                break;
            default:
                return Config("The API setting must be empty (automatic), 'json-rpc' or 'json-2'.");
        }

        return ConnectorResult<OdooTarget>.Ok(new OdooTarget(new UriBuilder(url) { Path = path + "/", Query = "", Fragment = "" }.Uri, database, login, secret, pinned));
    }

    private static ConnectorFailure Config(string message) => new(FailureCategory.Config, ErrorCodes.ValidationFailed, message);
}
