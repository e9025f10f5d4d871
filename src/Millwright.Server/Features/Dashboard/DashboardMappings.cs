using Microsoft.AspNetCore.Mvc;
using Millwright.Client.Mappings;
using Millwright.Server.Features.Mappings;
using Millwright.Server.Hosting;
using Millwright.Server.Hosting.Html;
using static Millwright.Server.Features.Dashboard.DashboardLayout;
using static Millwright.Server.Hosting.Html.Html;

namespace Millwright.Server.Features.Dashboard;

/// <summary>
/// A connection's field mappings: per entity the lines in force (default or the connection's own), unmapped
/// source fields with examples, one field's expression changed with a preview before saving, and the history —
/// through <see cref="FieldMappingService"/>, as the session's key.
/// </summary>
internal static class DashboardMappings
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/connections/{id}/mappings", ShowAsync);
        group.MapPost("/connections/{id}/mappings", ChangeAsync);
    }

    private static Task<IResult> ShowAsync(string id, HttpContext http, string? done, [FromServices] FieldMappingService mappings, CancellationToken cancellationToken) =>
        RenderAsync(http, id, mappings, null, done == "saved" ? "Mapping saved: every read uses it now." : null, cancellationToken);

    private static async Task<IResult> ChangeAsync(string id, HttpContext http, [FromServices] FieldMappingService mappings, CancellationToken cancellationToken)
    {
        var caller = http.User().Caller;
        var form = await http.Request.ReadFormAsync(cancellationToken);
        var edit = new Edit(form["entity"].ToString(), form["target"].ToString(), form["expression"].ToString());
        var change = new Dictionary<string, IReadOnlyDictionary<string, string?>?>(StringComparer.Ordinal)
        {
            [edit.Entity] = new Dictionary<string, string?>(StringComparer.Ordinal) { [edit.Target] = string.IsNullOrWhiteSpace(edit.Expression) ? null : edit.Expression },
        };
        if (form["action"] == "save")
        {
            await mappings.UpdateAsync(caller, id, new FieldMappingsRequest(change), RequestIdMiddleware.Get(http), cancellationToken);
            return HtmlPage.SeeOther($"/dashboard/connections/{Uri.EscapeDataString(id)}/mappings?done=saved");
        }

        var previewed = await mappings.PreviewAsync(caller, id, new FieldMappingsPreviewRequest(change), cancellationToken);
        return await RenderAsync(http, id, mappings, edit with { Preview = previewed }, null, cancellationToken);
    }

    private static async Task<IResult> RenderAsync(HttpContext http, string id, FieldMappingService mappings, Edit? edit, string? notice, CancellationToken cancellationToken)
    {
        var caller = http.User().Caller;
        var current = await mappings.GetAsync(caller, id, cancellationToken);
        var history = (await mappings.ListVersionsAsync(caller, id, 20, null, cancellationToken)).Data;
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
