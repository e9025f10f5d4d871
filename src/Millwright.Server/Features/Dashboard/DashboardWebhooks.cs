using Microsoft.AspNetCore.Mvc;
using Millwright.Client.Webhooks;
using Millwright.Server.Features.Webhooks;
using Millwright.Server.Hosting.Html;
using static Millwright.Server.Features.Dashboard.DashboardLayout;
using static Millwright.Server.Hosting.Html.Html;

namespace Millwright.Server.Features.Dashboard;

/// <summary>
/// Webhook endpoints of the environment shown (create with the secret shown once, enable/disable, delete,
/// send a test) and their deliveries with attempts (retry) — through the webhook services, as the session's key.
/// </summary>
internal static class DashboardWebhooks
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/webhooks", ListAsync);
        group.MapPost("/webhooks", CreateAsync);
        group.MapPost("/webhooks/{id}/enabled", EnableAsync);
        group.MapPost("/webhooks/{id}/delete", DeleteAsync);
        group.MapPost("/webhooks/{id}/test", TestAsync);
        group.MapPost("/webhook-deliveries/{id}/retry", RetryAsync);
    }

    private static async Task<IResult> ListAsync(
        HttpContext http, string? done, [FromServices] WebhookEndpointService webhooks, [FromServices] WebhookDeliveryService deliveryService, CancellationToken cancellationToken)
    {
        var csrf = http.Csrf();
        var caller = http.User().Caller;
        var endpoints = (await webhooks.ListAsync(caller, 100, null, cancellationToken)).Data;
        var deliveries = (await deliveryService.ListAsync(caller, new(null, null, null, 50, null), cancellationToken)).Data;
        var endpointRows = Join(endpoints.Select(e => H($"""
            <tr data-endpoint-id="{e.Id}"><td><code>{e.Url}</code>{If(e.Description is not null, H($"<div class=\"small muted\">{e.Description}</div>"))}</td>
            <td>{(e.Events.Count == 0 ? "every event" : string.Join(", ", e.Events))}</td>
            <td>{(e.Enabled ? "enabled" : $"disabled{(e.DisabledReason is null ? "" : $" ({e.DisabledReason})")}")}</td>
            <td>{ActionButton(csrf, $"/dashboard/webhooks/{e.Id}/test", "Send test")}
                {ActionButton(csrf, $"/dashboard/webhooks/{e.Id}/enabled", e.Enabled ? "Disable" : "Enable", extra: H($"<input type=\"hidden\" name=\"enabled\" value=\"{(e.Enabled ? "false" : "true")}\">"))}
                {ActionButton(csrf, $"/dashboard/webhooks/{e.Id}/delete", "Delete", "danger")}</td></tr>
            """)));
        var deliveryRows = Join(deliveries.Select(d => H($"""
            <tr data-delivery-id="{d.Id}" data-event-type="{d.EventType}"><td>{When(d.CreatedAt)}</td><td>{d.EventType}</td><td><code>{d.EndpointId}</code></td>
            <td>{d.Status.ToString().ToLowerInvariant()}</td><td>{Attempts(d.Attempts)}</td>
            <td>{ActionButton(csrf, $"/dashboard/webhook-deliveries/{d.Id}/retry", "Retry")}</td></tr>
            """)));
        var main = H($"""
            <div class="panel">
              <h1>Webhook endpoints</h1>
              {(endpoints.Count == 0 ? H($"<p class=\"muted\" id=\"no-endpoints\">No webhook endpoints in this environment.</p>") : H($"""
                <table id="webhook-endpoints"><thead><tr><th scope="col">URL</th><th scope="col">Events</th><th scope="col">State</th><th scope="col"><span class="hide-small">Actions</span></th></tr></thead>
                <tbody>{endpointRows}</tbody></table>
                """))}
            </div>
            <div class="panel">
              <h2>Add an endpoint</h2>
              <form method="post" action="/dashboard/webhooks" class="row">
                {Token(csrf)}
                <div class="field"><label for="webhook-url">Receiver URL</label><input id="webhook-url" name="url" type="url" required maxlength="2000" placeholder="https://example.com/webhooks/millwright"></div>
                <div class="field"><label for="webhook-events">Events (comma-separated, empty for every event)</label><input id="webhook-events" name="events" type="text" placeholder="work_order.*"></div>
                <div class="field"><label for="webhook-description">Description</label><input id="webhook-description" name="description" type="text" maxlength="500"></div>
                <button type="submit" id="create-webhook">Add endpoint</button>
              </form>
            </div>
            <div class="panel">
              <h2>Recent deliveries</h2>
              {(deliveries.Count == 0 ? H($"<p class=\"muted\" id=\"no-deliveries\">No deliveries yet.</p>") : H($"""
                <table id="webhook-deliveries"><thead><tr><th scope="col">Created</th><th scope="col">Event</th><th scope="col">Endpoint</th><th scope="col">Status</th><th scope="col">Attempts</th><th scope="col"><span class="hide-small">Action</span></th></tr></thead>
                <tbody>{deliveryRows}</tbody></table>
                """))}
            </div>
            """);
        return Page(http, "Webhooks", main, Notice(done));
    }

    private static Html Attempts(IReadOnlyList<WebhookAttempt> attempts) => attempts.Count == 0 ? H($"<span class=\"muted\">none yet</span>") : H($"""
        <ol class="attempts">{Join(attempts.Select(a => H($"<li>{When(a.AttemptedAt)}: {(a.StatusCode?.ToString() ?? a.Error ?? "no answer")} in {a.LatencyMs} ms</li>")))}</ol>
        """);

    private static async Task<IResult> CreateAsync(HttpContext http, [FromServices] WebhookEndpointService webhooks, CancellationToken cancellationToken)
    {
        var form = await http.Request.ReadFormAsync(cancellationToken);
        var events = form["events"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var description = string.IsNullOrWhiteSpace(form["description"]) ? null : form["description"].ToString();
        var body = new CreateWebhookEndpointBody(form["url"].ToString(), events, null, description);
        var created = await webhooks.CreateAsync(http.User().Caller, body, cancellationToken);
        return DashboardConnectionViews.ShowOnce(http, "Webhook endpoint added", $"The signing secret of {created.Url}: verify each delivery's webhook-signature with it.",
            created.Secret!, "/dashboard/webhooks", "Back to webhooks");
    }

    private static async Task<IResult> EnableAsync(string id, HttpContext http, [FromServices] WebhookEndpointService webhooks, CancellationToken cancellationToken)
    {
        var form = await http.Request.ReadFormAsync(cancellationToken);
        var enabled = form["enabled"] == "true";
        await webhooks.UpdateAsync(http.User().Caller, id, new UpdateWebhookEndpointBody(null, null, enabled, null), cancellationToken);
        return HtmlPage.SeeOther($"/dashboard/webhooks?done={(enabled ? "enabled" : "disabled")}");
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext http, [FromServices] WebhookEndpointService webhooks, CancellationToken cancellationToken)
    {
        await webhooks.DeleteAsync(http.User().Caller, id, cancellationToken);
        return HtmlPage.SeeOther("/dashboard/webhooks?done=deleted");
    }

    private static async Task<IResult> TestAsync(string id, HttpContext http, [FromServices] WebhookEndpointService webhooks, CancellationToken cancellationToken)
    {
        await webhooks.SendTestAsync(http.User().Caller, id, cancellationToken);
        return HtmlPage.SeeOther("/dashboard/webhooks?done=test");
    }

    private static async Task<IResult> RetryAsync(string id, HttpContext http, [FromServices] WebhookDeliveryService deliveries, CancellationToken cancellationToken)
    {
        await deliveries.RetryAsync(http.User().Caller, id, cancellationToken);
        return HtmlPage.SeeOther("/dashboard/webhooks?done=retry");
    }

    private static string? Notice(string? done) => done switch
    {
        "test" => "Test event queued. Reload to see its attempts.",
        "retry" => "Delivery queued for another attempt now.",
        "enabled" => "Endpoint enabled.",
        "disabled" => "Endpoint disabled: nothing is delivered to it until enabled.",
        "deleted" => "Endpoint deleted with its deliveries.",
        _ => null,
    };
}
