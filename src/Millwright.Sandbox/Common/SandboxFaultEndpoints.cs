using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Millwright.Sandbox.Common;

/// <summary>
/// The admin endpoints of one sandbox instance: <c>GET|POST|DELETE {prefix}/_sandbox/faults</c>. They sit
/// beside the emulated API (not under its version path), need no credentials and never count against
/// the emulated rate limit.
/// </summary>
internal static class SandboxFaultEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static void MapSandboxFaults(this IEndpointRouteBuilder app, string prefix, SandboxFaults faults, Action? onReset = null)
    {
        var group = app.MapGroup(prefix + "/_sandbox/faults").ExcludeFromDescription();
        group.MapGet("", () => TypedResults.Json(faults.Snapshot(), Json));
        group.MapDelete("", () =>
        {
            faults.Reset();
            onReset?.Invoke();
            return TypedResults.Json(faults.Snapshot(), Json);
        });
        group.MapPost("", async Task<IResult> (HttpContext http) =>
        {
            FaultRequest? request;
            try
            {
                request = await JsonSerializer.DeserializeAsync<FaultRequest>(http.Request.Body, Json, http.RequestAborted);
            }
            catch (JsonException ex)
            {
                return Problem($"The body is not a valid fault request: {ex.Message}");
            }

            if (request is null)
            {
                return Problem("Send a JSON object.");
            }

            try
            {
                Apply(faults, request);
            }
            catch (ArgumentException ex)
            {
                return Problem(ex.Message);
            }

            return TypedResults.Json(faults.Snapshot(), Json);
        });
    }

    /// <summary>
    /// <c>GET {prefix}/_sandbox/requests</c>: what the emulated rate limit counted, one entry per API key (keys not
    /// shown), so that a test or an operator sees how many calls a vendor would have counted in its window.
    /// </summary>
    public static void MapSandboxRequestCounts(this IEndpointRouteBuilder app, string prefix, SandboxRateLimiter limiter) =>
        app.MapGet(prefix + "/_sandbox/requests", () => TypedResults.Json(new { limit = limiter.PermitsPerWindow, keys = limiter.Windows() }, Json))
            .ExcludeFromDescription();

    private static void Apply(SandboxFaults faults, FaultRequest request)
    {
        if (request.ErrorRate is { } rate)
        {
            faults.ErrorRate = rate;
        }

        if (request.ErrorEvery is { } every)
        {
            faults.ErrorEvery = every;
        }

        if (request.LatencyMs is { } latency)
        {
            faults.LatencyMs = latency;
        }

        if (request.ForceStatus is { } status)
        {
            faults.ForceStatus(status, request.ForceStatusCount ?? 1, request.RetryAfterSeconds);
        }

        if (request.MalformedRate is { } malformed)
        {
            faults.MalformedRate = malformed;
        }

        if (request.ForceMalformedCount is { } count)
        {
            faults.ForceMalformed(count);
        }

        if (request.RevokeKey is { Length: > 0 } key)
        {
            faults.RevokeKey(key);
        }

        if (request.RestoreKey is { Length: > 0 } restored)
        {
            faults.RestoreKey(restored);
        }
    }

    private static Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<Dictionary<string, string>> Problem(string message) =>
        TypedResults.Json(new Dictionary<string, string> { ["error"] = message }, Json, statusCode: StatusCodes.Status400BadRequest);

    private sealed record FaultRequest(
        double? ErrorRate, int? LatencyMs, int? ForceStatus, int? ForceStatusCount, string? RevokeKey,
        int? RetryAfterSeconds = null, double? MalformedRate = null, int? ForceMalformedCount = null, string? RestoreKey = null,
        int? ErrorEvery = null);
}
