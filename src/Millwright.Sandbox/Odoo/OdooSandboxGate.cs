using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Millwright.Sandbox.Odoo;

/// <summary>
/// What happens before and after a call on both protocols: the fault knobs (latency, forced statuses,
/// random 500s, truncated bodies), the optional rate limit, and writing JSON as Odoo does.
/// </summary>
internal static class OdooSandboxGate
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The refusal a fault knob or the rate limit imposes on this request, or null to serve it.</summary>
    public static async Task<IResult?> BeforeAsync(HttpContext http, OdooSandbox sandbox, string caller)
    {
        DisableHostErrorPages(http);
        if (sandbox.Faults.LatencyMs is > 0 and var latency)
        {
            // Wall-clock on purpose: latency is felt by the client, not by the emulated clock.
            await Task.Delay(latency, http.RequestAborted);
        }

        if (sandbox.RateLimiter?.Acquire(caller) is { Allowed: false } decision)
        {
            http.Response.Headers.RetryAfter = decision.ResetSeconds.ToString(CultureInfo.InvariantCulture);
            return Html(StatusCodes.Status429TooManyRequests, "Too Many Requests", "You have sent too many requests in a given amount of time.");
        }

        if (sandbox.Faults.NextFailure() is { } status)
        {
            if (status == StatusCodes.Status429TooManyRequests)
            {
                http.Response.Headers.RetryAfter = (sandbox.Faults.ForcedRetryAfterSeconds ?? 1).ToString(CultureInfo.InvariantCulture);
                return Html(status, "Too Many Requests", "You have sent too many requests in a given amount of time.");
            }

            // Forced statuses come from the server or the reverse proxy in front of it as HTML pages, not as JSON-RPC errors.
            return status switch
            {
                401 => Html(status, "Unauthorized", "The server could not verify that you are authorized to access the URL requested."),
                403 => Html(status, "Forbidden", "You don't have the permission to access the requested resource."),
                _ => Html(status, status switch { 502 => "Bad Gateway", 503 => "Service Unavailable", 504 => "Gateway Timeout", _ => "Internal Server Error" },
                    "The server encountered an internal error and was unable to complete your request."),
            };
        }

        return null;
    }

    /// <summary>A JSON answer; truncated when the malformed-body knob fires.</summary>
    public static IResult Answer(OdooSandbox sandbox, JsonNode? body, int status = StatusCodes.Status200OK)
    {
        var text = body?.ToJsonString(Json) ?? "null";
        if (status == StatusCodes.Status200OK && sandbox.Faults.NextMalformed())
        {
            text = text[..(text.Length / 2)];
        }

        return Results.Text(text, "application/json", Encoding.UTF8, status);
    }

    /// <summary>werkzeug's HTML error page.</summary>
    public static IResult Html(int status, string title, string text) =>
        Results.Text($"<!doctype html>\n<html lang=en>\n<title>{status} {title}</title>\n<h1>{title}</h1>\n<p>{text}</p>\n", "text/html", Encoding.UTF8, status);

    /// <summary>Any path under the prefix that the emulator does not serve (and <c>/json/2</c> before 19.0).</summary>
    public static IResult NotFound(HttpContext http)
    {
        DisableHostErrorPages(http);
        return Html(StatusCodes.Status404NotFound, "Not Found",
            "The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.");
    }

    public static async Task<JsonNode?> ReadBodyAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(http.RequestAborted);
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    /// <summary>The hosting server's status-code pages must not rewrite the vendor's error bodies.</summary>
    private static void DisableHostErrorPages(HttpContext http)
    {
        if (http.Features.Get<IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }
    }
}
