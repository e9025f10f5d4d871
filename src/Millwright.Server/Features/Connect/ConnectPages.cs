using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Millwright.Connectors.Core;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Connect;

/// <summary>
/// The hosted Connect page under <c>/connect/{secret}</c>: plain GET pages and one form POST, no cookies.
/// The secret in the path is the only credential, which is why the page also works inside a third-party
/// iframe (where browsers withhold cookies) and needs no CSRF token: a forged post cannot know it.
/// </summary>
internal static class ConnectPages
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/connect/{secret}").ExcludeFromDescription();
        group.MapGet("", Start);
        group.MapGet("/systems/{system}", ShowForm);
        group.MapPost("/systems/{system}", ConnectSubmission.SubmitAsync);
        group.MapGet("/done", ConnectProgress.ShowAsync);
        group.MapGet("/status", ConnectProgress.StatusAsync);
        group.MapGet("/finish", ConnectProgress.FinishAsync);
    }

    /// <summary>Resolves the session or answers with the page a customer should see instead.</summary>
    public static async Task<(ConnectPage? Page, IResult? Refusal)> OpenAsync(
        HttpContext http, string secret, LinkSessionStore store, bool completedIsFine, CancellationToken cancellationToken)
    {
        var (state, session) = await store.FindAsync(secret, cancellationToken);
        var embed = ConnectPage.Origin(http.Request.Query["embed"].ToString());
        switch (state)
        {
            case LinkSessionState.Unknown:
                return (null, ConnectViews.DeadEnd("This link does not work", "The address may be incomplete. Ask the company that sent it for a new link.", 404));
            case LinkSessionState.Expired:
                return (null, ConnectViews.DeadEnd("This link has expired", "Links to connect a system are valid for a limited time. Ask the company that sent it for a new link.", 410));
            case LinkSessionState.Completed when !completedIsFine:
                return (null, Results.Redirect(new ConnectPage(secret, session!, embed).Link("/done")));
            default:
                return (new ConnectPage(secret, session!, embed), null);
        }
    }

    public static IReadOnlyList<SystemDescriptor> Offered(LinkSessionRow session, ConnectorRegistry registry)
    {
        var allowed = session.Systems.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return [.. registry.All.Select(c => c.Descriptor)
            .Where(d => allowed.Length == 0 || allowed.Contains(d.Id, StringComparer.Ordinal))
            .OrderBy(d => d.Name, StringComparer.OrdinalIgnoreCase)];
    }

    private static async Task<IResult> Start(
        string secret, string? q, HttpContext http, [FromServices] LinkSessionStore store, [FromServices] ConnectorRegistry registry,
        [FromServices] MillwrightDb db, CancellationToken cancellationToken)
    {
        var (page, refusal) = await OpenAsync(http, secret, store, completedIsFine: false, cancellationToken);
        if (page is null)
        {
            return refusal!;
        }

        if (page.Session.Reauth)
        {
            return await ReauthSystemAsync(page.Session, db, cancellationToken) is { } reauthSystem
                ? Results.Redirect(page.Link("/systems/" + reauthSystem))
                : ConnectViews.DeadEnd("This connection no longer exists", "It was removed, so there is nothing to reconnect. Ask the company that sent this link for a new one.", 410);
        }

        var systems = Offered(page.Session, registry);
        return systems.Count == 1 ? Results.Redirect(page.Link("/systems/" + systems[0].Id)) : ConnectViews.Systems(page, systems, q);
    }

    private static async Task<IResult> ShowForm(
        string secret, string system, HttpContext http, [FromServices] LinkSessionStore store, [FromServices] ConnectorRegistry registry,
        [FromServices] MillwrightDb db, CancellationToken cancellationToken)
    {
        var (page, refusal) = await OpenAsync(http, secret, store, completedIsFine: false, cancellationToken);
        if (page is null)
        {
            return refusal!;
        }

        var (descriptor, reauth, offered) = await ResolveSystemAsync(page.Session, system, registry, db, cancellationToken);
        if (descriptor is null)
        {
            return Results.Redirect(page.Link());
        }

        var values = reauth ? await ConnectReauth.CurrentSettingsAsync(db, page.Session, cancellationToken) : ConnectFormState.Empty.Values;
        return ConnectViews.Form(page, descriptor, ConnectFormState.Empty with { Values = values }, reauth, offered > 1);
    }

    /// <summary>The system the form is for, if this session may use it; for a re-authentication only the connection's own.</summary>
    public static async Task<(SystemDescriptor? System, bool Reauth, int Offered)> ResolveSystemAsync(
        LinkSessionRow session, string system, ConnectorRegistry registry, MillwrightDb db, CancellationToken cancellationToken)
    {
        if (session.Reauth)
        {
            var reauthSystem = await ReauthSystemAsync(session, db, cancellationToken);
            return (reauthSystem == system ? registry.Find(system)?.Descriptor : null, true, 1);
        }

        var offered = Offered(session, registry);
        return (offered.FirstOrDefault(d => d.Id == system), false, offered.Count);
    }

    private static async Task<string?> ReauthSystemAsync(LinkSessionRow session, MillwrightDb db, CancellationToken cancellationToken) =>
        session.Reauth
            ? await db.Connections.AsNoTracking().Where(c => c.Id == session.ConnectionId && c.DeletedAt == null).Select(c => c.System).FirstOrDefaultAsync(cancellationToken)
            : null;
}
