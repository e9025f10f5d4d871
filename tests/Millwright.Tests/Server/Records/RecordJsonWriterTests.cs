using System.Buffers;
using System.Text;
using System.Text.Json;
using Millwright.Client.Models;
using Millwright.Server.Features.Records;
using Millwright.Server.Features.Records.Query;

namespace Millwright.Tests.Server.Records;

/// <summary>
/// The writer's copy path (no expansions: the stored text copied token by token, issue 16) writes exactly the bytes
/// of its document path (JsonDocument + JsonProperty.WriteTo, which expansions still use): escapes, non-ASCII text,
/// numbers as stored, nested values, normalized date-times, reserved names dropped, long and escaped property names.
/// </summary>
public sealed class RecordJsonWriterTests
{
    private static readonly RecordSchemas Schemas = RecordSchemas.Build();

    [Theory]
    [InlineData("""{"title":"Pump <1> & \"seal\" é 日本 \ud83d\ude00 \u00e9\n","status":"open","priority":"high","due_at":"2026-01-02T03:04:05+02:00","asset_id":"rec_a","id":"spoof","created_at":"x","raw":1,"custom_fields":{"a\u0041":[1,2.50,-3e5,true,false,null,{"x":[],"y":{}}],"é":"\u00e9"}}""")]
    [InlineData("""{"due_at":"not a date","completed_at":null,"custom_fields":{}}""")]
    [InlineData("""{"ti\u0074le":"escaped name","custom_fields":{"very_long_name_0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789":"long"}}""")]
    [InlineData("""{"custom_fields":{"nested":[[[1]],[{"a":[null]}]]},"labels":["a","b"],"estimated_hours":0.10}""")]
    public void WriteRecord_WithoutExpansions_WritesTheDocumentPathsBytes(string data)
    {
        var schema = Schemas[Entity.WorkOrders];
        var record = new StoredRecord("rec_1", "r1", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddDays(1), null, null, null, data, """{"raw":true}""");
        var assets = Schemas[Entity.Assets];
        // An expansion whose record is absent sends the writer down the document path and adds only "asset": null.
        var expansion = new Expansion(schema.Expansions["asset"], new RecordSet(assets, [], IncludeRaw: false, []), new Dictionary<string, StoredRecord>());

        var copied = Write(new RecordSet(schema, [record], IncludeRaw: true, []), record);
        var document = Write(new RecordSet(schema, [record], IncludeRaw: true, [expansion]), record);

        Assert.Equal(document, copied.Replace("\"asset_id\":\"rec_a\",", "\"asset_id\":\"rec_a\",\"asset\":null,", StringComparison.Ordinal)
            .Replace(",\"raw\":", data.Contains("asset_id", StringComparison.Ordinal) ? ",\"raw\":" : ",\"asset\":null,\"raw\":", StringComparison.Ordinal));
        Assert.DoesNotContain("spoof", copied, StringComparison.Ordinal);
        using var parsed = JsonDocument.Parse(copied);
        Assert.Equal("rec_1", parsed.RootElement.GetProperty("id").GetString());
    }

    private static string Write(RecordSet set, StoredRecord record)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            RecordJsonWriter.WriteRecord(writer, set, record);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
