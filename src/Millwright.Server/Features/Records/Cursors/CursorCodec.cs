using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Millwright.Client.Errors;
using Millwright.Server.Hosting.Errors;

namespace Millwright.Server.Features.Records.Cursors;

/// <summary>Where the next page starts: the sort-key values of the last row returned, and its id.</summary>
internal sealed record CursorPosition(IReadOnlyList<object?> Keys, string Id);

/// <summary>
/// Opaque, signed cursors. Layout before base64url: version (1 byte) | query fingerprint (16) |
/// key count (1) | keys (tag + value each) | id | HMAC-SHA256 of all of that, truncated to 16 bytes.
/// A cursor decodes only with the same server key and the same query fingerprint; anything else is
/// <c>INVALID_CURSOR</c>. Nothing inside is secret (it is the last row's sort values), the signature only
/// stops clients from forging positions or replaying a cursor against another query or connection.
/// </summary>
internal sealed class CursorCodec(CursorKey key)
{
    public const int MaxLength = 2048;
    private const byte Version = 1;
    private const int MacSize = 16;

    public string Encode(ReadOnlySpan<byte> fingerprint, CursorPosition position)
    {
        using var buffer = new MemoryStream(64);
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Version);
            writer.Write(fingerprint);
            writer.Write((byte)position.Keys.Count);
            foreach (var value in position.Keys)
            {
                CursorValues.Write(writer, value);
            }

            writer.Write(position.Id);
        }

        var payload = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        var output = new byte[payload.Length + MacSize];
        payload.CopyTo(output);
        Sign(payload, output.AsSpan(payload.Length));
        return Base64Url.EncodeToString(output);
    }

    public CursorPosition Decode(string cursor, ReadOnlySpan<byte> fingerprint, int keyCount)
    {
        if (cursor.Length is 0 or > MaxLength || !Base64Url.IsValid(cursor))
        {
            throw Invalid("The cursor is not one this server issued.");
        }

        var bytes = Base64Url.DecodeFromChars(cursor);
        if (bytes.Length < 2 + QueryFingerprint.Size + MacSize)
        {
            throw Invalid("The cursor is not one this server issued.");
        }

        var payload = bytes.AsSpan(0, bytes.Length - MacSize);
        Span<byte> expected = stackalloc byte[MacSize];
        Sign(payload, expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, bytes.AsSpan(payload.Length)) || payload[0] != Version)
        {
            throw Invalid("The cursor is not one this server issued, or it was altered.");
        }

        if (!payload.Slice(1, QueryFingerprint.Size).SequenceEqual(fingerprint))
        {
            throw Invalid("The cursor belongs to a different query: pass the same filters, sort, updated_after and include_deleted as the request that returned it.");
        }

        using var reader = new BinaryReader(new MemoryStream(bytes, 1 + QueryFingerprint.Size, payload.Length - 1 - QueryFingerprint.Size), Encoding.UTF8);
        try
        {
            var count = reader.ReadByte();
            if (count != keyCount)
            {
                throw Invalid("The cursor belongs to a different query.");
            }

            var keys = new object?[count];
            for (var i = 0; i < count; i++)
            {
                keys[i] = CursorValues.Read(reader);
            }

            return new CursorPosition(keys, reader.ReadString());
        }
        catch (Exception ex) when (ex is EndOfStreamException or FormatException or InvalidDataException or ArgumentException)
        {
            // Signed by us yet unreadable: a cursor of an incompatible server version.
            throw Invalid("The cursor was issued by an incompatible server version; start again without a cursor.");
        }
    }

    private void Sign(ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key.Bytes, payload, mac);
        mac[..MacSize].CopyTo(destination);
    }

    private static ApiException Invalid(string message) => new(StatusCodes.Status400BadRequest, ErrorCodes.InvalidCursor, message,
        details: [new ErrorDetail("cursor", message)]);
}

/// <summary>The scalar types a sort key can hold, each with a one-byte tag.</summary>
internal static class CursorValues
{
    public static void Write(BinaryWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.Write((byte)0);
                break;
            case long l:
                writer.Write((byte)1);
                writer.Write(l);
                break;
            case double d:
                writer.Write((byte)2);
                writer.Write(d);
                break;
            case string s:
                writer.Write((byte)3);
                writer.Write(s);
                break;
            case bool b:
                writer.Write((byte)4);
                writer.Write(b);
                break;
            case DateTime t:
                writer.Write((byte)5);
                writer.Write(t.ToUniversalTime().Ticks);
                break;
            default:
                throw new InvalidOperationException($"A sort key of type {value.GetType().Name} cannot go into a cursor.");
        }
    }

    public static object? Read(BinaryReader reader) => reader.ReadByte() switch
    {
        0 => null,
        1 => reader.ReadInt64(),
        2 => reader.ReadDouble(),
        3 => reader.ReadString(),
        4 => reader.ReadBoolean(),
        5 => new DateTime(reader.ReadInt64(), DateTimeKind.Utc),
        var tag => throw new InvalidDataException($"Unknown cursor value tag {tag}."),
    };
}
