using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Millwright.Client.Errors;
using Millwright.Client.Models;
using Millwright.Server.Features.Records.Cursors;
using Millwright.Server.Features.Records.Query;
using Millwright.Server.Hosting;
using Millwright.Server.Hosting.Errors;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Records;

public sealed class CursorCodecTests
{
    private static readonly EntitySchema WorkOrders = RecordSchemas.Build()[Entity.WorkOrders];
    private readonly CursorCodec codec = new(new CursorKey(RandomNumberGenerator.GetBytes(32)));
    private readonly byte[] fingerprint = RandomNumberGenerator.GetBytes(QueryFingerprint.Size);

    [Fact]
    public void Decode_EncodedPosition_RoundTripsEveryValueType()
    {
        object?[] keys = [null, 42L, -1.0000000000000002, "naïve \u0000 text", true, new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(7)];
        var cursor = codec.Encode(fingerprint, new CursorPosition(keys, "wo_0123"));

        var position = codec.Decode(cursor, fingerprint, keys.Length);

        Assert.Equal(keys, position.Keys);
        Assert.Equal("wo_0123", position.Id);
        Assert.DoesNotContain('+', cursor);
        Assert.DoesNotContain('/', cursor);
        Assert.DoesNotContain('=', cursor);
    }

    [Fact]
    public void Decode_AnyByteChanged_ThrowsInvalidCursor()
    {
        var cursor = codec.Encode(fingerprint, new CursorPosition([123L, "x"], "wo_1"));
        var bytes = Base64UrlDecode(cursor);
        for (var i = 0; i < bytes.Length; i++)
        {
            var tampered = (byte[])bytes.Clone();
            tampered[i] ^= 0x01;
            AssertInvalid(() => codec.Decode(Base64UrlEncode(tampered), fingerprint, 2));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("x")]
    [InlineData("not a cursor")]
    [InlineData("AAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("%%%%")]
    public void Decode_Garbage_ThrowsInvalidCursor(string cursor) => AssertInvalid(() => codec.Decode(cursor, fingerprint, 0));

    [Fact]
    public void Decode_TooLong_ThrowsInvalidCursor() => AssertInvalid(() => codec.Decode(new string('A', CursorCodec.MaxLength + 1), fingerprint, 0));

    [Fact]
    public void Decode_OtherQueryFingerprint_ThrowsInvalidCursor()
    {
        var cursor = codec.Encode(fingerprint, new CursorPosition([1L], "wo_1"));
        var error = AssertInvalid(() => codec.Decode(cursor, RandomNumberGenerator.GetBytes(QueryFingerprint.Size), 1));
        Assert.Contains("different query", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_SignedWithAnotherKey_ThrowsInvalidCursor()
    {
        var other = new CursorCodec(new CursorKey(RandomNumberGenerator.GetBytes(32)));
        var cursor = other.Encode(fingerprint, new CursorPosition([1L], "wo_1"));
        AssertInvalid(() => codec.Decode(cursor, fingerprint, 1));
    }

    [Fact]
    public void Decode_OtherKeyCount_ThrowsInvalidCursor()
    {
        var cursor = codec.Encode(fingerprint, new CursorPosition([1L], "wo_1"));
        AssertInvalid(() => codec.Decode(cursor, fingerprint, 2));
    }

    [Fact]
    public void CursorKey_FromEncryptionKey_IsStableAndDiffersFromIt()
    {
        var master = RandomNumberGenerator.GetBytes(32);
        var options = new MillwrightOptions { EncryptionKey = Convert.ToBase64String(master), DataDirectory = "unused" };
        var a = CursorKey.Load(options);
        var b = CursorKey.Load(options);
        Assert.Equal(a.Bytes, b.Bytes);
        Assert.NotEqual(master, a.Bytes);
    }

    [Fact]
    public void CursorKey_WithoutEncryptionKey_IsKeptInTheDataFolder()
    {
        var folder = Path.Combine(TestFolders.Root, Guid.NewGuid().ToString("n"));
        var options = new MillwrightOptions { DataDirectory = folder };
        var first = CursorKey.Load(options);
        Assert.Equal(first.Bytes, CursorKey.Load(options).Bytes);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(folder, "cursor.key")));
        }
    }

    [Theory]
    [InlineData("filter[status]=open&filter[priority:gte]=high", "filter[priority:gte]=HIGH&filter[status:eq]=OPEN")]
    [InlineData("filter[due_at:gt]=2026-01-01T10:00:00%2B02:00", "filter[due_at:gt]=2026-01-01T08:00:00Z")]
    [InlineData("filter[status:in]=open,on_hold", "filter[status:in]=on_hold,open")]
    [InlineData("sort=-due_at&limit=5", "sort=-due_at&limit=50&expand=asset&include_raw=true")]
    [InlineData("updated_after=2026-01-01", "updated_after=2026-01-01T00:00:00Z")]
    [InlineData("filter[custom_fields.x:gt]=10", "filter[custom_fields.x:gt]=10")]
    public void Fingerprint_SameRowsAndOrder_IsEqual(string a, string b) =>
        Assert.Equal(Fingerprint("conn_a", a), Fingerprint("conn_a", b));

    [Theory]
    [InlineData("filter[status]=open", "filter[status]=on_hold")]
    [InlineData("filter[status]=open", "filter[status:ne]=open")]
    [InlineData("sort=due_at", "sort=-due_at")]
    [InlineData("sort=due_at,title", "sort=title,due_at")]
    [InlineData("", "sort=updated_at,id")]
    [InlineData("", "include_deleted=true")]
    [InlineData("", "updated_after=2026-01-01")]
    [InlineData("filter[custom_fields.x]=1", "filter[custom_fields.y]=1")]
    public void Fingerprint_OtherRowsOrOrder_Differs(string a, string b) =>
        Assert.NotEqual(Fingerprint("conn_a", a), Fingerprint("conn_a", b));

    [Fact]
    public void Fingerprint_OtherConnectionOrEntity_Differs()
    {
        var query = QueryParser.ParseList(WorkOrders, new QueryCollection(QueryHelpers.ParseQuery("")));
        Assert.NotEqual(QueryFingerprint.Compute("conn_a", "work-orders", query), QueryFingerprint.Compute("conn_b", "work-orders", query));
        Assert.NotEqual(QueryFingerprint.Compute("conn_a", "work-orders", query), QueryFingerprint.Compute("conn_a", "assets", query));
    }

    private static byte[] Fingerprint(string connection, string query) =>
        QueryFingerprint.Compute(connection, "work-orders", QueryParser.ParseList(WorkOrders, new QueryCollection(QueryHelpers.ParseQuery(query))));

    private static ApiException AssertInvalid(Action decode)
    {
        var error = Assert.Throws<ApiException>(decode);
        Assert.Equal(400, error.Status);
        Assert.Equal(ErrorCodes.InvalidCursor, error.Code);
        return error;
    }

    private static byte[] Base64UrlDecode(string value) => System.Buffers.Text.Base64Url.DecodeFromChars(value);

    private static string Base64UrlEncode(byte[] value) => System.Buffers.Text.Base64Url.EncodeToString(value);
}
