using System.Text.Json;

namespace Millwright.Server.Features.Records;

/// <summary><c>{ "data": [ … ], "next_cursor": … }</c>, written to the response pipe as it goes.</summary>
internal sealed class RecordPageResult(RecordSet set, string? nextCursor) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    private const int FlushThreshold = 32 * 1024;

    public int? StatusCode => StatusCodes.Status200OK;

    public string ContentType => "application/json; charset=utf-8";

    public RecordSet Set => set;

    public string? NextCursor => nextCursor;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        await using var writer = new Utf8JsonWriter(response.BodyWriter);
        writer.WriteStartObject();
        writer.WriteStartArray("data");
        foreach (var record in set.Rows)
        {
            RecordJsonWriter.WriteRecord(writer, set, record);
            if (writer.BytesPending > FlushThreshold)
            {
                // Hand the bytes to the pipe and let Kestrel send them while the next records are written.
                writer.Flush();
                await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
            }
        }

        writer.WriteEndArray();
        writer.WriteString("next_cursor", nextCursor);
        writer.WriteEndObject();
        writer.Flush();
        await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }
}

/// <summary>One record as the response body.</summary>
internal sealed class RecordResult(RecordSet set) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public int? StatusCode => StatusCodes.Status200OK;

    public string ContentType => "application/json; charset=utf-8";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        await using var writer = new Utf8JsonWriter(response.BodyWriter);
        RecordJsonWriter.WriteRecord(writer, set, set.Rows[0]);
        writer.Flush();
        await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }
}
