namespace Millwright.Server.Features.Mappings;

/// <summary>Per-connection field mappings (see README.md here). Needs AddPersistence, AddMillwrightConnectors, AddAuth.</summary>
internal static class MappingsExtensions
{
    public static IServiceCollection AddMappings(this IServiceCollection services)
    {
        services.AddScoped<ConnectionMappings>();
        services.AddScoped<Remapper>();
        services.AddScoped<MappingChanger>();
        services.AddScoped<FieldMappingsView>();
        services.AddScoped<MappingPreview>();
        services.AddScoped<RecordSchemaBuilder>();
        services.AddScoped<FieldMappingService>();
        return services;
    }

    public static IEndpointRouteBuilder MapMappingsEndpoints(this IEndpointRouteBuilder app)
    {
        FieldMappingsEndpoints.Map(app);
        SchemaEndpoints.Map(app);
        return app;
    }
}
