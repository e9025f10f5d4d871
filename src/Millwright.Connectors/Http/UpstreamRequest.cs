using Millwright.Connectors.Core;

namespace Millwright.Connectors.Http;

/// <summary>
/// What the shared handlers need to know about the connection a request is made for, carried in
/// <see cref="HttpRequestMessage.Options"/> so that one pooled client serves every connection.
/// </summary>
internal static class UpstreamRequest
{
    public static readonly HttpRequestOptionsKey<string> ConnectionId = new("millwright.connection_id");

    /// <summary><c>test</c> lets the request reach loopback (the sandbox); anything else is treated as live.</summary>
    public static readonly HttpRequestOptionsKey<string> Environment = new("millwright.environment");

    /// <summary>The account that owns the connection: which sandbox tenant a <c>test</c> request may reach.</summary>
    public static readonly HttpRequestOptionsKey<string> AccountId = new("millwright.account_id");

    /// <summary>The vendor's documented request budget per minute for this connection.</summary>
    public static readonly HttpRequestOptionsKey<int> RequestsPerMinute = new("millwright.requests_per_minute");

    /// <summary>The vendor's <c>X-Rate-Limit-Limit</c> header states the per-minute cap of this connection and replaces the default budget.</summary>
    public static readonly HttpRequestOptionsKey<bool> VendorStatesPerMinuteLimit = new("millwright.vendor_states_limit");

    /// <summary>
    /// A request that only reads although its method is not (Odoo's JSON-RPC and JSON-2 read with POST):
    /// the retry policy may repeat it like a GET.
    /// </summary>
    public static readonly HttpRequestOptionsKey<bool> ReadOnly = new("millwright.read_only");

    public const string TestEnvironment = "test";

    /// <summary>Tags <paramref name="request"/> with its connection, environment and upstream budget.</summary>
    /// <param name="vendorStatesPerMinuteLimit">See <see cref="VendorStatesPerMinuteLimit"/>.</param>
    public static HttpRequestMessage ForConnection(this HttpRequestMessage request, ConnectionContext connection, int requestsPerMinute,
        bool vendorStatesPerMinuteLimit = false)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(connection);
        request.Options.Set(ConnectionId, connection.ConnectionId);
        request.Options.Set(Environment, connection.Environment);
        if (connection.AccountId is { } account)
        {
            request.Options.Set(AccountId, account);
        }
        request.Options.Set(RequestsPerMinute, requestsPerMinute);
        request.Options.Set(VendorStatesPerMinuteLimit, vendorStatesPerMinuteLimit);
        return request;
    }

    /// <summary>Marks <paramref name="request"/> as a read (<see cref="ReadOnly"/>), so that it is retried like one.</summary>
    public static HttpRequestMessage AsRead(this HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Options.Set(ReadOnly, true);
        return request;
    }

    internal static string? AccountOf(HttpRequestMessage request) =>
        request.Options.TryGetValue(AccountId, out var account) ? account : null;

    internal static bool IsTest(HttpRequestMessage request) =>
        request.Options.TryGetValue(Environment, out var environment)
        && string.Equals(environment, TestEnvironment, StringComparison.Ordinal);
}
