using Millwright.Server.Hosting.Html;

namespace Millwright.Tests.Server.Hosting;

public sealed class HtmlTests
{
    [Fact]
    public void H_TextHoles_AreEncodedAndHtmlHolesAreNot()
    {
        var typed = "<script>alert('x')</script>\" onmouseover=\"x";
        var inner = Html.H($"<b>{typed}</b>");

        var page = Html.H($"<p title=\"{typed}\">{inner}</p>");

        Assert.DoesNotContain("<script>", page.Value, StringComparison.Ordinal);
        Assert.DoesNotContain("\" onmouseover", page.Value, StringComparison.Ordinal);
        Assert.StartsWith("<p title=\"&lt;script&gt;", page.Value, StringComparison.Ordinal);
        Assert.Contains("<b>&lt;script&gt;", page.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void H_FormattedNumbers_UseInvariantCulture()
    {
        Assert.Equal("<td>1,234</td>", Html.H($"<td>{1234:N0}</td>").Value);
    }
}
