using System.ComponentModel;
using System.Text.Json.Nodes;
using Millwright.Client.Errors;
using Millwright.Connectors.Core;
using Millwright.Server.Hosting.Errors;

namespace Millwright.Server.Features.Connections;

// Request bodies as bound from JSON. settings/credentials/metadata are bound as raw JSON so that a
// value of the wrong type becomes a 422 naming the field rather than a generic 400 for the whole body.
// The wire shapes clients send are in Millwright.Client.Connections.

[Description("A connection to create: the system, its settings and credentials as listed by GET /v1/systems.")]
internal sealed record CreateConnectionBody(
    [property: Description("System id, e.g. maintainx.")] string? System,
    [property: Description("Values of the system's setting fields (strings), by field name.")] JsonObject? Settings,
    [property: Description("Values of the system's credential fields (strings), by field name. Stored encrypted, never returned.")] JsonObject? Credentials,
    [property: Description("The account's own key-value data about this customer: up to 50 string values.")] JsonObject? Metadata,
    [property: Description("Minutes between scheduled syncs, 5 to 10080; 15 when omitted.")] int? SyncIntervalMinutes)
{
    public ValidatedConnection Validate(ConnectorRegistry registry)
    {
        if (string.IsNullOrWhiteSpace(System))
        {
            throw ApiException.Validation("system", "system is required: one of the ids listed by GET /v1/systems.");
        }

        var connector = registry.Find(System) ?? throw new ApiException(StatusCodes.Status400BadRequest, ErrorCodes.UnknownSystem,
            $"'{System}' is not a supported system; GET /v1/systems lists them.", details: [new ErrorDetail("system", "Unknown system.")]);

        var errors = new List<ErrorDetail>();
        var settings = ConnectionInput.ReadStrings(Settings, "settings", errors);
        var credentials = ConnectionInput.ReadStrings(Credentials, "credentials", errors);
        var metadata = ConnectionInput.ReadStrings(Metadata, "metadata", errors);
        var fields = ConnectionInput.CheckFields(connector.Descriptor, settings, credentials, errors);
        var checkedMetadata = ConnectionInput.CheckMetadata(metadata, errors);
        var interval = ConnectionInput.CheckSyncInterval(SyncIntervalMinutes, errors);
        ConnectionInput.ThrowIfAny(errors);
        return new ValidatedConnection(connector, fields, checkedMetadata, interval);
    }
}

[Description("Changes to a connection; omitted or null members stay as they are.")]
internal sealed record UpdateConnectionBody(
    [property: Description("Merged into the metadata (JSON merge patch): a key set to null is removed.")] JsonObject? Metadata,
    [property: Description("New minutes between scheduled syncs, 5 to 10080; the schedule changes at once.")] int? SyncIntervalMinutes,
    [property: Description("Inbound requests per minute on this connection, 1 to 1000000; 0 returns to the account's default per connection.")] int? RateLimitPerMinute = null);

[Description("New credentials for a connection, checked against the system before they are stored.")]
internal sealed record UpdateCredentialsBody(
    [property: Description("Values of the system's credential fields (strings), by field name: all required ones. Stored encrypted, never returned.")] JsonObject? Credentials,
    [property: Description("Setting values to change as well (e.g. base_url); omitted ones keep their stored value.")] JsonObject? Settings);

[Description("A connection token to issue; every member is optional.")]
internal sealed record CreateConnectionTokenBody(
    [property: Description("A label to recognise the token by (at most 100 characters).")] string? Name,
    [property: Description("read and/or write; both when omitted.")] IReadOnlyList<string?>? Scopes,
    [property: Description("When the token stops working; never when omitted. Must be in the future.")] DateTimeOffset? ExpiresAt);
