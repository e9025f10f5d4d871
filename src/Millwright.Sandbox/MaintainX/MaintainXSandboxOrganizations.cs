using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Millwright.Sandbox.MaintainX;

/// <summary>Endpoint metadata: the endpoint accepts <c>x-organization-ids</c> (several organisations at once).</summary>
internal sealed class MxAcceptsOrganizationIds
{
    public static readonly MxAcceptsOrganizationIds Instance = new();
}

/// <summary>Endpoint metadata: the endpoint needs no organisation header (it lists the key's organisations).</summary>
internal sealed class MxNoOrganizationHeader
{
    public static readonly MxNoOrganizationHeader Instance = new();
}

/// <summary>
/// The vendor's multi-organisation rules ("Authentication" section of the spec): a key covering several
/// organisations must name one with <c>x-organization-id</c>, or several with <c>x-organization-ids</c>
/// on collection endpoints that support it; neither is a 400, both is a 400.
/// </summary>
internal static class MxOrganizations
{
    private const string Single = "x-organization-id";
    private const string Several = "x-organization-ids";

    public static IReadOnlyList<long> Resolve(HttpContext http, MxApiKey key)
    {
        var headers = http.Request.Headers;
        var metadata = http.GetEndpoint()?.Metadata;
        var hasSingle = headers.ContainsKey(Single);
        var hasSeveral = headers.ContainsKey(Several);
        if (hasSingle && hasSeveral)
        {
            throw MxApiError.BadRequest("You cannot use both x-organization-id and x-organization-ids headers at the same time");
        }

        if (metadata?.GetMetadata<MxNoOrganizationHeader>() is not null)
        {
            return key.OrganizationIds;
        }

        if (hasSeveral && metadata?.GetMetadata<MxAcceptsOrganizationIds>() is not null)
        {
            var ids = headers[Several].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(v => Parse(v, Several)).Distinct().ToList();
            if (ids.Count == 0)
            {
                throw MxApiError.BadRequest("x-organization-ids must be a comma-separated list of organization IDs");
            }

            return ids.All(key.OrganizationIds.Contains) ? ids : throw NotAccessible();
        }

        if (hasSingle)
        {
            var id = Parse(headers[Single].ToString(), Single);
            return key.OrganizationIds.Contains(id) ? [id] : throw NotAccessible();
        }

        return key.OrganizationIds.Count == 1
            ? key.OrganizationIds
            : throw MxApiError.BadRequest("Missing x-organization-id header.");
    }

    private static long Parse(string value, string header) =>
        long.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw MxApiError.BadRequest($"{header} must be an integer organization ID");

    private static MxApiError NotAccessible() =>
        MxApiError.BadRequest("This token does not give access to the requested organization");
}
