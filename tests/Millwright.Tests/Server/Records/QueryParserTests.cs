using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Millwright.Client.Errors;
using Millwright.Client.Models;
using Millwright.Server.Features.Records.Query;
using Millwright.Server.Hosting.Errors;

namespace Millwright.Tests.Server.Records;

public sealed class QueryParserTests
{
    private static readonly RecordSchemas Schemas = RecordSchemas.Build();
    private static readonly EntitySchema WorkOrders = Schemas[Entity.WorkOrders];

    [Fact]
    public void ParseList_NoParameters_UsesDocumentedDefaults()
    {
        var query = List("");
        Assert.Equal(50, query.Limit);
        var sort = Assert.Single(query.Sort);
        Assert.Equal("updated_at", sort.Field.Name);
        Assert.False(sort.Descending);
        Assert.False(query.IncludeDeleted);
        Assert.False(query.IncludeRaw);
        Assert.Null(query.Cursor);
        Assert.Empty(query.Filters);
        Assert.Empty(query.Expand);
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("500", 500)]
    [InlineData("73", 73)]
    public void ParseList_LimitInRange_IsTaken(string value, int expected) => Assert.Equal(expected, List($"limit={value}").Limit);

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("501")]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("")]
    [InlineData("+5")]
    [InlineData("99999999999999")]
    public void ParseList_LimitOutOfRangeOrNotANumber_Throws(string value) => AssertInvalid($"limit={value}", "limit");

    [Theory]
    [InlineData("filter[title]=a", "eq")]
    [InlineData("filter[title:eq]=a", "eq")]
    [InlineData("filter[title:ne]=a", "ne")]
    [InlineData("filter[title:gt]=a", "gt")]
    [InlineData("filter[title:gte]=a", "gte")]
    [InlineData("filter[title:lt]=a", "lt")]
    [InlineData("filter[title:lte]=a", "lte")]
    [InlineData("filter[title:in]=a,b", "in")]
    [InlineData("filter[title:contains]=a", "contains")]
    [InlineData("filter[title:starts_with]=a", "starts_with")]
    [InlineData("filter[due_at:gte]=2026-01-01", "gte")]
    [InlineData("filter[priority:lt]=high", "lt")]
    [InlineData("filter[assignee_ids:in]=u1,u2", "in")]
    [InlineData("filter[custom_fields.line:starts_with]=A", "starts_with")]
    [InlineData("filter[created_at:lt]=2026-01-01T00:00:00Z", "lt")]
    public void ParseList_EveryOperator_IsRecognised(string parameter, string expected) =>
        Assert.Equal(expected, FilterOperators.Name(Assert.Single(List(parameter).Filters).Operator));

    [Fact]
    public void ParseList_InFilter_SplitsCommaList()
    {
        var filter = Assert.Single(List("filter[status:in]=open,IN_PROGRESS").Filters);
        Assert.Equal(["open", "in_progress"], filter.Values.Select(v => v.Text));
        Assert.Equal([0, 1], filter.Values.Select(v => v.Ordinal!.Value));
    }

    [Fact]
    public void ParseList_TypedValues_AreParsedForTheFieldType()
    {
        var query = List("filter[due_at]=2026-01-31T10:00:00%2B02:00&filter[priority]=High&filter[custom_fields.x]=12.50");
        Assert.Equal(new DateTimeOffset(2026, 1, 31, 8, 0, 0, TimeSpan.Zero), query.Filters[0].Values[0].Time);
        Assert.Equal("high", query.Filters[1].Values[0].Text);
        Assert.Equal(12.5m, query.Filters[2].Values[0].Number);
        Assert.Equal("12.50", query.Filters[2].Values[0].Text);
        Assert.Equal(Schemas[Entity.Parts].ByName["unit_cost"].Kind, Assert.Single(Parse(Entity.Parts, "filter[unit_cost]=3").Filters).Field.Kind);
        Assert.True(Assert.Single(Parse(Entity.Users, "filter[is_active]=TRUE").Filters).Values[0].Boolean);
    }

    [Theory]
    [InlineData("filter[unit_cost:contains]=1", Entity.Parts)]
    [InlineData("filter[unit_cost:starts_with]=1", Entity.Parts)]
    [InlineData("filter[is_active:gt]=true", Entity.Users)]
    [InlineData("filter[is_active:in]=true,false", Entity.Users)]
    [InlineData("filter[assignee_ids:contains]=u", Entity.WorkOrders)]
    [InlineData("filter[assignee_ids:lt]=u", Entity.WorkOrders)]
    [InlineData("filter[due_at:contains]=2026", Entity.WorkOrders)]
    [InlineData("filter[due_at:in]=2026-01-01", Entity.WorkOrders)]
    [InlineData("filter[priority:starts_with]=h", Entity.WorkOrders)]
    [InlineData("filter[stock]=x", Entity.Parts)]
    [InlineData("filter[line_items:eq]=x", Entity.PurchaseOrders)]
    public void ParseList_OperatorThatMakesNoSenseForTheType_Throws(string parameter, Entity entity) =>
        AssertInvalid(parameter, parameter[..parameter.IndexOf('=')], entity);

    [Theory]
    [InlineData("filter[unit_cost]=abc", Entity.Parts)]
    [InlineData("filter[unit_cost]=1,5", Entity.Parts)]
    [InlineData("filter[unit_cost:in]=1,x", Entity.Parts)]
    [InlineData("filter[unit_cost]=NaN", Entity.Parts)]
    [InlineData("filter[is_active]=yes", Entity.Users)]
    [InlineData("filter[due_at]=tomorrow", Entity.WorkOrders)]
    [InlineData("filter[due_at]=2026-13-01", Entity.WorkOrders)]
    [InlineData("filter[due_at]=01/02/2026", Entity.WorkOrders)]
    [InlineData("filter[updated_at:gt]=2026-01-01T25:00:00Z", Entity.WorkOrders)]
    [InlineData("filter[status]=closed", Entity.WorkOrders)]
    [InlineData("filter[status:in]=open,", Entity.WorkOrders)]
    [InlineData("filter[title:contains]=", Entity.WorkOrders)]
    public void ParseList_ValueNotOfTheFieldType_Throws(string parameter, Entity entity) =>
        AssertInvalid(parameter, parameter[..parameter.IndexOf('=')], entity);

    [Theory]
    [InlineData("filter[colour]=red")]
    [InlineData("filter[Title]=x")]
    [InlineData("filter[raw]=x")]
    [InlineData("filter[custom_fields]=x")]
    [InlineData("filter[custom_fields.]=x")]
    [InlineData("filter[custom_fields.a.b]=x")]
    [InlineData("filter[title:like]=x")]
    [InlineData("filter[]=x")]
    [InlineData("filter[title=x")]
    public void ParseList_UnknownFieldOrOperator_ThrowsNamingTheParameter(string parameter) =>
        AssertInvalid(parameter, Uri.UnescapeDataString(parameter[..parameter.IndexOf('=')]));

    [Theory]
    [InlineData("page=2", "page")]
    [InlineData("Limit=2", "Limit")]
    [InlineData("filtr[title]=x", "filtr[title]")]
    [InlineData("include_raw=yes", "include_raw")]
    [InlineData("include_deleted=1", "include_deleted")]
    [InlineData("updated_after=yesterday", "updated_after")]
    [InlineData("limit=1&limit=2", "limit")]
    [InlineData("filter[status]=open&filter[status]=on_hold", "filter[status]")]
    [InlineData("filter[status]=open&filter[status:eq]=on_hold", "filter[status]")]
    public void ParseList_UnknownRepeatedOrBadParameter_Throws(string query, string parameter) => AssertInvalid(query, parameter);

    [Fact]
    public void ParseList_TooManyFiltersOrValues_Throws()
    {
        AssertInvalid(string.Join('&', Enumerable.Range(0, 21).Select(i => $"filter[custom_fields.f{i}]=1")), "filter");
        AssertInvalid($"filter[title:in]={string.Join(',', Enumerable.Range(0, 101))}", "filter[title:in]");
    }

    [Fact]
    public void ParseList_Sort_ParsesFieldsAndDirections()
    {
        var sort = List("sort=-due_at,%20title%20,custom_fields.shift,-id").Sort;
        Assert.Equal(["due_at", "title", "custom_fields.shift", "id"], sort.Select(s => s.Field.Name));
        Assert.Equal([true, false, false, true], sort.Select(s => s.Descending));
    }

    [Theory]
    [InlineData("sort=colour")]
    [InlineData("sort=assignee_ids")]
    [InlineData("sort=title,-title")]
    [InlineData("sort=title,")]
    [InlineData("sort=-")]
    [InlineData("sort=id,title")]
    [InlineData("sort=%2Btitle")]
    [InlineData("sort=title,number,due_at,status,priority")]
    public void ParseList_BadSort_Throws(string query) => AssertInvalid(query, "sort");

    [Fact]
    public void ParseList_Expand_ResolvesReferenceFields()
    {
        var expand = List("expand=asset,site,asset,assignees,pm_schedule").Expand;
        Assert.Equal(["asset_id", "site_id", "assignee_ids", "pm_schedule_id"], expand.Select(f => f.Name));
        Assert.Equal(Entity.Assets, expand[0].References!.Entity);
        Assert.Equal(Entity.Users, expand[2].References!.Entity);
        Assert.Equal(Entity.Assets, Parse(Entity.Assets, "expand=parent").Expand.Single().References!.Entity);
    }

    [Theory]
    [InlineData(Entity.WorkOrders, "expand=vendor")]
    [InlineData(Entity.WorkOrders, "expand=asset_id")]
    [InlineData(Entity.Sites, "expand=site")]
    public void ParseList_UnknownExpand_Throws(Entity entity, string query) => AssertInvalid(query, "expand", entity);

    [Fact]
    public void ParseList_UpdatedAfterWithUnencodedPlus_ReadsTheOffset()
    {
        // An unencoded '+' arrives as a space.
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero), List("updated_after=2026-01-01T10:00:00+02:00").UpdatedAfter);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), List("updated_after=2026-01-01").UpdatedAfter);
    }

    [Fact]
    public void ParseList_SeveralProblems_ReportsEachInDetails()
    {
        var error = Assert.Throws<ApiException>(() => List("limit=0&sort=nope&filter[nope]=1&expand=nope"));
        Assert.Equal(["expand", "filter[nope]", "limit", "sort"], error.Details!.Select(d => d.Field).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("limit=5")]
    [InlineData("cursor=abc")]
    [InlineData("sort=title")]
    [InlineData("filter[title]=x")]
    [InlineData("updated_after=2026-01-01")]
    public void ParseGet_ListOnlyParameter_Throws(string query)
    {
        var error = Assert.Throws<ApiException>(() => QueryParser.ParseGet(WorkOrders, Collection(query)));
        Assert.Equal(ErrorCodes.InvalidQueryParameter, error.Code);
    }

    [Fact]
    public void ParseGet_RecordParameters_AreAccepted()
    {
        var query = QueryParser.ParseGet(WorkOrders, Collection("include_raw=true&include_deleted=false&expand=asset"));
        Assert.True(query.IncludeRaw);
        Assert.Equal("asset_id", Assert.Single(query.Expand).Name);
    }

    [Fact]
    public void Schemas_EveryEntity_HasEnvelopeFieldsAndTypedFieldsOfItsRecordType()
    {
        foreach (var entity in EntityInfo.All)
        {
            var schema = Schemas[entity.Entity];
            Assert.Equal(["id", "remote_id", "created_at", "updated_at", "deleted_at", "remote_created_at", "remote_updated_at"],
                schema.Fields.Take(7).Select(f => f.Name));
            Assert.All(schema.Fields.Where(f => f.Name.EndsWith("_id", StringComparison.Ordinal) && f.Source == FieldSource.Data),
                f => Assert.NotNull(f.References));
        }

        Assert.Equal(FieldKind.StringArray, WorkOrders.ByName["assignee_ids"].Kind);
        Assert.Equal(FieldKind.DateTime, WorkOrders.ByName["due_at"].Kind);
        Assert.Equal(["none", "low", "medium", "high", "critical"], WorkOrders.ByName["priority"].EnumValues);
        Assert.Equal(FieldKind.ObjectArray, Schemas[Entity.Parts].ByName["stock"].Kind);
        Assert.Equal(FieldKind.Number, Schemas[Entity.PmSchedules].ByName["interval_value"].Kind);
    }

    private static RecordQuery List(string query) => QueryParser.ParseList(WorkOrders, Collection(query));

    private static RecordQuery Parse(Entity entity, string query) => QueryParser.ParseList(Schemas[entity], Collection(query));

    private static QueryCollection Collection(string query) => new(QueryHelpers.ParseQuery(query));

    private static void AssertInvalid(string query, string parameter, Entity entity = Entity.WorkOrders)
    {
        var error = Assert.Throws<ApiException>(() => Parse(entity, query));
        Assert.Equal(400, error.Status);
        Assert.Equal(ErrorCodes.InvalidQueryParameter, error.Code);
        Assert.Contains(error.Details!, d => d.Field == parameter);
    }
}
