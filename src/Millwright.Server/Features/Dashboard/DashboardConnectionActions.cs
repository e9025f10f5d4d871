using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Millwright.Server.Features.Auth;
using Millwright.Server.Features.Connect;
using Millwright.Server.Features.Connections;
using Millwright.Server.Features.Sync;
using Millwright.Server.Hosting.Errors;
using Millwright.Server.Hosting.Html;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Dashboard;

/// <summary>
/// The buttons of a connection's page. Each goes through the same services as the API
/// (<see cref="SyncRunService"/>, <see cref="ConnectionTokenService"/>, <see cref="ConnectionUpdater"/>,
/// <see cref="ConnectionDeleter"/>, <see cref="LinkSessionCreator"/>) acting as the key that unlocked the
/// environment shown, so the dashboard can do nothing the key could not.
/// </summary>
internal static class DashboardConnectionActions
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/connections/{id}/sync", SyncAsync);
        group.MapPost("/connections/{id}/tokens", IssueTokenAsync);
        group.MapPost("/connections/{id}/tokens/{tokenId}/revoke", RevokeTokenAsync);
        group.MapPost("/connections/{id}/metadata", SaveMetadataAsync);
        group.MapPost("/connections/{id}/delete", DeleteAsync);
        group.MapPost("/connections/{id}/reauth-link", ReauthLinkAsync);
    }

    private static async Task<IResult> SyncAsync(string id, HttpContext http, [FromServices] SyncRunService runs, CancellationToken cancellationToken)
    {
        await runs.StartAsync(http.User().Caller, id, null, cancellationToken);
        return HtmlPage.SeeOther($"/dashboard/connections/{Uri.EscapeDataString(id)}?done=sync");
    }

    private static async Task<IResult> IssueTokenAsync(string id, HttpContext http, [FromServices] ConnectionTokenService tokens, CancellationToken cancellationToken)
    {
        var form = await http.Request.ReadFormAsync(cancellationToken);
        var name = form["name"].ToString().Trim();
        // Unticked boxes send nothing: no scope ticked is an empty list, which the service refuses.
        var body = new CreateConnectionTokenBody(name.Length == 0 ? null : name, [.. form["scopes"]], null);
        var token = await tokens.IssueAsync(http.User().Caller, id, body, cancellationToken);
        return DashboardConnectionViews.ShowOnce(http, "Token issued", $"A {string.Join(" + ", token.Scopes)} token for connection {id}.",
            token.Token, $"/dashboard/connections/{id}", "Back to the connection");
    }

    private static async Task<IResult> RevokeTokenAsync(string id, string tokenId, HttpContext http, [FromServices] ConnectionTokenService tokens, CancellationToken cancellationToken)
    {
        await tokens.RevokeAsync(http.User().Caller, id, tokenId, cancellationToken);
        return HtmlPage.SeeOther($"/dashboard/connections/{Uri.EscapeDataString(id)}?done=revoked");
    }

    private static async Task<IResult> SaveMetadataAsync(string id, HttpContext http, [FromServices] MillwrightDb db, [FromServices] ConnectionUpdater updater, CancellationToken cancellationToken)
    {
        var connection = await FindAsync(db, http, id, cancellationToken);
        var form = await http.Request.ReadFormAsync(cancellationToken);
        var patch = new JsonObject();
        foreach (var key in StoredMaps.ReadMap(connection.MetadataJson).Keys)
        {
            patch[key] = null;
        }

        foreach (var line in form["metadata"].ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw ApiException.Validation("metadata", $"Each line must read key=value; '{(line.Length > 40 ? line[..40] + "…" : line)}' does not.");
            }

            patch[line[..equals].Trim()] = line[(equals + 1)..].Trim();
        }

        await updater.UpdateAsync(http.User().Caller, connection.Id, new UpdateConnectionBody(patch, null), cancellationToken);
        return HtmlPage.SeeOther($"/dashboard/connections/{connection.Id}?done=metadata");
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext http, [FromServices] MillwrightDb db, [FromServices] ConnectionDeleter deleter, CancellationToken cancellationToken)
    {
        var connection = await FindAsync(db, http, id, cancellationToken);
        var form = await http.Request.ReadFormAsync(cancellationToken);
        if (form["confirm"].ToString().Trim() != connection.Id)
        {
            throw ApiException.Validation("confirm", "Type the connection id exactly to confirm the deletion. Nothing was deleted.");
        }

        await deleter.DeleteAsync(http.User().Caller, connection.Id, cancellationToken);
        return HtmlPage.SeeOther("/dashboard?deleted=1");
    }

    private static async Task<IResult> ReauthLinkAsync(string id, HttpContext http, [FromServices] MillwrightDb db, [FromServices] LinkSessionCreator creator, CancellationToken cancellationToken)
    {
        var connection = await FindAsync(db, http, id, cancellationToken);
        var metadata = StoredMaps.ReadMap(connection.MetadataJson);
        var body = new CreateLinkSessionBody(new EndUserBody(metadata.GetValueOrDefault("customer_id") ?? connection.Id, connection.DisplayName, null),
            null, null, null, connection.Id, LinkSessionCreator.MaxMagicLinkHours);
        var link = await creator.CreateAsync(http.User().Caller, body, magic: true, LinkSessionCreator.PublicBase(http.Request), cancellationToken);
        return DashboardConnectionViews.ShowOnce(http, "Re-authentication link", $"Send this link to the customer: it lets them enter new credentials for this connection until {DashboardLayout.When(link.ExpiresAt)}. Id, tokens and data stay.",
            link.Url, $"/dashboard/connections/{connection.Id}", "Back to the connection");
    }

    private static async Task<ConnectionRow> FindAsync(MillwrightDb db, HttpContext http, string id, CancellationToken cancellationToken) =>
        await db.ConnectionsVisibleTo(http.User().Caller).AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw ApiException.NotFound($"Connection '{id}'");
}
