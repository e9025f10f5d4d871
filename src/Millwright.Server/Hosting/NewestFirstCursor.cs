using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Millwright.Client.Errors;
using Millwright.Server.Hosting.Errors;

namespace Millwright.Server.Hosting;

/// <summary>
/// Keyset position in an account-side list ordered newest first by (created_at, id): connections,
/// tokens, sync runs. The cursor is opaque to clients and carries a hash of the list's scope and filters
/// (the <c>query</c> argument), so it cannot be replayed against another list or query.
/// </summary>
internal readonly record struct NewestFirstCursor(DateTimeOffset CreatedAt, string Id)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public static int Limit(int? limit) => limit switch
    {
        null => DefaultLimit,
        < 1 or > MaxLimit => throw ApiException.BadQuery("limit", $"limit must be between 1 and {MaxLimit}."),
        _ => limit.Value,
    };

    public string Encode(string query)
    {
        var micros = (CreatedAt.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
        var text = string.Create(CultureInfo.InvariantCulture, $"{micros}|{Id}|{QueryHash(query)}");
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));
    }

    public static NewestFirstCursor? Decode(string? cursor, string query)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return null;
        }

        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor)).Split('|');
            if (parts.Length == 3 && parts[2] == QueryHash(query)
                && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var micros) && parts[1].Length > 0)
            {
                return new NewestFirstCursor(new DateTimeOffset(DateTimeOffset.UnixEpoch.UtcTicks + (micros * 10), TimeSpan.Zero), parts[1]);
            }
        }
        catch (FormatException)
        {
            // Falls through to the refusal below.
        }
        catch (ArgumentOutOfRangeException)
        {
            // A time outside DateTimeOffset's range: tampered with.
        }

        throw new ApiException(StatusCodes.Status400BadRequest, ErrorCodes.InvalidCursor,
            "The cursor is not valid for this query; start again without a cursor.", details: [new ErrorDetail("cursor", "Invalid cursor.")]);
    }

    private static string QueryHash(string query) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(query)).AsSpan(0, 8));
}
