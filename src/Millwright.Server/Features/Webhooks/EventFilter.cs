using Millwright.Client.Webhooks;
using Millwright.Server.Hosting.Errors;

namespace Millwright.Server.Features.Webhooks;

/// <summary>
/// Which events an endpoint receives: exact types or <c>prefix.*</c> patterns (<c>work_order.*</c>), stored
/// space-separated; none means all. A connection-scoped endpoint receives that connection's events and
/// the account-wide ones (those without a connection). The test event goes only where it is sent.
/// </summary>
internal static class EventFilter
{
    public static string Normalize(IReadOnlyList<string?>? events)
    {
        if (events is null)
        {
            return "";
        }

        foreach (var e in events)
        {
            var known = e is not null && (WebhookEventTypes.All.Contains(e)
                || (e.EndsWith(".*", StringComparison.Ordinal) && WebhookEventTypes.All.Any(t => t.StartsWith(e[..^1], StringComparison.Ordinal))));
            if (!known)
            {
                throw ApiException.Validation("events", $"'{e}' is not an event type; use one of {string.Join(", ", WebhookEventTypes.All.Take(6))}… or a pattern such as work_order.*.");
            }
        }

        return string.Join(' ', events.Distinct(StringComparer.Ordinal));
    }

    public static IReadOnlyList<string> Parse(string stored) => stored.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public static bool Matches(string stored, string? endpointConnectionId, string type, string? eventConnectionId)
    {
        if (type == WebhookEventTypes.WebhookEndpointTest)
        {
            return false;
        }

        if (endpointConnectionId is not null && eventConnectionId is not null && endpointConnectionId != eventConnectionId)
        {
            return false;
        }

        if (stored.Length == 0)
        {
            return true;
        }

        foreach (var pattern in stored.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (pattern == type || (pattern.EndsWith(".*", StringComparison.Ordinal) && type.StartsWith(pattern[..^1], StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }
}
