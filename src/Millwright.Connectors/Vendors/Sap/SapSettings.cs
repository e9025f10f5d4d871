using Millwright.Client.Errors;
using Millwright.Client.Models;
using Millwright.Connectors.Core;
using Millwright.Connectors.Http;

namespace Millwright.Connectors.Vendors.Sap;

/// <summary>The connection form of SAP S/4HANA and the descriptor shown on the Connect page.</summary>
internal static class SapSettings
{
    public const string SystemId = "sap-s4hana";
    public const string SystemName = "SAP S/4HANA";
    public const string BaseUrl = "base_url";
    public const string Client = "sap_client";
    public const string Username = "username";
    public const string Password = "password";

    /// <summary>On-premise SAP documents no request limit; this is Millwright's own courtesy budget per connection.</summary>
    public const int RequestsPerMinute = 300;

    public static IReadOnlyList<ConnectionField> Fields { get; } =
    [
        new(BaseUrl, "System URL", ConnectionFieldKind.Setting, Required: true, Secret: false,
            "The https address of your S/4HANA system's web dispatcher or Gateway, without a path, e.g. https://s4.example.com:44300. Millwright calls the OData services under /sap/opu/odata/sap/ there."),
        new(Client, "SAP client", ConnectionFieldKind.Setting, Required: false, Secret: false,
            "The three-digit client (Mandant) to log on to, e.g. 100. Leave empty to use the system's default client."),
        new(Username, "Communication user", ConnectionFieldKind.Credential, Required: true, Secret: false,
            "A communication or technical user with authorisation for API_MAINTENANCEORDER, API_EQUIPMENT, API_FUNCTIONALLOCATION, API_MAINTNOTIFICATION, API_PURCHASEORDER_PROCESS_SRV, API_PRODUCT_SRV, API_MATERIAL_STOCK_SRV, API_MAINTENANCEPLAN, API_WORK_CENTERS, API_BUSINESS_PARTNER and the OData V4 services API_MEASURINGPOINT and API_MEASUREMENTDOCUMENT (your SAP Basis team creates it, e.g. with transaction SU01)."),
        new(Password, "Password", ConnectionFieldKind.Credential, Required: true, Secret: true,
            "The user's password. It is sent with HTTP Basic authentication over https only."),
    ];

    /// <summary>
    /// Incremental where the entity set has a change stamp (<c>LastChangeDateTime</c>, <c>WorkCenterLastChangeDateTime</c>, a measurement
    /// document's creation time, a business partner's <c>LastChangeDate</c> + <c>LastChangeTime</c>); sites are derived, parts (stock has no
    /// stamp) and meters (only Edm.Date stamps; the last reading is another service's) are read in full each sync. No published service offers
    /// people, so users are not offered (README.md).
    /// </summary>
    public static SystemDescriptor Descriptor { get; } = new(
        SystemId,
        SystemName,
        "erp",
        Fields,
        new Dictionary<Entity, EntityCapabilities>
        {
            [Entity.Sites] = EntityCapabilities.ReadOnlyFull,
            [Entity.Locations] = EntityCapabilities.ReadOnlyIncremental,
            [Entity.Vendors] = EntityCapabilities.ReadOnlyIncremental,
            [Entity.Parts] = EntityCapabilities.ReadOnlyFull,
            [Entity.PmSchedules] = EntityCapabilities.ReadOnlyIncremental,
            [Entity.Meters] = EntityCapabilities.ReadOnlyFull,
            [Entity.MeterReadings] = new(true, true, Create: true) { RequiredOnCreate = ["meter_id", "value"] },
            [Entity.Teams] = EntityCapabilities.ReadOnlyIncremental,
            [Entity.Assets] = Writable(Entity.Assets),
            [Entity.PurchaseOrders] = EntityCapabilities.ReadOnlyIncremental,
            [Entity.MaintenanceRequests] = Writable(Entity.MaintenanceRequests, "title"),
            [Entity.WorkOrders] = Writable(Entity.WorkOrders),
        },
        RequestsPerMinute);

    /// <summary>
    /// Created and changed through the published APIs (the sets are creatable and updatable, never deletable); statuses through
    /// function imports (<see cref="SapWriteTarget"/>). Required: what the metadata declares non-nullable (a notification's
    /// <c>NotificationText</c>); the types SAP needs beyond the unified model have defaults (README.md, "Writing").
    /// </summary>
    private static EntityCapabilities Writable(Entity entity, params string[] required) => new(true, true, Create: true, Update: true)
    {
        RequiredOnCreate = required,
        StatusTransitions = SapWriteTarget.StatusTransitions[entity],
    };

    /// <summary>The validated settings of one connection, or a Config failure in plain words.</summary>
    public static ConnectorResult<(Uri BaseUrl, string? Client, string User, string Password)> Read(ConnectionContext connection)
    {
        var text = connection.Settings.GetValueOrDefault(BaseUrl)?.Trim() ?? "";
        var test = connection.Environment == UpstreamRequest.TestEnvironment;
        if (!Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var baseUrl)
            || !(baseUrl.Scheme == Uri.UriSchemeHttps || (test && baseUrl.Scheme == Uri.UriSchemeHttp))
            || !string.IsNullOrEmpty(baseUrl.UserInfo) || !string.IsNullOrEmpty(baseUrl.Query) || !string.IsNullOrEmpty(baseUrl.Fragment))
        {
            return Config($"The system URL must be an absolute {(test ? "http(s)" : "https")} address without credentials or query, like https://s4.example.com:44300.");
        }

        if (baseUrl.AbsolutePath.Contains("/sap/opu/odata", StringComparison.OrdinalIgnoreCase))
        {
            return Config("Enter the system URL without the service path: Millwright adds /sap/opu/odata/sap/<service> itself.");
        }

        var client = connection.Settings.GetValueOrDefault(Client)?.Trim();
        if (!string.IsNullOrEmpty(client) && (client.Length != 3 || !client.All(char.IsAsciiDigit)))
        {
            return Config("The SAP client must be three digits, like 100.");
        }

        if (!connection.Credentials.TryGetValue(Username, out var user) || string.IsNullOrWhiteSpace(user)
            || !connection.Credentials.TryGetValue(Password, out var password) || string.IsNullOrEmpty(password))
        {
            return Config("The SAP user and password are both needed.");
        }

        return ConnectorResult<(Uri, string?, string, string)>.Ok((baseUrl, string.IsNullOrEmpty(client) ? null : client, user.Trim(), password));
    }


    private static ConnectorFailure Config(string message) => new(FailureCategory.Config, ErrorCodes.ValidationFailed, message);
}
