using Millwright.Server.Hosting.Html;

namespace Millwright.Server.Features.Connect;

/// <summary>
/// Connect: link sessions and magic links (<c>/v1/link-sessions</c>, <c>/v1/magic-links</c>), the code exchange,
/// the hosted page under <c>/connect/{secret}</c>, and <c>/connect.js</c> to embed it. See README.md beside this file.
/// </summary>
public static class ConnectExtensions
{
    public static IServiceCollection AddConnect(this IServiceCollection services)
    {
        services.AddScoped<LinkSessionCreator>();
        services.AddScoped<LinkSessionStore>();
        services.AddScoped<LinkCodeExchange>();
        services.AddScoped<ConnectReauth>();
        return services;
    }

    public static IEndpointRouteBuilder MapConnectEndpoints(this IEndpointRouteBuilder app)
    {
        LinkSessionEndpoints.Map(app);
        ConnectPages.Map(app);
        app.MapStaticAssets("/connect.js", "/static/connect-page.js", HtmlPage.Stylesheet);
        return app;
    }
}
