using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Millwright.Connectors.Core;

/// <summary>
/// The connector-side cursor of one read sequence: the vendor's cursor plus what is needed to carry the
/// sequence's filter across pages and to notice a vendor that hands out a cursor it already gave.
/// Repeats are caught two ways in constant space: the last <see cref="RecentCapacity"/> cursors
/// (the common bug: the same cursor again), and Brent's cycle detection (a longer loop is found within
/// a couple of its own lengths). Encoded as opaque base64url JSON.
/// </summary>
internal sealed record PagingCursor
{
    private const int RecentCapacity = 8;

    [JsonPropertyName("v")] public string? Vendor { get; init; }

    /// <summary>The <c>modified since</c> of the whole sequence, fixed at its first page.</summary>
    [JsonPropertyName("m")] public DateTimeOffset? ModifiedSince { get; init; }

    /// <summary>Pages read so far in this sequence.</summary>
    [JsonPropertyName("n")] public int Page { get; init; }

    [JsonPropertyName("r")] public IReadOnlyList<ulong> Recent { get; init; } = [];

    [JsonPropertyName("t")] public ulong Tortoise { get; init; }

    [JsonPropertyName("p")] public int Power { get; init; } = 1;

    [JsonPropertyName("l")] public int Lambda { get; init; }

    public static PagingCursor Start(DateTimeOffset? modifiedSince) => new() { ModifiedSince = modifiedSince };

    /// <summary>The cursor for the page after this one, or null when <paramref name="nextVendorCursor"/> was seen before in this sequence.</summary>
    public PagingCursor? Advance(string nextVendorCursor)
    {
        ArgumentNullException.ThrowIfNull(nextVendorCursor);
        var hash = BinaryPrimitives.ReadUInt64LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(nextVendorCursor)));
        if (Recent.Contains(hash) || (Page > 0 && hash == Tortoise))
        {
            return null;
        }

        // Brent: the tortoise jumps to the current position whenever the hare has gone `power` steps.
        var (tortoise, power, lambda) = Lambda + 1 == Power ? (hash, Power * 2, 0) : (Tortoise, Power, Lambda + 1);
        return this with
        {
            Vendor = nextVendorCursor,
            Page = Page + 1,
            Recent = [.. Recent.TakeLast(RecentCapacity - 1), hash],
            Tortoise = tortoise,
            Power = power,
            Lambda = lambda,
        };
    }

    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this, CursorJson.Default.PagingCursor));

    /// <summary>Decodes a cursor made by <see cref="Encode"/>; null when it is not one.</summary>
    public static PagingCursor? Decode(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 4096)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(Base64Url.DecodeFromChars(text), CursorJson.Default.PagingCursor);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }
}

[JsonSerializable(typeof(PagingCursor))]
internal sealed partial class CursorJson : JsonSerializerContext;
