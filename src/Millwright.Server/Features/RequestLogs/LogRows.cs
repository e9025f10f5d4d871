using System.Text.Json;
using Millwright.Connectors.Http;

namespace Millwright.Server.Features.RequestLogs;

/// <summary>The rows one write stores: entries first, then the upstream calls under them.</summary>
internal sealed class LogBatch
{
    public List<RequestLogRow> Entries { get; } = [];

    public List<UpstreamCallRow> Calls { get; } = [];
}

/// <summary>Turns queued items into rows: redaction and encoding happen here, on the writer, not on the request.</summary>
internal static class LogRows
{
    public const string ApiKind = "api";
    public const string SyncKind = "sync";

    public static void AddApiCalls(LogBatch batch, IEnumerable<ApiCallItem> items)
    {
        foreach (var item in items)
        {
            var secrets = BearerOf(item.RequestHeaders);
            batch.Entries.Add(new RequestLogRow
            {
                Id = item.RequestId,
                Kind = ApiKind,
                AccountId = item.AccountId,
                Environment = item.Environment,
                ConnectionId = item.ConnectionId,
                CredentialId = item.CredentialId,
                Method = item.Method,
                Path = item.Path,
                Query = SecretRedactor.Query(item.Query),
                Status = item.Status,
                DurationMs = Math.Round(item.DurationMs, 3),
                RequestHeadersJson = SecretRedactor.Headers(item.RequestHeaders),
                RequestBody = SecretRedactor.Body(item.RequestBody.Bytes, item.RequestBody.Truncated, secrets),
                RequestBodyTruncated = item.RequestBody.Truncated,
                ResponseHeadersJson = SecretRedactor.Headers(item.ResponseHeaders),
                ResponseBody = SecretRedactor.Body(item.ResponseBody.Bytes, item.ResponseBody.Truncated, secrets),
                ResponseBodyTruncated = item.ResponseBody.Truncated,
                UpstreamCallCount = item.UpstreamCalls.Count,
                CreatedAt = Micros(item.StartedAt),
            });
            item.RequestBody.Release();
            item.ResponseBody.Release();
            foreach (var call in item.UpstreamCalls)
            {
                batch.Calls.Add(ToRow(item.RequestId, call));
            }
        }
    }

    public static UpstreamCallRow ToRow(string owner, UpstreamCall call) => new()
    {
        RequestLogId = owner,
        System = call.System,
        ConnectionId = call.ConnectionId,
        Method = call.Method,
        Url = call.Url,
        Status = call.Status,
        Outcome = JsonNamingPolicy.SnakeCaseLower.ConvertName(call.Outcome.ToString()),
        Error = call.Error,
        DurationMs = Math.Round(call.DurationMs, 3),
        StartedAt = Micros(call.StartedAt),
    };

    /// <summary>Both stores keep microseconds; truncating up front keeps cursors exact.</summary>
    public static DateTimeOffset Micros(DateTimeOffset value) => new(value.UtcTicks - (value.UtcTicks % 10), TimeSpan.Zero);

    private static string[] BearerOf(KeyValuePair<string, string>[] headers)
    {
        foreach (var (name, value) in headers)
        {
            if (name.Equals("authorization", StringComparison.OrdinalIgnoreCase) && value.IndexOf(' ', StringComparison.Ordinal) is > 0 and var space)
            {
                return [value[(space + 1)..].Trim()];
            }
        }

        return [];
    }
}
