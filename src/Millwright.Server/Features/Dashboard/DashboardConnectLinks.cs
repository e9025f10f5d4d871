using Microsoft.AspNetCore.Mvc;
using Millwright.Server.Features.Connect;
using static Millwright.Server.Features.Dashboard.DashboardLayout;
using static Millwright.Server.Hosting.Html.Html;

namespace Millwright.Server.Features.Dashboard;

/// <summary>Creates a Connect link (or a mailable magic link) for a customer, as <c>POST /v1/link-sessions</c> does.</summary>
internal static class DashboardConnectLinks
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/connect-links", (HttpContext http) => Form(http));
        group.MapPost("/connect-links", CreateAsync);
    }

    private static IResult Form(HttpContext http)
    {
        var main = H($"""
            <div class="panel">
              <h1>Create a Connect link</h1>
              <p>A page where your customer picks their system and enters credentials; Millwright checks them and creates the connection in <strong>{http.User().Environment}</strong>.</p>
              <form method="post" action="/dashboard/connect-links">
                {Token(http.Csrf())}
                <div class="field"><label for="end_user_id">Customer id</label><input id="end_user_id" name="end_user_id" type="text" required aria-describedby="end_user_id-help"><p class="help" id="end_user_id-help">Your own id for the customer; it becomes the connection's metadata customer_id.</p></div>
                <div class="field"><label for="end_user_name">Customer name <span class="muted">(optional)</span></label><input id="end_user_name" name="end_user_name" type="text"></div>
                <div class="field"><label for="redirect_url">Redirect URL <span class="muted">(optional)</span></label><input id="redirect_url" name="redirect_url" type="text" aria-describedby="redirect_url-help"><p class="help" id="redirect_url-help">Where the customer goes when done, with ?code=… to exchange.</p></div>
                <div class="field"><label><input type="checkbox" name="magic" value="1"> Mailable magic link, valid 7 days (otherwise 30 minutes)</label></div>
                <button type="submit" id="create-link">Create link</button>
              </form>
            </div>
            """);
        return Page(http, "Connect links", main);
    }

    private static async Task<IResult> CreateAsync(HttpContext http, [FromServices] LinkSessionCreator creator, CancellationToken cancellationToken)
    {
        var form = await http.Request.ReadFormAsync(cancellationToken);
        var customer = form["end_user_id"].ToString();
        var metadata = new System.Text.Json.Nodes.JsonObject { ["customer_id"] = customer };
        var magic = form["magic"] == "1";
        var body = new CreateLinkSessionBody(new EndUserBody(customer, form["end_user_name"], null), null, form["redirect_url"], metadata, null, null);
        var link = await creator.CreateAsync(http.User().Caller, body, magic, LinkSessionCreator.PublicBase(http.Request), cancellationToken);
        return DashboardConnectionViews.ShowOnce(http, "Connect link created", $"Valid until {When(link.ExpiresAt)}; single use. Hand it to this customer only.",
            link.Url, "/dashboard/connect-links", "Create another");
    }
}
