using System.Globalization;

namespace Millwright.Sandbox.Sap;

internal enum SapTokenKind
{
    Name,
    Literal,
    LeftParen,
    RightParen,
    Comma,
    Equals,
    End,
}

/// <summary>One token of a <c>$filter</c>, key predicate or function-import parameter, with its 1-based position.</summary>
internal readonly record struct SapToken(SapTokenKind Kind, string Text, object? Value, int Position);

/// <summary>
/// Splits OData V2 URI expressions into tokens and parses their literals: <c>'text'</c> (quotes doubled),
/// <c>datetime'2024-01-31T00:00:00'</c>, <c>datetimeoffset'2024-01-31T00:00:00Z'</c>, <c>time'PT08H00M00S'</c>,
/// <c>guid'…'</c>, numbers with the V2 suffixes <c>M</c>, <c>L</c>, <c>d</c>, <c>f</c>, and
/// <c>true</c>/<c>false</c>/<c>null</c>. Malformed input becomes a <see cref="SapODataError"/>, never a crash.
/// </summary>
internal static partial class SapFilterLexer
{
    public const int MaxLength = 4096;

    private static readonly string[] DateTimeFormats =
        ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF"];

    private static readonly string[] DateTimeOffsetFormats =
        ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK"];

    /// <param name="v4">OData V4 literals too: dates <c>2024-01-31</c>, date-times <c>2024-01-31T08:00:00Z</c> and times of day
    /// <c>08:00:00</c> stand unquoted (V4 has no <c>datetime'…'</c> prefixes; the V2 ones stay accepted).</param>
    public static List<SapToken> Tokenize(string text, bool v4 = false)
    {
        if (text.Length > MaxLength)
        {
            throw SapODataError.BadRequest($"The expression is longer than {MaxLength} characters");
        }

        var tokens = new List<SapToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var start = i;
            switch (c)
            {
                case '(':
                    tokens.Add(new(SapTokenKind.LeftParen, "(", null, start + 1));
                    i++;
                    continue;
                case ')':
                    tokens.Add(new(SapTokenKind.RightParen, ")", null, start + 1));
                    i++;
                    continue;
                case ',':
                    tokens.Add(new(SapTokenKind.Comma, ",", null, start + 1));
                    i++;
                    continue;
                case '=':
                    tokens.Add(new(SapTokenKind.Equals, "=", null, start + 1));
                    i++;
                    continue;
                case '\'':
                    tokens.Add(new(SapTokenKind.Literal, "string", ReadQuoted(text, ref i), start + 1));
                    continue;
            }

            if (v4 && char.IsAsciiDigit(c) && V4Temporal(text, ref i) is { } temporal)
            {
                tokens.Add(new(SapTokenKind.Literal, temporal is TimeSpan ? "time" : temporal is DateTimeOffset ? "datetimeoffset" : "date", temporal, start + 1));
                continue;
            }

            if (char.IsAsciiDigit(c) || (c is '-' or '+' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                tokens.Add(new(SapTokenKind.Literal, "number", ReadNumber(text, ref i), start + 1));
                continue;
            }

            if (!(char.IsAsciiLetter(c) || c is '_' or '$'))
            {
                throw SapODataError.BadRequest($"Invalid token detected at position {start + 1}");
            }

            while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '_' or '/' or '.' or '$'))
            {
                i++;
            }

            var name = text[start..i];
            if (i < text.Length && text[i] == '\'' && name is "datetime" or "datetimeoffset" or "time" or "guid")
            {
                var raw = ReadQuoted(text, ref i);
                tokens.Add(new(SapTokenKind.Literal, name, Typed(name, raw, start + 1), start + 1));
                continue;
            }

