using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Millwright.Server.Hosting;

/// <summary><c>GET /openapi/v1.json</c> (generated from the endpoints' metadata) and the reference page at <c>/docs</c>.</summary>
internal static class ApiDocs
{
    public static IServiceCollection AddApiDocs(this IServiceCollection services) =>
        services.AddOpenApi("v1", o =>
        {
            o.AddSchemaTransformer(ApiContract.TypeSchema);
            o.AddOperationTransformer(ApiContract.MarkPublic);
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Millwright API",
                    Version = "v1",
                    Description = """
                        One API for industrial maintenance systems (CMMS, EAM, ERP). Authenticate with
                        `Authorization: Bearer <key or token>`: the account's secret key (`mw_test_sk_…`)
                        manages connections; a connection token (`mw_test_ct_…`) reads one connection's
                        unified data. Every response carries `X-Request-Id`; every error has the body
                        `{"error": {"code", "message", "request_id", "source"}}` with codes listed in docs/errors.md.
                        """,
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "Secret key (mw_<env>_sk_…) or connection token (mw_<env>_ct_…).",
                };
                document.Security ??= [];
                document.Security.Add(new OpenApiSecurityRequirement
                {
                    [new OpenApiSecuritySchemeReference("bearer", document)] = [],
                });
                return Task.CompletedTask;
            });
        }).PostConfigure<OpenApiOptions>("v1", o => o.AddDocumentTransformer(ApiContract.Complete));

    public static WebApplication MapApiDocs(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/docs", o => o
            .WithTitle("Millwright API reference")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        return app;
    }
}
