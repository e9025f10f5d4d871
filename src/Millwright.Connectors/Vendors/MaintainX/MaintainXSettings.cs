using Microsoft.Extensions.DependencyInjection;
using Millwright.Client.Errors;
using Millwright.Client.Models;
using Millwright.Connectors.Core;
using Millwright.Connectors.Http;

namespace Millwright.Connectors.Vendors.MaintainX;

/// <summary>The connection form of MaintainX and the descriptor shown on the Connect page.</summary>
internal static class MaintainXSettings
{
    public const string SystemId = "maintainx";
    public const string SystemName = "MaintainX";
    public const string BaseUrl = "base_url";
    public const string OrganizationId = "organization_id";
    public const string ApiKey = "api_key";
    public const string DefaultBaseUrl = "https://api.getmaintainx.com/v1";

    /// <summary>Spec, tag "Rate Limiting": 100 requests / 60 s for a user on one organisation.</summary>
    public const int RequestsPerMinute = 100;

    public static IReadOnlyList<ConnectionField> Fields { get; } =
    [
        new(BaseUrl, "API base URL", ConnectionFieldKind.Setting, Required: false, Secret: false,
            "Leave the default unless MaintainX support gave you another address. It is the address of the REST API, not of the web app.",
            DefaultBaseUrl),
        new(OrganizationId, "Organization ID", ConnectionFieldKind.Setting, Required: false, Secret: false,
            "Only needed when your API key covers several MaintainX organizations: the numeric id of the one to connect (Settings › Organization in MaintainX, or ask your MaintainX admin)."),
        new(ApiKey, "API key", ConnectionFieldKind.Credential, Required: true, Secret: true,
            "In MaintainX, open Settings › Integrations › API Keys (https://app.getmaintainx.com/settings/integrations/apiKeys) and click \"+ New Key\". The key acts with your user's permissions."),
    ];

    private static readonly EntityCapabilities Full = EntityCapabilities.ReadOnlyFull;
    private static readonly EntityCapabilities Incremental = EntityCapabilities.ReadOnlyIncremental;

    /// <summary>
    /// Incremental only where the spec offers <c>updatedAt[gte]</c> (work orders, assets, parts, purchase
    /// orders). Meter readings are write-only: the API can create them but not list them.
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
            [Entity.Teams] = Full,
            [Entity.Vendors] = Full,
            [Entity.Assets] = Incremental with { Create = true, Update = true, Delete = true, RequiredOnCreate = ["name"] },
            [Entity.Parts] = Incremental,
            [Entity.Meters] = Full,
            [Entity.PmSchedules] = Full,
            [Entity.PurchaseOrders] = Incremental,
            // Spec, POST /workrequests: title is required; new requests start PENDING (approval happens in MaintainX).
            [Entity.MaintenanceRequests] = Full with { Create = true, Update = true, Delete = true, RequiredOnCreate = ["title"] },
            [Entity.WorkOrders] = Incremental with
            {
                Create = true,
                Update = true,
                Delete = true,
                RequiredOnCreate = ["title"],
                // Spec, PATCH /workorders/{id}/status: OPEN, IN_PROGRESS, ON_HOLD, DONE, CANCELED.
                StatusTransitions = ["open", "in_progress", "on_hold", "completed", "cancelled"],
            },
            // Write-only: POST /meters/{meterId}/readings exists, no endpoint lists readings.
            [Entity.MeterReadings] = new(Read: false, Incremental: false, Create: true) { RequiredOnCreate = ["meter_id", "value"] },
        },
        RequestsPerMinute);

    /// <summary>The validated settings of one connection, or a Config failure in plain words.</summary>
    public static ConnectorResult<(Uri BaseUrl, string ApiKey, string? OrganizationId)> Read(ConnectionContext connection)
    {
        var text = connection.Settings.GetValueOrDefault(BaseUrl);
        text = string.IsNullOrWhiteSpace(text) ? DefaultBaseUrl : text.Trim();
        var test = connection.Environment == UpstreamRequest.TestEnvironment;
        if (!Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var baseUrl)
            || !(baseUrl.Scheme == Uri.UriSchemeHttps || (test && baseUrl.Scheme == Uri.UriSchemeHttp))
            || !string.IsNullOrEmpty(baseUrl.UserInfo) || !string.IsNullOrEmpty(baseUrl.Query) || !string.IsNullOrEmpty(baseUrl.Fragment))
        {
            return Config(test
                ? "The base URL must be an absolute http(s) address without credentials or query, like https://api.getmaintainx.com/v1."
                : "The base URL must be an absolute https address without credentials or query, like https://api.getmaintainx.com/v1.");
        }

        if (!connection.Credentials.TryGetValue(ApiKey, out var key) || string.IsNullOrWhiteSpace(key))
        {
            return Config("The MaintainX API key is missing.");
        }

        var organization = connection.Settings.GetValueOrDefault(OrganizationId)?.Trim();
        if (!string.IsNullOrEmpty(organization) && !organization.All(char.IsAsciiDigit))
        {
            return Config("The organization ID must be a number (MaintainX organization ids are numeric).");
        }

        return ConnectorResult<(Uri, string, string?)>.Ok((baseUrl, key.Trim(), string.IsNullOrEmpty(organization) ? null : organization));
    }

    /// <summary>Registers the connector and its typed client with the shared upstream pipeline.</summary>
    public static IServiceCollection AddMaintainX(this IServiceCollection services)
    {
        services.AddHttpClient<MaintainXApi>(MaintainXApi.ClientName).AddUpstreamPipeline();
        services.AddSingleton<IConnector, MaintainXConnector>();
        return services;
    }

    private static ConnectorFailure Config(string message) =>
        new(FailureCategory.Config, ErrorCodes.ValidationFailed, message);
}
