using Millwright.Client.Errors;
using Millwright.Client.Models;
using Millwright.Connectors.Core;
using Millwright.Connectors.Http;

namespace Millwright.Connectors.Vendors.Maximo;

/// <summary>How a connection signs in: an API key (MAS, 7.6.0.2+) or a user and password (legacy <c>maxauth</c>).</summary>
internal sealed record MaximoAuth(string? ApiKey, string? User, string? Password)
{
    public bool UsesApiKey => ApiKey is not null;

    /// <summary>MAS serves API-key calls under <c>/api</c>; <c>maxauth</c> works on the classic <c>/oslc</c> route.</summary>
    public string Route => UsesApiKey ? "api" : "oslc";
}

/// <summary>The connection form of IBM Maximo / MAS Manage and the descriptor shown on the Connect page.</summary>
internal static class MaximoSettings
{
    public const string SystemId = "ibm-maximo";
    public const string SystemName = "IBM Maximo";
    public const string BaseUrl = "base_url";
    public const string ApiKey = "api_key";
    public const string Username = "username";
    public const string Password = "password";

    /// <summary>
    /// Maximo has no built-in rate limit (NOTES.md §5). Millwright still paces itself so that a sync never
    /// floods a customer's application server: 600 requests a minute per connection.
    /// </summary>
    public const int RequestsPerMinute = 600;

    public static IReadOnlyList<ConnectionField> Fields { get; } =
    [
        new(BaseUrl, "Maximo URL", ConnectionFieldKind.Setting, Required: true, Secret: false,
            "The address of your Maximo (MAS Manage) application ending in /maximo, for example https://manage.example.com/maximo. It is the address you open Maximo with, without the /ui or /webclient part."),
        new(ApiKey, "API key", ConnectionFieldKind.Credential, Required: false, Secret: true,
            "Recommended. In MAS Manage open Administration › Integration › API Keys (or the API Keys application in Maximo 7.6.0.2+), add a key for an integration user that may read the object structures MXAPIWODETAIL, MXAPIASSET, MXAPILOCATIONS, MXAPIITEM, MXAPIINVENTORY, MXAPIPO, MXAPIVENDOR, MXAPIPERSON, MXAPISR, MXAPIORGANIZATION, MXAPIPM and MXAPIPERSONGROUP (and may update MXAPIASSET, which meter readings are written through)."),
        new(Username, "User name", ConnectionFieldKind.Credential, Required: false, Secret: false,
            "Only without an API key: a Maximo user with native authentication (sent as the maxauth header). Not available when MAS signs users in through an identity provider."),
        new(Password, "Password", ConnectionFieldKind.Credential, Required: false, Secret: true,
            "The password of that user."),
    ];

    private static readonly EntityCapabilities Full = EntityCapabilities.ReadOnlyFull;
    private static readonly EntityCapabilities Incremental = EntityCapabilities.ReadOnlyIncremental;

    /// <summary>
    /// Incremental where the main object has <c>changedate</c>. Persons have none, organisations (sites) and person groups
    /// neither; parts are read in full because stock balances change without touching the item's changedate. Meters and
    /// readings are rows of assets: they are read incrementally on the rows' own dates (ASSETMETER <c>changedate</c>,
    /// METERREADING <c>enterdate</c>, MEASUREMENT <c>measuredate</c>) with child filters, and the sync's periodic full read
    /// reconciles them. A meter reading is created through the asset (README.md, "Writing").
    /// </summary>
    public static SystemDescriptor Descriptor { get; } = new(
        SystemId,
        SystemName,
        "eam",
        Fields,
        new Dictionary<Entity, EntityCapabilities>
        {
            [Entity.Sites] = Full,
            [Entity.Locations] = Incremental,
            [Entity.Users] = Full,
            [Entity.Teams] = Full,
            [Entity.Meters] = Incremental,
            [Entity.MeterReadings] = new(Read: true, Incremental: true, Create: true) { RequiredOnCreate = ["meter_id", "value"] },
            [Entity.PmSchedules] = Incremental,
            [Entity.Vendors] = Incremental,
            [Entity.Assets] = Writable(Entity.Assets, "code"),
            [Entity.Parts] = Full,
            [Entity.PurchaseOrders] = Incremental,
            [Entity.MaintenanceRequests] = Writable(Entity.MaintenanceRequests),
            [Entity.WorkOrders] = Writable(Entity.WorkOrders),
        },
        RequestsPerMinute);

    /// <summary>
    /// Created (<c>POST /os</c>) and changed (<c>x-method-override: PATCH</c>, statuses through <c>changeStatus</c>); never deleted,
    /// since Maximo keeps the history of such records (they are closed, cancelled or decommissioned). An asset needs its number
    /// (ASSETNUM has no autokey out of the box); work orders and service requests are numbered by Maximo.
    /// </summary>
    private static EntityCapabilities Writable(Entity entity, params string[] required) => new(true, true, Create: true, Update: true)
    {
        RequiredOnCreate = required,
        StatusTransitions = [.. MaximoWriteTarget.All[entity].Statuses.Keys],
    };

    /// <summary>The validated settings of one connection, or a Config failure in plain words.</summary>
    public static ConnectorResult<(Uri BaseUrl, MaximoAuth Auth)> Read(ConnectionContext connection)
    {
        var text = connection.Settings.GetValueOrDefault(BaseUrl)?.Trim() ?? "";
        var test = connection.Environment == UpstreamRequest.TestEnvironment;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url)
            || !(url.Scheme == Uri.UriSchemeHttps || (test && url.Scheme == Uri.UriSchemeHttp))
            || !string.IsNullOrEmpty(url.UserInfo) || !string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.Fragment))
        {
            return Config(test
                ? "The Maximo URL must be an absolute http(s) address without credentials or query, like https://manage.example.com/maximo."
                : "The Maximo URL must be an absolute https address without credentials or query, like https://manage.example.com/maximo.");
        }

        // People paste what their browser shows: cut the route so that the base always ends in /maximo/.
        var path = url.AbsolutePath.TrimEnd('/');
        foreach (var tail in new[] { "/oslc", "/api", "/ui", "/webclient/login/login.jsp", "/webclient" })
        {
            if (path.EndsWith(tail, StringComparison.OrdinalIgnoreCase))
            {
                path = path[..^tail.Length];
            }
        }

        var baseUrl = new UriBuilder(url) { Path = path + "/" }.Uri;
        var apiKey = Value(connection, ApiKey);
        var user = Value(connection, Username);
        var password = connection.Credentials.TryGetValue(Password, out var secret) && secret.Length > 0 ? secret : null;
        if (apiKey is null && (user is null || password is null))
        {
            return Config("Maximo needs an API key, or a user name and password.");
        }

        return ConnectorResult<(Uri, MaximoAuth)>.Ok((baseUrl, apiKey is not null ? new MaximoAuth(apiKey, null, null) : new MaximoAuth(null, user, password)));
    }

    private static string? Value(ConnectionContext connection, string name) =>
        connection.Credentials.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;


    private static ConnectorFailure Config(string message) =>
        new(FailureCategory.Config, ErrorCodes.ValidationFailed, message);
}
