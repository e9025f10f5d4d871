using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Millwright.Client.Connections;
using Millwright.Client.Models;
using Millwright.Connectors.Core;
using Millwright.Server.Features.Auth;
using Millwright.Server.Hosting.Errors;

namespace Millwright.Server.Features.Systems;

/// <summary><c>GET /v1/systems</c>: the supported systems as their connectors describe them.</summary>
public static class SystemsEndpoints
{
    public static IEndpointRouteBuilder MapSystemsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/systems")
            .WithTags("Systems")
            .RequireSecretKey()
            .ProducesErrors(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden);

        group.MapGet("", ListSystems)
            .WithName("ListSystems")
            .WithSummary("List supported systems")
            .WithDescription("""
                Every system a connection can be made to, by name: the fields a connection needs (`setting` fields go
                in `settings` and are returned; `credential` fields go in `credentials`, are encrypted and never
                returned), what Millwright can do per entity, and the vendor's request budget.
                """);

        group.MapGet("/{id}", GetSystem)
            .WithName("GetSystem")
            .WithSummary("Describe one system")
            .WithDescription("One entry of `GET /v1/systems` by its id (`maintainx`, `sap`, …): the fields a connection needs, what Millwright can do per entity, and the vendor's request budget. 404 `NOT_FOUND` for an unknown id.")
            .ProducesErrors(StatusCodes.Status404NotFound);
        return app;
    }

    private static Ok<Page<SupportedSystem>> ListSystems([FromServices] ConnectorRegistry registry) =>
        TypedResults.Ok(new Page<SupportedSystem>(
            [.. registry.All.Select(c => ToWire(c.Descriptor)).OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase)],
            null));

    private static Ok<SupportedSystem> GetSystem(string id, [FromServices] ConnectorRegistry registry) =>
        TypedResults.Ok(ToWire((registry.Find(id) ?? throw ApiException.NotFound($"System '{id}'")).Descriptor));

    internal static SupportedSystem ToWire(SystemDescriptor descriptor) => new()
    {
        Id = descriptor.Id,
        Name = descriptor.Name,
        Category = descriptor.Category,
        Fields =
        [
            .. descriptor.Fields.Select(f => new SystemField
            {
                Name = f.Name,
                Label = f.Label,
                Kind = f.Kind == ConnectionFieldKind.Setting ? SystemFieldKinds.Setting : SystemFieldKinds.Credential,
                Required = f.Required,
                Secret = f.Secret,
                Help = f.Help,
                Default = f.Default,
            }),
        ],
        // Dependency order, the order the sync reads them in.
        Capabilities = EntityInfo.All
            .Where(e => descriptor.Capabilities.ContainsKey(e.Entity))
            .ToDictionary(
                e => e.Path,
                e => ToWire(descriptor.Capabilities[e.Entity]),
                StringComparer.Ordinal),
        RateLimit = new SystemRateLimit(descriptor.UpstreamRequestsPerMinute),
    };

    private static EntityCapability ToWire(EntityCapabilities c) =>
        new(c.Read, c.Incremental, c.Write, c.Delete, c.Create, c.Update) { StatusTransitions = c.StatusTransitions };
}
