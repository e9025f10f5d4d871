using System.Text.Json.Nodes;

namespace Millwright.Client.Writes;

/// <summary>A call of the connected system's own API (<c>POST /v1/passthrough</c>).</summary>
/// <param name="Method">GET, POST, PUT, PATCH or DELETE.</param>
/// <param name="Path">Relative to the connection's base URL, e.g. <c>workorders/42/comments</c>.</param>
/// <param name="Query">Query parameters: a text (or number, boolean) or a list of them per name.</param>
/// <param name="Headers">Extra headers; credential headers are refused (Millwright adds the connection's own).</param>
/// <param name="Body">A JSON body for the system.</param>
public sealed record PassthroughCall(string Method, string Path, JsonObject? Query = null, Dictionary<string, string>? Headers = null, JsonNode? Body = null);

/// <summary>The system's answer, wrapped: Millwright answers 200 with this whatever the system answered, so its own
/// errors (the error envelope with a non-2xx status) are never mistaken for the system's.</summary>
/// <param name="Status">The system's HTTP status.</param>
/// <param name="Headers">A safe subset of the system's response headers (content type, ETag, rate-limit headers …), lower-case names.</param>
/// <param name="Body">The system's body: JSON as JSON, anything else as a JSON string.</param>
public sealed record PassthroughResult(int Status, Dictionary<string, string> Headers, JsonNode? Body);

/// <summary>Options of one write.</summary>
/// <param name="IdempotencyKey">Sent as <c>Idempotency-Key</c>; the client makes one up for every POST and PATCH when null,
/// so that its own retries never write twice. Pass your own to make retries across processes safe (24 hours).</param>
public sealed record WriteOptions(string? IdempotencyKey = null);
