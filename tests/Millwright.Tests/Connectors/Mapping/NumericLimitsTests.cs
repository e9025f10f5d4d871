using Millwright.Client.Models;
using Millwright.Connectors.Mapping;
using static Millwright.Tests.Connectors.Mapping.MappingTestKit;

namespace Millwright.Tests.Connectors.Mapping;

/// <summary>Numbers at decimal's limits never throw: factors out of range are refused, odd values become null.</summary>
public sealed class NumericLimitsTests
{
    [Theory]
    [InlineData("v | mul(79228162514264337593543950335)")]
    [InlineData("v | div(0.0000000000000000000000000001)")]
    [InlineData("v | mul(10000000000000)")]
    [InlineData("v | div(0)")]
    [InlineData("v | div(-0.0)")]
    public void Validate_ScaleFactorOutOfRange_IsAnError(string expression)
    {
        var error = SingleError(Entity.Assets, "custom_fields.value", expression);

        Assert.Equal(expression.IndexOf('(', StringComparison.Ordinal) + 1, error.Position);
    }

    [Theory]
    [InlineData("v | mul(1000000000000)")]
    [InlineData("v | div(0.000000000001)")]
    [InlineData("v | mul(0)")]
    public void Validate_ScaleFactorAtTheLimits_IsAccepted(string expression) =>
        Assert.Empty(MappingEngine.Validate(MappingOf(Entity.Assets, ("custom_fields.value", expression))));

    [Theory]
    [InlineData("v | mul(1000000000000)", """{"v": 79228162514264337593543950335}""")]
    [InlineData("v | mul(1000000000000)", """{"v": "-79228162514264337593543950335"}""")]
    [InlineData("v | div(0.000000000001)", """{"v": 79228162514264337593543950335}""")]
    [InlineData("v | mul(1000000000000) | mul(1000000000000) | mul(1000000000000)", """{"v": 1000000}""")]
    [InlineData("v | sum", """{"v": [79228162514264337593543950335, 79228162514264337593543950335]}""")]
    [InlineData("v | number", """{"v": 1e400}""")]
    [InlineData("v | number", """{"v": "99999999999999999999999999999999999999"}""")]
    [InlineData("v | date", """{"v": "/Date(999999999999999999999999999999999)/"}""")]
    [InlineData("v | date(unix_s)", """{"v": 79228162514264337593543950335}""")]
    [InlineData("v | date(unix_s)", """{"v": "79228162514264337593543950335"}""")]
    public void Apply_ResultOutsideDecimalRange_GivesNull(string expression, string json) =>
        Assert.Null(Eval(expression, json));

    [Fact]
    public void Apply_OverflowInOneElement_KeepsTheOthers()
    {
        var result = Eval("v[] | mul(1000000000000)", """{"v": [2, 79228162514264337593543950335]}""")!.AsArray();

        Assert.Equal(2_000_000_000_000m, (decimal)result[0]!);
    }

    [Fact]
    public void Apply_OverflowingNumberIntoTypedField_GivesNull()
    {
        var fields = Apply(Entity.Parts, """{"v": 79228162514264337593543950335}""", ("unit_cost", "v | mul(10)"));

        Assert.Null(fields["unit_cost"]);
    }
}
