using Microsoft.AspNetCore.Mvc;
using Millwright.Client.Mappings;
using Millwright.Connectors.Core;
using Millwright.Server.Features.Mappings;
using Millwright.Server.Hosting.Html;
using Millwright.Server.Persistence;
using static Millwright.Server.Features.Dashboard.DashboardLayout;
using static Millwright.Server.Hosting.Html.Html;

namespace Millwright.Server.Features.Dashboard;

/// <summary>
/// A connection's field mappings: per entity the lines in force (default or the connection's own), unmapped
/// source fields with examples, one field's expression changed with a preview before saving, and the history —
/// through the field-mappings API's handlers, as the session's key.
/// </summary>
internal static class DashboardMappings
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/connections/{id}/mappings", ShowAsync);
        group.MapPost("/connections/{id}/mappings", ChangeAsync);
    }

    private sealed record Services(
        MillwrightDb Db, ConnectorRegistry Connectors, ConnectionMappings Mappings, FieldMappingsView View, MappingPreview Preview, MappingChanger Changer);

    private static Task<IResult> ShowAsync(
        string id, HttpContext http, string? done, [FromServices] MillwrightDb db, [FromServices] ConnectorRegistry connectors,
        [FromServices] ConnectionMappings mappings, [FromServices] FieldMappingsView view, [FromServices] MappingPreview preview,
        [FromServices] MappingChanger changer, CancellationToken cancellationToken) =>
        RenderAsync(http, id, new Services(db, connectors, mappings, view, preview, changer), null, done == "saved" ? "Mapping saved: every read uses it now." : null, cancellationToken);

    private static async Task<IResult> ChangeAsync(
        string id, HttpContext http, [FromServices] MillwrightDb db, [FromServices] ConnectorRegistry connectors,
        [FromServices] ConnectionMappings mappings, [FromServices] FieldMappingsView view, [FromServices] MappingPreview preview,
        [FromServices] MappingChanger changer, CancellationToken cancellationToken)
    {
        var services = new Services(db, connectors, mappings, view, preview, changer);
        var form = await http.Request.ReadFormAsync(cancellationToken);
        var edit = new Edit(form["entity"].ToString(), form["target"].ToString(), form["expression"].ToString());
        var change = new Dictionary<string, IReadOnlyDictionary<string, string?>?>(StringComparer.Ordinal)
        {
            [edit.Entity] = new Dictionary<string, string?>(StringComparer.Ordinal) { [edit.Target] = string.IsNullOrWhiteSpace(edit.Expression) ? null : edit.Expression },
        };
        if (form["action"] == "save")
        {
            await FieldMappingsEndpoints.UpdateFieldMappings(id, new FieldMappingsRequest(change), http, db, connectors, changer, cancellationToken);
            return HtmlPage.SeeOther($"/dashboard/connections/{Uri.EscapeDataString(id)}/mappings?done=saved");
        }

        var previewed = (await FieldMappingsEndpoints.PreviewFieldMappings(id, new FieldMappingsPreviewRequest(change), http, db, connectors, mappings, preview, cancellationToken)).Value!;
        return await RenderAsync(http, id, services, edit with { Preview = previewed }, null, cancellationToken);
    }

    private static async Task<IResult> RenderAsync(HttpContext http, string id, Services s, Edit? edit, string? notice, CancellationToken cancellationToken)
    {
        var current = (await FieldMappingsEndpoints.GetFieldMappings(id, http, s.Db, s.Connectors, s.Mappings, s.View, cancellationToken)).Value!;
        var history = (await FieldMappingsEndpoints.ListFieldMappingVersions(id, 20, null, http, s.Db, s.Connectors, cancellationToken)).Value!.Data;
        var csrf = http.Csrf();
        var main = H($"""
            <div class="panel">
              <h1>Field mappings of <a href="/dashboard/connections/{id}">{id}</a></h1>
              <p>Version {current.Version}. A change holds for every read as soon as it is saved; stored records are re-mapped.</p>
            </div>
            {DashboardMappingViews.EditForm(csrf, id, current, edit)}
            {Join(current.Entities.Select(DashboardMappingViews.Entity))}
            {DashboardMappingViews.History(history)}
            """);
        return Page(http, "Field mappings", main, notice);
    }
}

/// <summary>One field's change as typed in the form, and its preview.</summary>
internal sealed record Edit(string Entity, string Target, string Expression)
{
    public FieldMappingsPreview? Preview { get; init; }
}
