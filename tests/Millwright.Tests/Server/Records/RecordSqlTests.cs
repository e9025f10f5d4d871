using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Millwright.Client.Models;
using Millwright.Server.Features.Records.Cursors;
using Millwright.Server.Features.Records.Query;
using Millwright.Server.Features.Records.Sql;

namespace Millwright.Tests.Server.Records;

public sealed class RecordSqlTests
{
    private const string Hostile = "x'); DROP TABLE records; --";
    private static readonly RecordSchemas Schemas = RecordSchemas.Build();

    public static TheoryData<string> Dialects => ["sqlite", "postgres"];

    [Theory]
    [MemberData(nameof(Dialects))]
    public void List_UserValues_OnlyEverBecomeParameters(string dialectName)
    {
        var dialect = Dialect(dialectName);
        var encoded = Uri.EscapeDataString(Hostile);
        var query = QueryParser.ParseList(Schemas[Entity.WorkOrders], new QueryCollection(QueryHelpers.ParseQuery(
            $"filter[title:contains]={encoded}&filter[remote_id:in]={encoded},b&filter[assignee_ids]={encoded}" +
            $"&filter[custom_fields.{encoded}]={encoded}&sort=custom_fields.{encoded},title")));
        var sql = new RecordSql(dialect, Hostile);
        var keys = sql.SortKeys(query.Sort);
        var statement = sql.List(Schemas[Entity.WorkOrders].Info, query, keys, new CursorPosition([Hostile, Hostile, Hostile], Hostile));

        Assert.DoesNotContain("DROP", statement.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(statement.Parameters, p => p.Value is string s && s.Contains(Hostile, StringComparison.Ordinal));
        Assert.All(statement.Parameters, p => Assert.Contains(p.Key, statement.Text, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public void List_DefaultSort_UsesRowValueKeysetOnIndexedColumns(string dialectName)
    {
        var query = QueryParser.ParseList(Schemas[Entity.WorkOrders], new QueryCollection(QueryHelpers.ParseQuery("")));
        var sql = new RecordSql(Dialect(dialectName), "conn_a");
        var keys = sql.SortKeys(query.Sort);
        var statement = sql.List(Schemas[Entity.WorkOrders].Info, query, keys, new CursorPosition([1L], "wo_1"));

        Assert.Equal(["r.updated_at", "r.id"], keys.Select(k => k.Expression));
        Assert.Contains("(r.updated_at, r.id) > (", statement.Text, StringComparison.Ordinal);
        Assert.EndsWith("ORDER BY r.updated_at ASC, r.id ASC LIMIT @p3", statement.Text, StringComparison.Ordinal);
        Assert.Equal(51L, statement.Parameters[^1].Value);
    }

    [Fact]
    public void SortKeys_LastTermDescending_TiebreakerFollowsIt()
    {
        var query = QueryParser.ParseList(Schemas[Entity.WorkOrders], new QueryCollection(QueryHelpers.ParseQuery("sort=-due_at")));
        var keys = new RecordSql(SqliteDialect.Instance, "c").SortKeys(query.Sort);
        Assert.Equal([true, true], keys.Select(k => k.Descending));
        Assert.Equal([true, false], keys.Select(k => k.Nullable));
    }

    private static ISqlDialect Dialect(string name) => name == "sqlite" ? SqliteDialect.Instance : PostgresDialect.Instance;
}
