using System.Globalization;
using Millwright.Client.Models;

namespace Millwright.Connectors.Mapping.Expressions;

/// <summary>How a value written through a mapping goes back through one transform (Mapping/README.md, "Writing").</summary>
internal enum WriteInverseKind
{
    /// <summary><c>trim</c>, <c>lower</c>, <c>upper</c>, <c>bool</c>: the value is written as given.</summary>
    Same,

    /// <summary><c>number</c> read a number out of text, so the number is written as text.</summary>
    NumberAsText,

    /// <summary><c>string</c> read a (usually numeric) value as text, so text that is a number is written as a number.</summary>
    TextAsNumber,

    /// <summary><c>date</c> / <c>date('format')</c>: ISO 8601 text, or the exact format.</summary>
    Date,

    UnixSeconds,

    UnixMilliseconds,

    /// <summary><c>div(n)</c> is undone by multiplying.</summary>
    Multiply,

    /// <summary><c>mul(n)</c> is undone by dividing.</summary>
    Divide,

    /// <summary><c>ref(entity)</c>: the caller resolves the Millwright id to the remote id before writing.</summary>
    Reference,
}

internal sealed record WriteInverse(WriteInverseKind Kind, decimal Factor = 1, string? Format = null, Entity? Entity = null)
{
    /// <summary>Runs <paramref name="value"/> (a unified value: text, number, boolean or date text) back through the transform.</summary>
    public object? Apply(object? value) => value is null ? null : Kind switch
    {
        WriteInverseKind.NumberAsText => Values.ToNumber(value) is { } n ? n.ToString(CultureInfo.InvariantCulture) : Values.ToText(value),
        WriteInverseKind.TextAsNumber => Values.ToText(value) is { } t
            && decimal.TryParse(t, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed)
            && parsed.ToString(CultureInfo.InvariantCulture) == t
            ? parsed
            : value,
        WriteInverseKind.Date => Values.ToDate(value) is { } date
            ? Format is null ? Values.FormatDate(date) : date.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture)
            : null,
        WriteInverseKind.UnixSeconds => Values.ToDate(value) is { } date ? (decimal)date.ToUnixTimeSeconds() : null,
        WriteInverseKind.UnixMilliseconds => Values.ToDate(value) is { } date ? (decimal)date.ToUnixTimeMilliseconds() : null,
        WriteInverseKind.Multiply => Values.ToNumber(value) is { } n ? n * Factor : null,
        WriteInverseKind.Divide => Values.ToNumber(value) is { } n ? n / Factor : null,
        _ => value,
    };
}
