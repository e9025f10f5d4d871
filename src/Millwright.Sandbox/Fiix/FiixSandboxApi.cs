using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Millwright.Sandbox.Fiix;

/// <summary>
/// <c>POST {tenant}/api/</c>: latency, forced transport failures (5xx) and throttles, the message,
/// authentication, the per-access-key throttle (code 1100 with the retry advisory), then the message is
/// executed under the tenant lock. Every Fiix-level failure is HTTP 200 with an <c>error</c> object, as
/// the SDKs expect (they treat any other status as a transport failure).
/// </summary>
internal sealed class FiixSandboxEndpoint(FiixSandbox sandbox)
{
    private const int MaxBodyBytes = 4 * 1024 * 1024;

    /// <summary>The advisory of a forced 429 without a stated wait: the Java SDK's own default (SOURCE.md).</summary>
    private const long DefaultAdvisoryMs = 4000;

    public async Task<IResult> HandleAsync(HttpContext http)
    {
        if (http.Features.Get<IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }

        if (sandbox.Faults.LatencyMs is > 0 and var latency)
        {
            // Wall-clock on purpose: latency is felt by the client, not by the emulated clock.
            await Task.Delay(latency, http.RequestAborted);
        }

        var request = await ReadAsync(http);
        var messageClass = request is not null && request["_maCn"] is JsonValue tag && tag.GetValueKind() == JsonValueKind.String ? (string)tag! : null;
        var responseClass = messageClass is { } name && name.EndsWith("Request", StringComparison.Ordinal) ? name[..^"Request".Length] + "Response" : "Response";
        JsonObject response;
        try
        {
            if (sandbox.Faults.NextFailure() is { } status)
            {
                if (status != StatusCodes.Status429TooManyRequests)
                {
                    return Results.Text("<html><body><h1>503 Service Unavailable</h1></body></html>", "text/html", Encoding.UTF8, status);
                }

                throw FxError.ThrottledFor(sandbox.Faults.ForcedRetryAfterSeconds is { } seconds ? seconds * 1000L : DefaultAdvisoryMs);
            }

            if (request is null || messageClass is null)
            {
                throw FxError.BadMessage("The body must be a JSON message object with _maCn (FindRequest, AddRequest, …).");
            }

            var accessKey = FxSignature.Verify(http, sandbox, messageClass);
            if (sandbox.NextForcedThrottle() is { } forced)
            {
                throw FxError.ThrottledFor(forced);
            }

            if (sandbox.RateLimiter.Acquire(accessKey) is { Allowed: false } decision)
            {
                throw FxError.ThrottledFor(decision.ResetSeconds * 1000L);
            }

            lock (sandbox.Data.Gate)
            {
                response = new FxExecutor(sandbox).Execute(request);
            }
        }
        catch (FxError error)
        {
            response = new JsonObject { ["_maCn"] = responseClass, ["serverVersion"] = FxExecutor.Version(), ["error"] = error.ToJson() };
        }

        var body = response.ToJsonString();
        if (sandbox.Faults.NextMalformed())
        {
            body = body[..(body.Length / 2)];
        }

        return Results.Text(body, "application/json", Encoding.UTF8);
    }

    private static async Task<JsonObject?> ReadAsync(HttpContext http)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16384];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            return JsonNode.Parse(buffer.ToArray()) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
