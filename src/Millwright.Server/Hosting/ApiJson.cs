using System.Text.Json.Serialization;
using Millwright.Client.Models;

namespace Millwright.Server.Hosting;

internal static class ApiJson
{
    /// <summary>
    /// The wire format of every endpoint (and of the OpenAPI schemas generated from them): snake_case
    /// properties and enum values, as <see cref="MillwrightJson"/> defines, and request bodies with a
    /// member the endpoint does not know are refused (INVALID_JSON) rather than silently ignored.
    /// </summary>
    public static IServiceCollection AddApiJson(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(o =>
        {
            var wire = MillwrightJson.Options;
            o.SerializerOptions.PropertyNamingPolicy = wire.PropertyNamingPolicy;
            o.SerializerOptions.DictionaryKeyPolicy = wire.DictionaryKeyPolicy;
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            foreach (var converter in wire.Converters)
            {
                o.SerializerOptions.Converters.Add(converter);
            }
        });
}
