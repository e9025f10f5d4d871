namespace Millwright.Connectors.Mapping.Expressions;

/// <summary>
/// Hand-written ISO 8601 for the shapes APIs send (<c>2024-03-05T10:00:00Z</c>, with fraction or offset),
/// because dates are in most mappings and the general parsers and custom formats cost several times more.
/// Anything else falls back to the framework parsers in <see cref="Values.ToDate"/>.
/// </summary>
internal static class IsoDates
{
    /// <summary><c>yyyy-MM-ddTHH:mm:ss</c> + optional <c>.f</c> to <c>.fffffff</c> + <c>Z</c>, <c>±HH:MM</c> or nothing (UTC).</summary>
    public static bool TryParse(ReadOnlySpan<char> s, out DateTimeOffset value)
    {
        value = default;
        if (s.Length < 19 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || s[13] != ':' || s[16] != ':'
            || !Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day)
            || !Digits(s, 11, 2, out var hour) || !Digits(s, 14, 2, out var minute) || !Digits(s, 17, 2, out var second))
        {
            return false;
        }

        var i = 19;
        long fraction = 0;
        if (i < s.Length && s[i] == '.')
        {
            var start = ++i;
            while (i < s.Length && char.IsAsciiDigit(s[i]) && i - start < 7)
            {
                fraction = (fraction * 10) + (s[i] - '0');
                i++;
            }

            if (i == start || (i < s.Length && char.IsAsciiDigit(s[i])))
            {
                return false;
            }

            for (var n = i - start; n < 7; n++)
            {
                fraction *= 10;
            }
        }

        var offset = TimeSpan.Zero;
        if (i < s.Length)
        {
            if (s[i] is 'Z' or 'z' && i + 1 == s.Length)
            {
                i++;
            }
            else if (s[i] is '+' or '-' && s.Length - i == 6 && s[i + 3] == ':' && Digits(s, i + 1, 2, out var oh) && Digits(s, i + 4, 2, out var om) && oh <= 14 && om < 60)
            {
                offset = new TimeSpan(oh, om, 0);
                offset = s[i] == '-' ? -offset : offset;
                i = s.Length;
            }
            else
            {
                return false;
            }
        }

        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Max(year, 1), month) || year < 1
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(fraction);
        var utcTicks = local.Ticks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        value = new DateTimeOffset(utcTicks, TimeSpan.Zero);
        return true;
    }

    public static string Format(DateTimeOffset value)
    {
        var utc = value.UtcDateTime;
        var fraction = (int)(utc.Ticks % TimeSpan.TicksPerSecond);
        var digits = 7;
        while (fraction != 0 && fraction % 10 == 0)
        {
            fraction /= 10;
            digits--;
        }

        var length = 20 + (fraction == 0 ? 0 : digits + 1);
        return string.Create(length, (utc, fraction, digits), static (span, state) =>
        {
            var (t, f, n) = state;
            Write(span, 0, t.Year, 4);
            span[4] = '-';
            Write(span, 5, t.Month, 2);
            span[7] = '-';
            Write(span, 8, t.Day, 2);
            span[10] = 'T';
            Write(span, 11, t.Hour, 2);
            span[13] = ':';
            Write(span, 14, t.Minute, 2);
            span[16] = ':';
            Write(span, 17, t.Second, 2);
            if (f != 0)
            {
                span[19] = '.';
                Write(span, 20, f, n);
            }

            span[^1] = 'Z';
        });
    }

    private static void Write(Span<char> span, int at, int value, int width)
    {
        for (var i = at + width - 1; i >= at; i--)
        {
            span[i] = (char)('0' + (value % 10));
            value /= 10;
        }
    }

    private static bool Digits(ReadOnlySpan<char> s, int at, int count, out int value)
    {
        value = 0;
        for (var i = at; i < at + count; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                return false;
            }

            value = (value * 10) + (s[i] - '0');
        }

        return true;
    }
}
