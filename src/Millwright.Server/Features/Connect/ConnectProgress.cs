using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Millwright.Client.Models;
using Millwright.Connectors.Core;
using Millwright.Server.Features.Sync;
using Millwright.Server.Hosting.Html;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Connect;

/// <summary>Progress of the first sync as the page polls it.</summary>
internal sealed record ConnectStatus(string ConnectionStatus, string? RunStatus, int Step, int Steps, int Records, bool Finished, string Label);

/// <summary>
/// After a successful check: the progress page (polling <c>/status</c>, which reads the connection's latest
/// sync run), then <c>/finish</c>, which issues the one-time code and hands it over by redirect, or by
/// postMessage to the embedding page, or, with neither, just says the customer is done.
/// </summary>
internal static class ConnectProgress
{
    public static async Task<IResult> ShowAsync(
        string secret, HttpContext http, [FromServices] LinkSessionStore store, [FromServices] ConnectorRegistry registry,
        [FromServices] MillwrightDb db, CancellationToken cancellationToken)
    {
        var (page, refusal) = await ConnectPages.OpenAsync(http, secret, store, completedIsFine: true, cancellationToken);
        if (page is null)
        {
            return refusal!;
        }

        if (page.Session.CompletedAt is null)
        {
            return Results.Redirect(page.Link());
        }

        var connection = await db.Connections.AsNoTracking().FirstOrDefaultAsync(c => c.Id == page.Session.ConnectionId, cancellationToken);
        if (connection is null || connection.DeletedAt is not null)
        {
            return ConnectViews.DeadEnd("This connection was removed", "Ask the company that sent this link for a new one.", 410);
        }

        var name = registry.Find(connection.System)?.Descriptor.Name ?? connection.System;
        return ConnectViews.Progress(page, name, connection.DisplayName, page.Session.Reauth);
    }

    public static async Task<IResult> StatusAsync(
        string secret, HttpContext http, [FromServices] LinkSessionStore store, [FromServices] ConnectorRegistry registry,
        [FromServices] MillwrightDb db, CancellationToken cancellationToken)
    {
        var (state, session) = await store.FindAsync(secret, cancellationToken);
        if (state != LinkSessionState.Completed)
        {
            return Results.NotFound();
        }

        var connection = await db.Connections.AsNoTracking().FirstOrDefaultAsync(c => c.Id == session!.ConnectionId, cancellationToken);
        var run = await db.SyncRuns.AsNoTracking().Where(r => r.ConnectionId == session!.ConnectionId)
            .OrderByDescending(r => r.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        var entities = registry.Find(connection?.System ?? "") is { } connector
            ? EntityInfo.All.Where(e => connector.Descriptor.Capabilities.GetValueOrDefault(e.Entity)?.Read == true).ToList()
            : [];
        http.Response.Headers.CacheControl = "no-store";
        return Results.Json(Describe(connection, run, entities), MillwrightJson.Options);
    }

    public static async Task<IResult> FinishAsync(
        string secret, HttpContext http, [FromServices] LinkSessionStore store, CancellationToken cancellationToken)
    {
        var (page, refusal) = await ConnectPages.OpenAsync(http, secret, store, completedIsFine: true, cancellationToken);
        if (page is null)
        {
            return refusal!;
        }

        if (page.Session.CompletedAt is null || page.Session.ConnectionId is not { } connectionId)
        {
            return Results.Redirect(page.Link());
        }

        var code = await store.IssueCodeAsync(page.Session.Id, cancellationToken);
        if (page.EmbedOrigin is null && page.Session.RedirectUrl is { } redirect)
        {
            var separator = redirect.Contains('?', StringComparison.Ordinal) ? '&' : '?';
            return HtmlPage.SeeOther($"{redirect}{separator}code={Uri.EscapeDataString(code)}&connection_id={Uri.EscapeDataString(connectionId)}");
        }

        return ConnectViews.Complete(page, connectionId, code);
    }

    private static ConnectStatus Describe(ConnectionRow? connection, SyncRunRow? run, List<EntityInfo> entities)
    {
        var status = connection?.Status ?? "deleted";
        if (run is null)
        {
            return new(status, null, 0, entities.Count, 0, false, "Waiting for the first sync to start…");
        }

        var records = run.Added + run.Updated + run.Deleted;
        if (run.Status is SyncValues.Succeeded or SyncValues.Failed or SyncValues.Cancelled)
        {
            var label = run.Status == SyncValues.Succeeded
                ? $"First sync complete: {records:N0} records."
                : $"The first sync stopped ({run.ErrorCode ?? run.Status}); Millwright retries on its schedule. Your connection is saved.";
            return new(status, run.Status, entities.Count, entities.Count, records, true, label);
        }

        var index = entities.FindIndex(e => e.Path == run.CurrentEntity);
        var current = index >= 0 ? entities[index].Path.Replace('-', ' ') : null;
        var text = current is null ? "Queued, starting shortly…" : $"Reading {current}… {records:N0} records so far.";
        return new(status, run.Status, Math.Max(index, 0), entities.Count, records, false, text);
    }
}
