using Millwright.Sandbox.Sap;

namespace Millwright.Tests.Sandbox.Sap;

/// <summary>The <c>$filter</c> parser and the URI literals, on the real MaintenanceOrder type of the metadata.</summary>
public sealed class SapFilterTests
{
    private static readonly EdmEntityType Order = SapService.All["API_MAINTENANCEORDER"].Sets["MaintenanceOrder"].Type;

    private static readonly Dictionary<string, object?> Row = new()
    {
        ["MaintenanceOrder"] = "4000017",
        ["MaintenanceOrderType"] = "PM01",
        ["MaintenanceOrderDesc"] = "Leckage an Gleitringdichtung",
        ["MaintPriority"] = "2",
        ["OrderHasLongText"] = false,
        ["MaintenanceObjectList"] = 0L,
        ["MaintenanceCall"] = 3,
        ["LastChangeDateTime"] = new DateTimeOffset(2026, 10, 5, 8, 30, 0, TimeSpan.Zero),
        ["MaintOrdBasicStartDate"] = new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc),
        ["MaintOrdBasicStartTime"] = new TimeSpan(7, 30, 0),
        ["MainWorkCompletedDateTime"] = null,
    };

    [Theory]
    [InlineData("MaintenanceOrderType eq 'PM01'", true)]
    [InlineData("MaintenanceOrderType ne 'PM01'", false)]
    [InlineData("MaintenanceOrderType eq 'PM01' and MaintPriority eq '2'", true)]
    [InlineData("MaintenanceOrderType eq 'PM02' or MaintPriority le '2'", true)]
    [InlineData("not (MaintenanceOrderType eq 'PM02')", true)]
    [InlineData("substringof('Gleitring', MaintenanceOrderDesc)", true)]
    [InlineData("substringof('gleitring', tolower(MaintenanceOrderDesc)) eq true", true)]
    [InlineData("startswith(MaintenanceOrder, '4000') and endswith(MaintenanceOrder, '17')", true)]
    [InlineData("LastChangeDateTime ge datetimeoffset'2026-10-05T08:30:00Z'", true)]
    [InlineData("LastChangeDateTime gt datetimeoffset'2026-10-05T08:30:00.0000001Z'", false)]
    [InlineData("LastChangeDateTime lt datetimeoffset'2026-10-05T10:30:00+02:00'", false)]
    [InlineData("MaintOrdBasicStartDate eq datetime'2026-10-01T00:00:00'", true)]
    [InlineData("MaintOrdBasicStartDate lt datetime'2026-10-01T00:00'", false)]
    [InlineData("MaintOrdBasicStartTime eq time'PT07H30M00S'", true)]
    [InlineData("MainWorkCompletedDateTime eq null", true)]
    [InlineData("MainWorkCompletedDateTime ge datetimeoffset'2020-01-01T00:00:00Z'", false)]
    [InlineData("MaintenanceCall gt 2 and MaintenanceObjectList eq 0L", true)]
    [InlineData("OrderHasLongText eq false", true)]
    [InlineData("length(MaintenanceOrderType) eq 4", true)]
    [InlineData("MaintenanceOrderDesc eq 'O''Neil'", false)]
    public void Parse_ValidFilter_EvaluatesAsODataDefines(string filter, bool expected)
    {
        var predicate = SapFilter.Parse(filter, Order);

        Assert.Equal(expected, predicate(Row));
    }

    [Theory]
    [InlineData("MaintenanceOrderType eq")]
    [InlineData("MaintenanceOrderType eq 'PM01")]
    [InlineData("MaintenanceOrderType == 'PM01'")]
    [InlineData("NoSuchProperty eq 'x'")]
    [InlineData("MaintenanceOrderType eq 1")]
    [InlineData("(MaintenanceOrderType eq 'PM01'")]
    [InlineData("MaintenanceOrderType eq 'PM01')")]
    [InlineData("MaintenanceOrderType")]
    [InlineData("and or not")]
    [InlineData("substringof('x')")]
    [InlineData("frobnicate(MaintenanceOrderType)")]
    [InlineData("OrderHasLongText gt true")]
    [InlineData("LastChangeDateTime ge datetimeoffset'2026-13-45T00:00:00Z'")]
    [InlineData("LastChangeDateTime ge datetimeoffset'yesterday'")]
    [InlineData("LastChangeDateTime ge datetimeoffset'2026-10-05T08:30:00Z")]
    [InlineData("MaintOrdBasicStartDate eq datetime''")]
    [InlineData("MaintOrdBasicStartDate eq datetime'2026-02-30T00:00:00'")]
    [InlineData("MaintOrdBasicStartTime eq time'PT25H00M00S'")]
    [InlineData("MaintOrdBasicStartTime eq time'08:00'")]
    [InlineData("MaintenanceCall gt 12x")]
    [InlineData("MaintenanceCall gt 99999999999999999999999999999999")]
    [InlineData("MaintenanceOrderType eq 'PM01' && true")]
    [InlineData("\u0000")]
    public void Parse_MalformedFilter_IsAnODataBadRequestNotACrash(string filter)
    {
        var error = Assert.Throws<SapODataError>(() => SapFilter.Parse(filter, Order));

        Assert.Equal(400, error.Status);
        Assert.StartsWith("/IWCOR/", error.Code, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void Parse_DeeplyNestedOrLongFilter_IsRefused()
    {
        var deep = new string('(', 200) + "MaintPriority eq '1'" + new string(')', 200);
        var longFilter = string.Join(" or ", Enumerable.Repeat("MaintPriority eq '1'", 400));

        Assert.Equal(400, Assert.Throws<SapODataError>(() => SapFilter.Parse(deep, Order)).Status);
        Assert.Equal(400, Assert.Throws<SapODataError>(() => SapFilter.Parse(longFilter, Order)).Status);
    }

    [Theory]
    [InlineData("'4000017'", "4000017")]
    [InlineData("'O''Neil'", "O'Neil")]
    [InlineData("true", true)]
    [InlineData("null", null)]
    public void ParseLiteral_Text_GivesTheValue(string literal, object? expected) =>
        Assert.Equal(expected, SapFilterLexer.ParseLiteral(literal));

    [Fact]
    public void ParseLiteral_Dates_AreUtcInstants()
    {
        Assert.Equal(new DateTime(9999, 12, 31, 0, 0, 0, DateTimeKind.Utc), SapFilterLexer.ParseLiteral("datetime'9999-12-31T00:00:00'"));
        Assert.Equal(new DateTimeOffset(2026, 10, 5, 6, 30, 0, TimeSpan.Zero), SapFilterLexer.ParseLiteral("datetimeoffset'2026-10-05T08:30:00+02:00'"));
        Assert.Equal(12.5m, SapFilterLexer.ParseLiteral("12.5M"));
        Assert.Equal(7L, SapFilterLexer.ParseLiteral("7L"));
    }

    [Theory]
    [InlineData("'open")]
    [InlineData("datetime'2026-01-01'")]
    [InlineData("'a' 'b'")]
    [InlineData("4000017")]
    public void CanonicalKey_MalformedKey_IsABadRequest(string key)
    {
        var error = Assert.Throws<SapODataError>(() => SapSandboxApi.CanonicalKey(Order, key));

        Assert.Equal(400, error.Status);
    }
}
