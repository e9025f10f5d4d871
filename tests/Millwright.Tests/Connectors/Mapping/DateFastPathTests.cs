using static Millwright.Tests.Connectors.Mapping.MappingTestKit;

namespace Millwright.Tests.Connectors.Mapping;

/// <summary>The hand-written ISO 8601 parser and formatter agree with the framework on every shape they take, and decline the rest.</summary>
public sealed class DateFastPathTests
{
    [Theory]
    [InlineData("2024-03-05T10:00:00Z", "2024-03-05T10:00:00Z")]
    [InlineData("2024-03-05T10:00:00.000Z", "2024-03-05T10:00:00Z")]
    [InlineData("2024-03-05T10:00:00.1Z", "2024-03-05T10:00:00.1Z")]
    [InlineData("2024-03-05T10:00:00.1234567Z", "2024-03-05T10:00:00.1234567Z")]
    [InlineData("2024-03-05T10:00:00.120z", "2024-03-05T10:00:00.12Z")]
    [InlineData("2024-03-05T10:00:00", "2024-03-05T10:00:00Z")]
    [InlineData("2024-03-05 10:00:00", "2024-03-05T10:00:00Z")]
    [InlineData("2024-03-05T10:00:00+02:00", "2024-03-05T08:00:00Z")]
    [InlineData("2024-03-05T01:30:00-05:30", "2024-03-05T07:00:00Z")]
    [InlineData("2024-02-29T23:59:59.9999999Z", "2024-02-29T23:59:59.9999999Z")]
    [InlineData("0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z")]
    [InlineData("  2024-03-05T10:00:00Z ", "2024-03-05T10:00:00Z")]
    [InlineData("2024-03-05", "2024-03-05T00:00:00Z")]
    [InlineData("2024-03-05T10:00:00.12345678Z", "2024-03-05T10:00:00.1234568Z")] // framework fallback: rounds
    [InlineData("2024-03-05T10:00:00+2:00", "2024-03-05T08:00:00Z")] // framework fallback: lenient offset
    [InlineData("/Date(1709632800000)/", "2024-03-05T10:00:00Z")]
    [InlineData("/Date(1709632800000+0100)/", "2024-03-05T10:00:00Z")]
    public void Date_IsoShapes_ParseToUtc(string text, string expected) =>
        Assert.Equal($"\"{expected}\"", EvalJson("d | date", $"{{\"d\": \"{text}\"}}"));

    [Theory]
    [InlineData("2023-02-29T10:00:00Z")]
    [InlineData("2024-13-01T10:00:00Z")]
    [InlineData("2024-03-05T25:00:00Z")]
    [InlineData("2024-03-05T10:00:00Zjunk")]
    [InlineData("yesterday")]
    public void Date_NotADate_IsNull(string text) =>
        Assert.Null(EvalJson("d | date", $"{{\"d\": \"{text}\"}}"));
}
