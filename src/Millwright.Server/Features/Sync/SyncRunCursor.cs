using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Millwright.Client.Errors;
using Millwright.Server.Hosting.Errors;

namespace Millwright.Server.Features.Sync;

/// <summary>
/// Keyset position in a connection's runs, newest first by (created_at, id). Opaque to clients and bound
/// to the connection it was issued for.
/// </summary>
internal readonly record struct SyncRunCursor(DateTimeOffset CreatedAt, string Id)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public static int Limit(int? limit) => limit switch
    {
        null => DefaultLimit,
        < 1 or > MaxLimit => throw ApiException.BadQuery("limit", $"limit must be between 1 and {MaxLimit}."),
        _ => limit.Value,
    };

    public string Encode(string connectionId)
    {
        var micros = (CreatedAt.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"runs|{connectionId}|{micros}|{Id}")));
    }

    public static SyncRunCursor? Decode(string? cursor, string connectionId)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return null;
        }

        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor)).Split('|');
            if (parts is ["runs", var connection, var time, var id] && connection == connectionId && id.Length > 0
                && long.TryParse(time, NumberStyles.None, CultureInfo.InvariantCulture, out var micros))
            {
                return new SyncRunCursor(DateTimeOffset.UnixEpoch.AddTicks(micros * 10), id);
            }
        }
        catch (FormatException)
        {
            // Not base64url: refused below.
        }
        catch (ArgumentOutOfRangeException)
        {
            // A time outside DateTimeOffset's range: tampered with.
        }

        throw new ApiException(StatusCodes.Status400BadRequest, ErrorCodes.InvalidCursor,
            "The cursor is not valid for this list; start again without a cursor.", details: [new ErrorDetail("cursor", "Invalid cursor.")]);
    }
}
