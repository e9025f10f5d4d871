namespace Millwright.Server.Features.Webhooks;

/// <summary>Stored values and id prefixes of the webhook tables.</summary>
internal static class WebhookValues
{
    public const string Pending = "pending";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";

    public const string EndpointPrefix = "we";
    public const string EventPrefix = "evt";
    public const string DeliveryPrefix = "whd";
    public const string AttemptPrefix = "wha";

    /// <summary><see cref="WebhookEndpointRow.DisabledReason"/> when Millwright disabled the endpoint.</summary>
    public const string DisabledFailing = "failing";

    /// <summary>Longest response snippet kept per attempt.</summary>
    public const int SnippetLength = 500;

    public static readonly string[] Statuses = [Pending, Succeeded, Failed];
}
