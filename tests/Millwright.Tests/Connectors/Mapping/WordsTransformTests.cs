using Millwright.Client.Models;
using static Millwright.Tests.Connectors.Mapping.MappingTestKit;

namespace Millwright.Tests.Connectors.Mapping;

/// <summary><c>words</c>: status lines such as SAP's <c>SystemStatusText</c> split into their codes.</summary>
public sealed class WordsTransformTests
{
    [Theory]
    [InlineData("s | words", """{"s":"REL  MANC NMAT PRC"}""", """["REL","MANC","NMAT","PRC"]""")]
    [InlineData("s | words", """{"s":"  TECO\tDLFL "}""", """["TECO","DLFL"]""")]
    [InlineData("s | words", """{"s":""}""", "[]")]
    [InlineData("s | words", """{}""", null)]
    [InlineData("l | words", """{"l":["CRTD NMAT","REL"]}""", """["CRTD","NMAT","REL"]""")]
    [InlineData("s | words | first", """{"s":"CLSD CNF  NMAT"}""", "\"CLSD\"")]
    [InlineData("s | words | map(CRTD: open, REL: in_progress, DLFL: cancelled) | last", """{"s":"REL  MANC DLFL"}""", "\"cancelled\"")]
    [InlineData("s | words | count", """{"s":"REL  MANC NMAT PRC"}""", "4")]
    public void Apply_Words_SplitsAtWhiteSpace(string expression, string json, string? expected) =>
        Assert.Equal(expected, EvalJson(expression, json));

    [Fact]
    public void Apply_WordsIntoAnEnum_GivesTheLifecycleStatus()
    {
        var fields = Apply(Entity.WorkOrders, """{"SystemStatusText":"TECO PCNF NMAT PRC SETC"}""",
            ("status", "SystemStatusText | words | map(CRTD: open, REL: in_progress, TECO: completed) | last | default(other)"));

        Assert.Equal("completed", (string?)fields["status"]);
    }

    [Fact]
    public void Validate_WordsWithArguments_IsAnError()
    {
        var error = SingleError(Entity.WorkOrders, "title", "SystemStatusText | words(' ')");

        Assert.Contains("takes no arguments", error.Message, StringComparison.Ordinal);
    }
}