            tokens.Add(name switch
            {
                "true" => new(SapTokenKind.Literal, "boolean", true, start + 1),
                "false" => new(SapTokenKind.Literal, "boolean", false, start + 1),
                "null" => new(SapTokenKind.Literal, "null", null, start + 1),
                _ => new(SapTokenKind.Name, name, null, start + 1),
            });
        }

        tokens.Add(new(SapTokenKind.End, "end of expression", null, text.Length + 1));
        return tokens;
    }

    /// <summary>One literal standing alone (a key value or a function-import parameter).</summary>
    public static object? ParseLiteral(string text, bool v4 = false)
    {
        var tokens = Tokenize(text, v4);
        if (tokens.Count != 2 || tokens[0].Kind != SapTokenKind.Literal)
        {
            throw SapODataError.BadRequest($"Invalid literal '{text}'");
        }

        return tokens[0].Value;
    }

    /// <summary>A V4 date, date-time with offset, or time of day at <paramref name="i"/>; null (and <paramref name="i"/> unchanged) for a plain number.</summary>
    private static object? V4Temporal(string text, ref int i)
    {
        var match = V4TemporalPattern().Match(text, i);
        if (!match.Success || match.Index != i)
        {
            return null;
        }

        var raw = match.Value;
        object? value = raw.Contains('T', StringComparison.Ordinal)
            ? DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var t) ? t : null
            : raw.Contains('-', StringComparison.Ordinal)
                ? DateTime.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var d)
                    ? DateTime.SpecifyKind(d, DateTimeKind.Utc) : null
                : TimeSpan.TryParseExact(raw, ["hh\\:mm\\:ss", "hh\\:mm", "hh\\:mm\\:ss\\.FFFFFFF"], CultureInfo.InvariantCulture, out var time) ? time : null;
        if (value is null)
        {
            throw SapODataError.BadRequest($"Invalid literal '{raw}' at position {i + 1}");
        }

        i += raw.Length;
        return value;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\G(\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2}))?|\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?)(?![\w.:-])")]
    private static partial System.Text.RegularExpressions.Regex V4TemporalPattern();

    private static string ReadQuoted(string text, ref int i)
    {
        var start = i;
        var builder = new System.Text.StringBuilder();
        i++;
        while (true)
        {
            if (i >= text.Length)
            {
                throw SapODataError.BadRequest($"Unterminated string literal at position {start + 1}");
            }

            if (text[i] == '\'')
            {
                if (i + 1 < text.Length && text[i + 1] == '\'')
                {
                    builder.Append('\'');
                    i += 2;
                    continue;
                }

                i++;
                return builder.ToString();
            }

            builder.Append(text[i++]);
        }
    }

    private static object ReadNumber(string text, ref int i)
    {
        var start = i;
        i++;
        while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] is '.' or 'E' or 'e'
            || (text[i] is '+' or '-' && text[i - 1] is 'E' or 'e')))
        {
            i++;
        }

        var digits = text[start..i];
        var suffix = i < text.Length && char.IsAsciiLetter(text[i]) ? char.ToUpperInvariant(text[i++]) : '\0';
        if (i < text.Length && char.IsAsciiLetterOrDigit(text[i]))
        {
            throw SapODataError.BadRequest($"Invalid number literal at position {start + 1}");
        }

        var ok = suffix switch
        {
            'L' => long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) ? (object?)l : null,
            'D' or 'F' => double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : null,
            'M' or '\0' when !digits.Contains('E', StringComparison.OrdinalIgnoreCase) =>
                decimal.TryParse(digits, NumberStyles.Number, CultureInfo.InvariantCulture, out var m) ? m : null,
            _ => null,
        };
        return ok ?? throw SapODataError.BadRequest($"Invalid number literal '{text[start..i]}' at position {start + 1}");
    }

    private static object Typed(string kind, string raw, int position)
    {
        const DateTimeStyles Utc = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        object? value = kind switch
        {
            "datetime" => DateTime.TryParseExact(raw, DateTimeFormats, CultureInfo.InvariantCulture, Utc, out var d) ? DateTime.SpecifyKind(d, DateTimeKind.Utc) : null,
            "datetimeoffset" => DateTimeOffset.TryParseExact(raw, DateTimeOffsetFormats, CultureInfo.InvariantCulture, Utc, out var t) ? t : null,
            "time" => ParseDuration(raw),
            _ => Guid.TryParseExact(raw, "D", out var g) ? g : null,
        };
        return value ?? throw SapODataError.BadRequest($"Invalid {kind} literal {kind}'{raw}' at position {position}");
    }

    /// <summary><c>PT08H30M00S</c>, the Edm.Time form; days are not allowed (a time of day).</summary>
    private static TimeSpan? ParseDuration(string raw)
    {
        var match = System.Text.RegularExpressions.Regex.Match(raw, @"^PT(?:(\d{1,2})H)?(?:(\d{1,2})M)?(?:(\d{1,2})(?:\.\d{1,7})?S)?$",
            System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(50));
        if (!match.Success || raw == "PT")
        {
            return null;
        }

        int Part(int group) => match.Groups[group].Success ? int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
        var (h, m, s) = (Part(1), Part(2), Part(3));
        return h < 24 && m < 60 && s < 60 ? new TimeSpan(h, m, s) : null;
    }
}
