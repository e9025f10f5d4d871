namespace Millwright.Sandbox.Maximo;

internal enum MxmTokenKind
{
    Word,
    String,
    Number,
    Operator,
    Open,
    Close,
    OpenList,
    CloseList,
    Comma,
    End,
}

/// <summary>One token of a query clause, with its 0-based position for error messages.</summary>
internal readonly record struct MxmToken(MxmTokenKind Kind, string Text, int Position);

/// <summary>Splits an <c>oslc.where</c> clause into tokens; an unterminated string or a stray character is a 400.</summary>
internal static class MxmWhereLexer
{
    public static List<MxmToken> Tokens(string text)
    {
        var tokens = new List<MxmToken>();
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
            if (c == '"')
            {
                var end = text.IndexOf('"', i + 1);
                if (end < 0)
                {
                    throw MxmError.BadQuery($"The string that starts at position {start + 1} of the oslc.where clause is not closed with a double quote.");
                }

                tokens.Add(new(MxmTokenKind.String, text[(i + 1)..end], start));
                i = end + 1;
            }
            else if (char.IsAsciiDigit(c) || (c == '-' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                i++;
                while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
                {
                    i++;
                }

                tokens.Add(new(MxmTokenKind.Number, text[start..i], start));
            }
            else if (char.IsAsciiLetter(c) || c == '_')
            {
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '_' or '.'))
                {
                    i++;
                }

                tokens.Add(new(MxmTokenKind.Word, text[start..i], start));
            }
            else if (c is '=' or '!' or '<' or '>')
            {
                var two = i + 1 < text.Length && text[i + 1] == '=' ? text.Substring(i, 2) : null;
                var op = two is ">=" or "<=" or "!=" ? two : c is '!' ? null : c.ToString();
                if (op is null)
                {
                    throw MxmError.BadQuery($"The oslc.where clause has '!' at position {start + 1} that is not part of '!='.");
                }

                tokens.Add(new(MxmTokenKind.Operator, op, start));
                i += op.Length;
            }
            else
            {
                var kind = c switch
                {
                    '(' => MxmTokenKind.Open,
                    ')' => MxmTokenKind.Close,
                    '[' => MxmTokenKind.OpenList,
                    ']' => MxmTokenKind.CloseList,
                    ',' => MxmTokenKind.Comma,
                    _ => throw MxmError.BadQuery($"The oslc.where clause has the unexpected character '{c}' at position {start + 1}."),
                };
                tokens.Add(new(kind, c.ToString(), start));
                i++;
            }
        }

        tokens.Add(new(MxmTokenKind.End, "", text.Length));
        return tokens;
    }
}
