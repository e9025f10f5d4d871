using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Millwright.Server.Features.RateLimits;

/// <summary>
/// Documents the 429 <c>RATE_LIMIT_EXCEEDED</c> answer and its headers on every authenticated <c>/v1</c>
/// operation (those documenting a 401), because the middleware limits all of them, whatever their feature.
/// </summary>
internal static class RateLimitOpenApi
{
    public static IServiceCollection ConfigureOpenApiForRateLimits(this IServiceCollection services) =>
        services.Configure<OpenApiOptions>("v1", o => o.AddOperationTransformer((operation, context, _) =>
        {
            if (context.Description.RelativePath?.StartsWith("v1/", StringComparison.OrdinalIgnoreCase) == true
                && operation.Responses is { } responses
                && responses.TryGetValue("401", out var unauthorized)
                && !responses.ContainsKey("429"))
            {
                responses["429"] = new OpenApiResponse
                {
                    Description = "RATE_LIMIT_EXCEEDED: the account's or connection's budget for this minute is spent. "
                        + "Wait Retry-After seconds (also retry_after in the body); waiting exactly that long gets through.",
                    Content = unauthorized.Content is { } content ? new Dictionary<string, OpenApiMediaType>(content) : null,
                    Headers = new Dictionary<string, IOpenApiHeader>
                    {
                        ["Retry-After"] = Header("Whole seconds until the budget resets."),
                        [RateLimitMiddleware.LimitHeader] = Header("Requests per minute of the exhausted budget."),
                        [RateLimitMiddleware.RemainingHeader] = Header("Requests left in this window (0 here)."),
                        [RateLimitMiddleware.ResetHeader] = Header("Whole seconds until the window resets."),
                    },
                };
            }

            return Task.CompletedTask;
        }));

    private static OpenApiHeader Header(string description) =>
        new() { Description = description, Schema = new OpenApiSchema { Type = JsonSchemaType.Integer } };
}
