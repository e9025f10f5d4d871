using System.Text.Json.Nodes;
using Millwright.Sandbox.Maximo;

namespace Millwright.Tests.Sandbox.Maximo;

/// <summary>The <c>oslc.where</c> parser on its own: what matches, and malformed clauses as Maximo errors.</summary>
public sealed class MaximoSandboxWhereTests
{
    private static readonly MxmObjectStructure WorkOrders = MxmStructures.Find("mxapiwodetail")!;

    private static JsonObject Wo(string wonum, string status, int priority, string changed, string? description = null, bool downtime = false) => new()
    {
        ["wonum"] = wonum,
        ["status"] = status,
        ["wopriority"] = priority,
        ["changedate"] = changed,
        ["description"] = description,
        ["downtime"] = downtime,
        ["estdur"] = 1.5,
    };

    private static readonly JsonObject[] Rows =
    [
        Wo("1001", "APPR", 1, "2026-01-01T08:00:00+00:00", "Replace pump seal", downtime: true),
        Wo("1002", "INPRG", 3, "2026-02-01T08:00:00+00:00", "Inspect conveyor"),
        Wo("1003", "COMP", 5, "2026-03-01T08:00:00+00:00", "PUMP alignment"),
        Wo("1004", "CAN", 2, "2026-04-01T08:00:00+00:00"),
    ];

    private static string[] Match(string where)
    {
        var predicate = MxmWhere.Compile(where, WorkOrders);
        return [.. Rows.Where(predicate).Select(r => (string)r["wonum"]!)];
    }

    [Theory]
    [InlineData("status=\"APPR\"", "1001")]
    [InlineData("status = \"appr\"", "1001")]
    [InlineData("status in [\"APPR\",\"INPRG\"]", "1001,1002")]
    [InlineData("status!=\"CAN\" and wopriority>=3", "1002,1003")]
    [InlineData("wopriority<2 or wopriority>4", "1001,1003")]
    [InlineData("(status=\"COMP\" or status=\"CAN\") and wopriority<=2", "1004")]
    [InlineData("changedate>=\"2026-02-01T08:00:00-00:00\"", "1002,1003,1004")]
    [InlineData("changedate<\"2026-02-01T09:00:00+01:00\"", "1001")]
    [InlineData("changedate<=\"2026-02-01T09:00:00+01:00\"", "1001,1002")]
    [InlineData("description=\"%pump%\"", "1001,1003")]
    [InlineData("description=\"inspect%\"", "1002")]
    [InlineData("description!=\"%pump%\"", "1002")]
    [InlineData("description=\"*\"", "1001,1002,1003")]
    [InlineData("description!=\"*\"", "1004")]
    [InlineData("downtime=1", "1001")]
    [InlineData("downtime=false", "1002,1003,1004")]
    [InlineData("estdur>1.4 AND STATUS=\"CAN\"", "1004")]
    public void Compile_ValidClause_MatchesLikeMaximo(string where, string expected) =>
        Assert.Equal(expected.Split(','), Match(where));

    [Theory]
    [InlineData("status=\"APPR", "not closed with a double quote")]
    [InlineData("status=", "ends where a value")]
    [InlineData("status \"APPR\"", "where an operator")]
    [InlineData("nosuchattr=\"x\"", "NOSUCHATTR")]
    [InlineData("status in \"APPR\"", "'[' after 'in'")]
    [InlineData("status in [\"APPR\"", "',' or ']'")]
    [InlineData("status=\"APPR\" and", "ends where an attribute name")]
    [InlineData("status=\"APPR\" status=\"CAN\"", "'and', 'or' or the end")]
    [InlineData("(status=\"APPR\"", "')'")]
    [InlineData("wopriority=\"high\"", "not a number")]
    [InlineData("changedate>=yesterday", "must be a date and time")]
    [InlineData("changedate>=\"not a date\"", "must be a date and time")]
    [InlineData("status=APPR", "must be a string in double quotes")]
    [InlineData("downtime>1", "cannot compare")]
    [InlineData("downtime=2", "must be 1, 0, true or false")]
    [InlineData("status ! \"APPR\"", "'!'")]
    [InlineData("status=\"APPR\";drop", "unexpected character ';'")]
    public void Compile_MalformedClause_IsAMaximoBadRequest(string where, string hint)
    {
        var error = Assert.Throws<MxmError>(() => MxmWhere.Compile(where, WorkOrders));

        Assert.Equal(400, error.Status);
        Assert.StartsWith("BMXAA", error.ReasonCode, StringComparison.Ordinal);
        Assert.Contains(hint, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_DeepNestingOrHugeClause_IsRefusedWithoutOverflow()
    {
        var deep = new string('(', 5000) + "status=\"APPR\"" + new string(')', 5000);
        var huge = string.Join(" or ", Enumerable.Repeat("status=\"APPR\"", 2000));

        Assert.Equal(400, Assert.Throws<MxmError>(() => MxmWhere.Compile(deep, WorkOrders)).Status);
        Assert.Equal(400, Assert.Throws<MxmError>(() => MxmWhere.Compile(huge, WorkOrders)).Status);
    }

    [Theory]
    [InlineData("wonum,status")]
    [InlineData("*")]
    [InlineData("wonum,rel.asset{assetnum,status},rel.location{*}")]
    [InlineData("WONUM, Status ,status_description")]
    public void SelectParse_ValidSelection_Parses(string select) =>
        Assert.NotNull(MxmSelection.Parse(select, WorkOrders));

    [Theory]
    [InlineData("wonum,nosuch", "NOSUCH")]
    [InlineData("wonum,rel.asset{assetnum", "not closed")]
    [InlineData("wonum}", "unexpected '}'")]
    [InlineData("wonum,,status", "empty name")]
    [InlineData("rel.nosuch{*}", "neither a child object nor a relationship")]
    [InlineData("rel.asset{nosuch}", "NOSUCH")]
    public void SelectParse_Malformed_IsAMaximoBadRequest(string select, string hint)
    {
        var error = Assert.Throws<MxmError>(() => MxmSelection.Parse(select, WorkOrders));

        Assert.Equal(400, error.Status);
        Assert.Contains(hint, error.Message, StringComparison.Ordinal);
    }
}
