using Microsoft.AspNetCore.DataProtection;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Dashboard;

/// <summary>The integrators' dashboard at <c>/dashboard</c>: server-rendered pages over the same services as the API.</summary>
public static class DashboardExtensions
{
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddScoped<DashboardSessions>();
        // Antiforgery tokens must validate on whichever node gets the post: the key ring lives in the store.
        services.AddDataProtection().SetApplicationName("millwright").PersistKeysToDbContext<MillwrightDb>();
        services.AddAntiforgery(o =>
        {
            o.FormFieldName = "_csrf";
            o.HeaderName = null;
            o.Cookie.Name = "mw_csrf";
            o.Cookie.Path = "/dashboard";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.HttpOnly = true;
        });
        return services;
    }

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        var anonymous = app.MapGroup("/dashboard").ExcludeFromDescription().RequireAntiforgery();
        DashboardSignIn.MapAnonymous(anonymous);

        var signedIn = app.MapGroup("/dashboard").ExcludeFromDescription().RequireDashboardSession();
        DashboardSignIn.MapSignedIn(signedIn);
        DashboardConnections.Map(signedIn);
        DashboardConnectionActions.Map(signedIn);
        DashboardKeys.Map(signedIn);
        DashboardConnectLinks.Map(signedIn);
        DashboardRequestLogs.Map(signedIn);
        DashboardWebhooks.Map(signedIn);
        DashboardMappings.Map(signedIn);
        DashboardAudit.Map(signedIn);
        return app;
    }
}
