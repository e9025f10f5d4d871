using Millwright.Client.Errors;

namespace Millwright.Server.Hosting.Errors;

internal static class ErrorMetadata
{
    /// <summary>Documents in OpenAPI that the endpoints answer these statuses with the error envelope.</summary>
    public static TBuilder ProducesErrors<TBuilder>(this TBuilder builder, params int[] statuses)
        where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in statuses)
        {
            builder.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(ErrorEnvelope), ["application/json"]));
        }

        return builder;
    }
}
