using Millwright.Client.Models;
using Millwright.Connectors.Mapping;
using static Millwright.Tests.Connectors.Mapping.MappingTestKit;

namespace Millwright.Tests.Connectors.Mapping;

public sealed class ExpressionParserTests
{
    [Theory]
    [InlineData("title", null)]
    [InlineData("asset.id | ref(assets)", null)]
    [InlineData("extraFields[\"Criticality Level\"] | trim", null)]
    [InlineData("extraFields.'Criticality Level'", null)]
    [InlineData("assignees[?type == 'USER'].id | ref(users)", null)]
    [InlineData("status | map(OPEN: open, 'IN PROGRESS': in_progress, 3: on_hold, *: other)", null)]
    [InlineData("coalesce(a, b.c, 'x') | upper", null)]
    [InlineData("concat(firstName, ' ', lastName) | trim", null)]
    [InlineData("created | date(unix_ms)", null)]
    [InlineData("created | date('yyyyMMdd')", null)]
    [InlineData("$.items[-1].price | mul(2) | div(100)", null)]
    [InlineData("each(items[]) { quantity: qty | number, 'part_id': part.id }", null)]
    [InlineData("(a | trim) | lower()", null)]
    public void ValidateExpression_WellFormed_ReturnsNull(string expression, string? expected)
    {
        Assert.Equal(expected, MappingEngine.ValidateExpression(expression)?.Message);
    }

    [Theory]
    [InlineData("", 0, "empty")]
    [InlineData("title |", 7, "Expected a transform name")]
    [InlineData("title | frobnicate", 8, "Unknown transform 'frobnicate'")]
    [InlineData("status | map(OPEN open)", 18, "Expected ':'")]
    [InlineData("status | map(OPEN: open, OPEN: closed)", 25, "'OPEN' is mapped twice")]
    [InlineData("a.b.", 4, "Expected a field name after '.'")]
    [InlineData("'unterminated", 0, "Unterminated string")]
    [InlineData("a = b", 2, "Expected '=='")]
    [InlineData("coalesce(a, b", 13, "Expected ',' or ')'")]
    [InlineData("x | ref(widgets)", 8, "Unknown entity 'widgets'")]
    [InlineData("lower(x)", 0, "'lower' is a transform")]
    [InlineData("title trim", 6, "Unexpected 'trim'")]
    [InlineData("a | div(0)", 8, "Division by zero")]
    [InlineData("a[?b = 1]", 5, "Expected '=='")]
    [InlineData("a # b", 2, "Unexpected character '#'")]
    [InlineData("each(items) { a: x } | first", 21, "cannot be followed by transforms")]
    [InlineData("coalesce(each(items) { a: x })", 9, "must be the whole expression")]
    [InlineData("each(items) { a: x, a: y }", 20, "given twice")]
    [InlineData("x | trim(1)", 9, "takes no arguments")]
    [InlineData("x | date(weekly)", 9, "Expected unix_s, unix_ms, iso")]
    public void ValidateExpression_Malformed_ReportsPositionAndReason(string expression, int position, string reason)
    {
        var error = MappingEngine.ValidateExpression(expression);

        Assert.NotNull(error);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Equal(position, error.Position);
    }

    [Fact]
    public void ValidateExpression_TooDeep_IsRefusedNotOverflowed()
    {
        var expression = new string('(', 200) + "a" + new string(')', 200);

        var error = MappingEngine.ValidateExpression(expression);

        Assert.NotNull(error);
        Assert.Contains("nests deeper", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateExpression_TooLong_IsRefused()
    {
        var error = MappingEngine.ValidateExpression(string.Join(" | ", Enumerable.Repeat("trim", 2000)));

        Assert.NotNull(error);
        Assert.Contains("longer than", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownTarget_NamesTheKnownFields()
    {
        var error = SingleError(Entity.WorkOrders, "colour", "title");

        Assert.Null(error.Position);
        Assert.Equal("colour", error.Target);
        Assert.Contains("not a field of work-orders", error.Message, StringComparison.Ordinal);
        Assert.Contains("remote_status", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("id")]
    [InlineData("remote_updated_at")]
    [InlineData("raw")]
    public void Validate_EnvelopeTarget_IsRefused(string target)
    {
        var error = SingleError(Entity.Assets, target, "x");

        Assert.Contains("filled by the sync engine", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EnumConstantOutsideTheEnum_PointsAtTheConstant()
    {
        var error = SingleError(Entity.WorkOrders, "status", "status | map(OPEN: open, DONE: finished)");

        Assert.Equal(31, error.Position);
        Assert.Contains("'finished' is not a valid status", error.Message, StringComparison.Ordinal);
        Assert.Contains("in_progress", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Entity.WorkOrders, "due_at", "flag | bool", "takes a date-time")]
    [InlineData(Entity.Parts, "unit_cost", "created | date", "takes a number")]
    [InlineData(Entity.Parts, "stock", "locations", "list of objects built with each")]
    [InlineData(Entity.Assets, "name", "each(x) { a: b }", "takes text")]
    [InlineData(Entity.WorkOrders, "assignee_ids", "a | exists", "list of text")]
    [InlineData(Entity.WorkOrders, "custom_fields", "'text'", "takes an object")]
    public void Validate_TypeMismatch_IsRefused(Entity entity, string target, string expression, string reason)
    {
        var error = SingleError(entity, target, expression);

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Position);
    }

    [Fact]
    public void Validate_UnknownFieldInsideEach_PointsAtIt()
    {
        var error = SingleError(Entity.PurchaseOrders, "line_items", "each(items) { quantity: qty, colour: c }");

        Assert.Equal(29, error.Position);
        Assert.Contains("'colour' is not a field of line_items", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SameTargetTwice_IsRefused()
    {
        var errors = MappingEngine.Validate(MappingOf(Entity.Sites, ("name", "a"), ("name", "b")));

        Assert.Contains(errors, e => e.Message.Contains("mapped twice", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_CollectsEveryError_NotJustTheFirst()
    {
        var errors = MappingEngine.Validate(MappingOf(Entity.Sites, ("name", "a |"), ("nope", "b"), ("custom_fields.", "c")));

        Assert.Equal(3, errors.Count);
    }

    [Fact]
    public void Apply_InvalidMapping_ThrowsWithTheErrors()
    {
        var exception = Assert.Throws<MappingException>(() => Apply(Entity.Sites, "{}", ("name", "a | nope")));

        Assert.Equal(4, Assert.Single(exception.Errors).Position);
    }
}
