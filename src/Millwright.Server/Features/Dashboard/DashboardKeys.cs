using Microsoft.AspNetCore.Mvc;
using Millwright.Server.Features.Keys;
using Millwright.Server.Hosting.Html;
using static Millwright.Server.Features.Dashboard.DashboardLayout;
using static Millwright.Server.Hosting.Html.Html;

namespace Millwright.Server.Features.Dashboard;

/// <summary>Secret keys of the environment shown: list, create (shown once), revoke — through <see cref="ApiKeyManager"/>.</summary>
internal static class DashboardKeys
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/keys", ListAsync);
        group.MapPost("/keys", CreateAsync);
        group.MapPost("/keys/{id}/revoke", RevokeAsync);
        group.MapPost("/keys/{id}/rotate", RotateAsync);
    }

    private static async Task<IResult> ListAsync(HttpContext http, string? done, [FromServices] ApiKeyManager keys, CancellationToken cancellationToken)
    {
        var user = http.User();
        var csrf = http.Csrf();
        var list = await keys.ListAsync(user.Caller.AccountId, user.Environment, cancellationToken);
        var rows = Join(list.Select(k => H($"""
            <tr data-key-id="{k.Id}"><td>{k.Name ?? "—"}</td><td><code>{k.Hint}</code></td><td>{Badge(k.Environment)}</td><td>{When(k.CreatedAt)}</td><td>{When(k.ExpiresAt)}</td>
            <td>{RotateButton(csrf, $"/dashboard/keys/{k.Id}/rotate")} {(k.Id == user.Caller.CredentialId ? H($"<span class=\"muted\">signed in with this key</span>") : ActionButton(csrf, $"/dashboard/keys/{k.Id}/revoke", "Revoke", "danger"))}</td></tr>
            """)));
        var main = H($"""
            <div class="panel">
              <h1>{Label(user.Environment)} secret keys {Badge(user.Environment)}</h1>
              <p>Keys of the <strong>{user.Environment}</strong> environment only. {(user.Environment == "live" ? "Live keys reach your customers' production systems." : "Switch to Live at the top to manage live keys.")}</p>
              <table id="keys"><thead><tr><th scope="col">Name</th><th scope="col">Key</th><th scope="col">Environment</th><th scope="col">Created</th><th scope="col">Expires</th><th scope="col"><span class="hide-small">Action</span></th></tr></thead>
              <tbody>{rows}</tbody></table>
            </div>
            <div class="panel">
              <h2>Create a {user.Environment} key</h2>
              <form method="post" action="/dashboard/keys" class="row">
                {Token(csrf)}
                <div class="field"><label for="key-name">Name</label><input id="key-name" name="name" type="text" maxlength="100" placeholder="e.g. backend {user.Environment}"></div>
                <button type="submit" id="create-key">Create key</button>
              </form>
            </div>
            """);
        return Page(http, "Keys", main, done == "revoked" ? "Key revoked: it stops working at once." : null);
    }

    private static async Task<IResult> CreateAsync(HttpContext http, [FromServices] ApiKeyManager keys, CancellationToken cancellationToken)
    {
        var user = http.User();
        var form = await http.Request.ReadFormAsync(cancellationToken);
        var key = await keys.CreateAsync(user.Caller.AccountId, user.Environment, form["name"], cancellationToken);
        return DashboardConnectionViews.ShowOnce(http, $"{Label(key.Environment)} key created", $"A secret key of the {key.Environment} environment.",
            key.Key, "/dashboard/keys", "Back to keys");
    }

    private static async Task<IResult> RotateAsync(
        string id, HttpContext http, [FromServices] ApiKeyManager keys, [FromServices] DashboardSessions sessions, CancellationToken cancellationToken)
    {
        var user = http.User();
        var form = await http.Request.ReadFormAsync(cancellationToken);
        var rotated = await keys.RotateAsync(user.Caller.AccountId, user.Environment, id, GraceOf(form), cancellationToken);
        await sessions.FollowRotationAsync(user, id, rotated.Successor.Id, cancellationToken);
        return DashboardConnectionViews.ShowOnce(http, $"{Label(user.Environment)} key rotated",
            $"The successor of key {id}. The old key works until {When(rotated.Previous.ExpiresAt)}: deploy this one before then.",
            rotated.Successor.Key, "/dashboard/keys", "Back to keys");
    }

    private static async Task<IResult> RevokeAsync(string id, HttpContext http, [FromServices] ApiKeyManager keys, CancellationToken cancellationToken)
    {
        var user = http.User();
        await keys.RevokeAsync(user.Caller.AccountId, user.Environment, id, user.Caller.CredentialId, cancellationToken);
        return HtmlPage.SeeOther("/dashboard/keys?done=revoked");
    }
}
