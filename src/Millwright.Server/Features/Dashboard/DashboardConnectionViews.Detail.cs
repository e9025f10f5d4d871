using Millwright.Server.Features.Auth;
using Millwright.Server.Features.Connections;
using Millwright.Server.Hosting.Html;
using static Millwright.Server.Features.Dashboard.DashboardLayout;
using static Millwright.Server.Hosting.Html.Html;

namespace Millwright.Server.Features.Dashboard;

internal static partial class DashboardConnectionViews
{
    public static IResult Detail(HttpContext http, ConnectionDetail d, string? notice)
    {
        var csrf = http.Csrf();
        var row = d.Row;
        var basePath = $"/dashboard/connections/{row.Id}";
        var tokens = Join(d.Tokens.Select(t => H($"""
            <tr data-token-id="{t.Id}"><td>{t.Name ?? "—"}</td><td><code>{t.Hint}</code></td><td>{t.Scopes}</td><td>{When(t.CreatedAt)}</td><td>{When(t.ExpiresAt)}</td>
            <td>{ActionButton(csrf, $"{basePath}/tokens/{t.Id}/revoke", "Revoke", "danger")}</td></tr>
            """)));
        var metadata = string.Join("\n", StoredMaps.ReadMap(row.MetadataJson).Select(p => $"{p.Key}={p.Value}"));
        var running = d.RunsNewestFirst.Any(r => IsActive(r.Status));
        var main = H($"""
            <p><a href="/dashboard">← Connections</a></p>
            <div class="panel">
              <h1>{d.SystemName}{If(row.DisplayName is not null, H($" · {row.DisplayName}"))}</h1>
              {Facts(d)}
              <p class="row">
                {ActionButton(csrf, $"{basePath}/sync", running ? "Sync running…" : "Sync now", "")}
                {ActionButton(csrf, $"{basePath}/reauth-link", "Create re-authentication link")}
                <a href="{basePath}/mappings" class="button">Field mappings</a>
              </p>
            </div>
            <section class="panel" aria-labelledby="runs-title"><h2 id="runs-title">Sync runs</h2>{Runs(d)}</section>
            <section class="panel" aria-labelledby="tokens-title">
              <h2 id="tokens-title">Connection tokens</h2>
              <table id="tokens"><thead><tr><th scope="col">Name</th><th scope="col">Token</th><th scope="col">Scopes</th><th scope="col">Issued</th><th scope="col">Expires</th><th scope="col"><span class="hide-small">Action</span></th></tr></thead>
              <tbody>{tokens}</tbody></table>
              <h3>Issue a token</h3>
              <form method="post" action="{basePath}/tokens" class="row">
                {Token(csrf)}
                <div class="field"><label for="token-name">Name</label><input id="token-name" name="name" type="text" maxlength="100"></div>
                <fieldset class="field"><legend>Scopes</legend>
                  <label><input type="checkbox" name="scopes" value="{Scopes.Read}" checked> read</label>
                  <label><input type="checkbox" name="scopes" value="{Scopes.Write}" checked> write</label>
                </fieldset>
                <button type="submit" id="issue-token">Issue token</button>
              </form>
            </section>
            <section class="panel" aria-labelledby="metadata-title">
              <h2 id="metadata-title">Metadata</h2>
              <form method="post" action="{basePath}/metadata">
                {Token(csrf)}
                <div class="field"><label for="metadata">One key=value per line</label>
                <textarea id="metadata" name="metadata" aria-describedby="metadata-help">{metadata}</textarea>
                <p class="help" id="metadata-help">Your own ids for this customer. Removing a line removes the key.</p></div>
                <button type="submit">Save metadata</button>
              </form>
            </section>
            <section class="panel" aria-labelledby="delete-title">
              <h2 id="delete-title">Delete</h2>
              <p>Stops syncs, revokes every token at once and deletes this connection's records. It cannot be undone.</p>
              <form method="post" action="{basePath}/delete" class="row">
                {Token(csrf)}
                <div class="field"><label for="confirm">Type the connection id to confirm</label><input id="confirm" name="confirm" type="text" autocomplete="off"></div>
                <button type="submit" class="danger">Delete connection</button>
              </form>
            </section>
            """);
        return Page(http, d.SystemName, main, notice);
    }

    /// <summary>A secret shown once (token, key, Connect URL), with what it is for.</summary>
    public static IResult ShowOnce(HttpContext http, string title, string what, string secret, string backHref, string backLabel)
    {
        var main = H($"""
            <div class="panel">
              <h1>{title}</h1>
              <p>{what}</p>
              <p class="secret" id="secret" tabindex="0">{secret}</p>
              <p class="muted">Copy it now: Millwright keeps only a hash and cannot show it again.</p>
              <p><a class="button" href="{backHref}">{backLabel}</a></p>
            </div>
            """);
        return Page(http, title, main);
    }
}
