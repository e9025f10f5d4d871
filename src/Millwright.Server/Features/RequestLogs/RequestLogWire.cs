using System.Text.Json;
using Millwright.Client.Models;
using Millwright.Client.RequestLogs;

namespace Millwright.Server.Features.RequestLogs;

/// <summary>Request log rows to their wire shapes.</summary>
internal static class RequestLogWire
{
    public static RequestLog ToSummary(this RequestLogRow row) => new()
    {
        Id = row.Id,
        Kind = row.Kind == LogRows.SyncKind ? RequestLogKind.Sync : RequestLogKind.Api,
        ConnectionId = row.ConnectionId,
        CredentialId = row.CredentialId,
        Method = row.Method,
        Path = row.Path,
        Query = row.Query,
        Status = row.Status,
        DurationMs = row.DurationMs,
        CreatedAt = row.CreatedAt,
        UpstreamCallCount = row.UpstreamCallCount,
        RequestBodyTruncated = row.RequestBodyTruncated,
        ResponseBodyTruncated = row.ResponseBodyTruncated,
    };

    public static RequestLog ToDetail(this RequestLogRow row, IEnumerable<UpstreamCallRow> calls) => row.ToSummary() with
    {
        RequestHeaders = Headers(row.RequestHeadersJson),
        RequestBody = row.RequestBody,
        ResponseHeaders = Headers(row.ResponseHeadersJson),
        ResponseBody = row.ResponseBody,
        UpstreamCalls = [.. calls.Select(ToWire)],
    };

    private static UpstreamCallLog ToWire(UpstreamCallRow call) => new()
    {
        System = call.System,
        ConnectionId = call.ConnectionId,
        Method = call.Method,
        Url = call.Url,
        Status = call.Status,
        Outcome = JsonSerializer.Deserialize<UpstreamCallOutcome>($"\"{call.Outcome}\"", MillwrightJson.Options),
        Error = call.Error,
        DurationMs = call.DurationMs,
        StartedAt = call.StartedAt,
    };

    private static Dictionary<string, string>? Headers(string? json) =>
        json is null ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(json);
}
