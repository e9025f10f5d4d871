using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;

namespace Millwright.Server.Hosting.Html;

/// <summary>
/// A fragment of HTML that is safe to write out. The only ways to make one are <see cref="H"/>, whose
/// interpolation holes are HTML-encoded unless they are <see cref="Html"/> themselves, and
/// <see cref="Join"/>: a value typed by a customer or an integrator cannot reach a page unencoded.
/// </summary>
internal readonly record struct Html
{
    private Html(string value) => Value = value;

    public static Html Empty { get; } = new("");

    public string Value { get; } = "";

    /// <summary>Builds HTML from an interpolated string; every hole that is not <see cref="Html"/> is encoded.</summary>
    public static Html H(HtmlInterpolation html) => new(html.Text);

    public static Html Join(IEnumerable<Html> parts) => new(string.Concat(parts.Select(p => p.Value)));

    /// <summary>Text that is HTML-encoded already (e.g. generated SVG of numbers only). Use sparingly.</summary>
    internal static Html Trusted(string value) => new(value);

    /// <summary><c>when</c> ? the fragment : nothing.</summary>
    public static Html If(bool when, Html fragment) => when ? fragment : Empty;

    public override string ToString() => Value;
}

/// <summary>Interpolated string handler behind <see cref="Html.H"/>.</summary>
[InterpolatedStringHandler]
internal readonly struct HtmlInterpolation
{
    private readonly StringBuilder builder;

    public HtmlInterpolation(int literalLength, int formattedCount) =>
        builder = new StringBuilder(literalLength + (formattedCount * 16));

    internal string Text => builder.ToString();

    public void AppendLiteral(string value) => builder.Append(value);

    public void AppendFormatted(Html value) => builder.Append(value.Value);

    public void AppendFormatted<T>(T value) =>
        builder.Append(HtmlEncoder.Default.Encode(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""));

    public void AppendFormatted<T>(T value, string format)
        where T : IFormattable =>
        builder.Append(HtmlEncoder.Default.Encode(value.ToString(format, CultureInfo.InvariantCulture)));
}
