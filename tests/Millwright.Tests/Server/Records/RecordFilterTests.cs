using System.Text.Json.Nodes;
using Millwright.Client;
using Millwright.Client.Errors;
using Millwright.Client.Models;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Records;

[Collection(RecordsCollection.Name)]
public sealed class RecordFilterTests(SharedHost host)
{
    [Theory]
    [InlineData("filter[status]=open", "1")]
    [InlineData("filter[status:eq]=OPEN", "1")]
    [InlineData("filter[status:ne]=open", "2,3,4,5")]
    [InlineData("filter[status:in]=open,on_hold", "1,4")]
    [InlineData("filter[priority:gte]=high", "1,3")]
    [InlineData("filter[priority:gt]=high", "3")]
    [InlineData("filter[priority:lt]=medium", "2,5")]
    [InlineData("filter[priority:lte]=medium", "2,4,5")]
    [InlineData("filter[title]=Lubricate%20gearbox", "4")]
    [InlineData("filter[title:ne]=Lubricate%20gearbox", "1,2,3,5")]
    [InlineData("filter[title:contains]=pump", "1,3")]
    [InlineData("filter[title:starts_with]=pump", "3")]
    [InlineData("filter[title:gt]=M", "1,3")]
    [InlineData("filter[title:in]=PUMP%20alignment,Replace%20pump%20seal", "1,3")]
    [InlineData("filter[number:starts_with]=wo-", "1,2,3,4,5")]
    [InlineData("filter[due_at:gte]=2026-03-01T08:00:00Z", "1,2,5")]
    [InlineData("filter[due_at:gt]=2026-03-01T08:00:00Z", "2,5")]
    [InlineData("filter[due_at:lt]=2026-03-01", "4")]
    [InlineData("filter[due_at:lte]=2026-03-05T10:00:00Z", "1,2,4")]
    [InlineData("filter[due_at]=2026-03-01T09:00:00%2B01:00", "1")]
    [InlineData("filter[due_at]=2026-03-01T09:00:00+01:00", "1")]
    [InlineData("filter[due_at:ne]=2026-03-01T08:00:00Z", "2,3,4,5")]
    [InlineData("filter[assignee_ids]=u2", "1,2")]
    [InlineData("filter[assignee_ids:in]=u1,u3", "1,4")]
    [InlineData("filter[assignee_ids:ne]=u2", "3,4,5")]
    [InlineData("filter[custom_fields.line]=A", "1,3")]
    [InlineData("filter[custom_fields.line:in]=B,C", "2,5")]
    [InlineData("filter[custom_fields.line:ne]=A", "2,4,5")]
    [InlineData("filter[custom_fields.downtime]=12.5", "2")]
    [InlineData("filter[custom_fields.downtime:gt]=10", "2,5")]
    [InlineData("filter[custom_fields.downtime:lte]=12.50", "1,2")]
    [InlineData("filter[custom_fields.downtime:contains]=N/", "3")]
    [InlineData("filter[custom_fields.downtime:starts_with]=n", "3")]
    [InlineData("filter[custom_fields.safety]=true", "1")]
    [InlineData("filter[custom_fields.safety]=false", "3")]
    [InlineData("filter[custom_fields.missing]=x", "")]
    [InlineData("filter[remote_id:in]=2,4", "2,4")]
    [InlineData("filter[remote_id:gte]=4", "4,5")]
    [InlineData("filter[created_at:lte]=2026-01-02T08:00:00Z", "3,4,5")]
    [InlineData("filter[updated_at:gt]=2026-01-05T08:03:00Z", "4,5")]
    [InlineData("filter[remote_updated_at:lt]=2026-01-05T08:02:00Z", "1,2")]
    [InlineData("filter[status:in]=open,in_progress&filter[priority]=low", "2")]
    [InlineData("filter[due_at:gte]=2026-03-01&filter[due_at:lt]=2026-03-06", "1,2")]
    public async Task List_Filter_ReturnsMatchingRecords(string query, string expected)
    {
        using var seed = await SampleWorkOrders.SeedAsync(host.Server);
        var ids = await seed.RemoteIdsAsync($"/v1/work-orders?{query}");
        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), ids);
    }

    [Fact]
    public async Task List_FilterOnId_ReturnsThatRecord()
    {
        using var seed = await SampleWorkOrders.SeedAsync(host.Server);
        var page = await seed.Client.ListAsync<WorkOrder>(new ListQuery().Where("id", seed.IdOf(Entity.WorkOrders, "3")));
        Assert.Equal("3", Assert.Single(page.Data).RemoteId);
    }

    [Fact]
    public async Task List_SdkTypedFilters_FormatValuesForTheWire()
    {
        using var seed = await SampleWorkOrders.SeedAsync(host.Server);
        var query = new ListQuery()
            .Where("status", FilterOperator.In, new[] { WorkOrderStatus.Open, WorkOrderStatus.InProgress, WorkOrderStatus.OnHold })
            .Where("due_at", FilterOperator.Gte, new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.FromHours(1)))
            .Where("custom_fields.downtime", FilterOperator.Lt, 100m);
        var page = await seed.Client.ListAsync<WorkOrder>(query);
        Assert.Equal(["1", "2"], page.Data.Select(w => w.RemoteId));
    }

    [Fact]
    public async Task List_NumberAndBooleanFields_CompareByType()
    {
        using var seed = await RecordSeed.CreateAsync(host.Server);
        await seed.AddAsync(
            Part(seed, "p1", 1, 9.5m, ["v1"]),
            Part(seed, "p2", 2, 120m, []),
            Part(seed, "p3", 3, null, ["v1", "v2"]),
            Part(seed, "p4", 4, 10m, ["v2"]));
        await seed.AddAsync(
            new User { Id = seed.IdOf(Entity.Users, "a"), RemoteId = "a", UpdatedAt = RecordSeed.T0, IsActive = true },
            new User { Id = seed.IdOf(Entity.Users, "b"), RemoteId = "b", UpdatedAt = RecordSeed.T0.AddMinutes(1), IsActive = false },
            new User { Id = seed.IdOf(Entity.Users, "c"), RemoteId = "c", UpdatedAt = RecordSeed.T0.AddMinutes(2) });

        Assert.Equal(["p2", "p4"], await seed.RemoteIdsAsync("/v1/parts?filter[unit_cost:gte]=10"));
        Assert.Equal(["p1"], await seed.RemoteIdsAsync("/v1/parts?filter[unit_cost:lt]=10"));
        Assert.Equal(["p1", "p4"], await seed.RemoteIdsAsync("/v1/parts?filter[unit_cost:in]=9.5,10.00"));
        Assert.Equal(["p1", "p2", "p3"], await seed.RemoteIdsAsync("/v1/parts?filter[unit_cost:ne]=10"));
        Assert.Equal(["p1", "p3"], await seed.RemoteIdsAsync("/v1/parts?filter[vendor_ids]=v1"));
        Assert.Equal(["a"], await seed.RemoteIdsAsync("/v1/users?filter[is_active]=true"));
        Assert.Equal(["b"], await seed.RemoteIdsAsync("/v1/users?filter[is_active]=false"));
        Assert.Equal(["b", "c"], await seed.RemoteIdsAsync("/v1/users?filter[is_active:ne]=true"));
    }

    [Fact]
    public async Task List_CustomFieldNameWithQuotesAndSpaces_IsFilteredAndSortedSafely()
    {
        using var seed = await RecordSeed.CreateAsync(host.Server);
        const string name = "it's a field'); DROP TABLE records; --";
        string[] values = ["b", "a", "c"];
        await seed.AddAsync(values.Select((v, i) => new Meter
        {
            Id = seed.IdOf(Entity.Meters, $"m{i}"),
            RemoteId = $"m{i}",
            UpdatedAt = RecordSeed.T0.AddMinutes(i),
            CustomFields = new JsonObject { [name] = v },
        }));
        var query = new ListQuery().Where($"custom_fields.{name}", FilterOperator.Ne, "c").OrderByDescending($"custom_fields.{name}");
        var page = await seed.Client.ListAsync<Meter>(query);
        Assert.Equal(["m0", "m1"], page.Data.Select(m => m.RemoteId));
        Assert.Equal(3, (await seed.Client.ListAsync<Meter>()).Data.Count);
    }

    [Theory]
    [InlineData("filter[colour]=red", "filter[colour]")]
    [InlineData("filter[title:like]=x", "filter[title:like]")]
    [InlineData("filter[priority:contains]=hi", "filter[priority:contains]")]
    [InlineData("filter[assignee_ids:gt]=u1", "filter[assignee_ids:gt]")]
    [InlineData("filter[due_at]=yesterday", "filter[due_at]")]
    [InlineData("filter[status]=closed", "filter[status]")]
    [InlineData("filter[custom_fields.a.b]=1", "filter[custom_fields.a.b]")]
    [InlineData("filtr[title]=x", "filtr[title]")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=-1", "limit")]
    [InlineData("limit=abc", "limit")]
    [InlineData("limit=501", "limit")]
    [InlineData("sort=colour", "sort")]
    [InlineData("sort=assignee_ids", "sort")]
    [InlineData("expand=vendor", "expand")]
    [InlineData("updated_after=last%20week", "updated_after")]
    [InlineData("include_deleted=maybe", "include_deleted")]
    [InlineData("page=2", "page")]
    public async Task List_BadQuery_Returns400NamingTheParameter(string query, string parameter)
    {
        using var seed = await SampleWorkOrders.SeedAsync(host.Server);
        var (status, error) = await seed.Http.ErrorAsync($"/v1/work-orders?{query}");
        Assert.Equal(400, status);
        Assert.Equal(ErrorCodes.InvalidQueryParameter, error.GetProperty("code").GetString());
        Assert.Contains(error.GetProperty("details").EnumerateArray(), d => d.GetProperty("field").GetString() == parameter);
    }

    [Fact]
    public async Task List_SeveralBadParameters_ReportsEachInDetails()
    {
        using var seed = await RecordSeed.CreateAsync(host.Server);
        var error = await Assert.ThrowsAsync<MillwrightApiException>(() => seed.Client.ListAsync<WorkOrder>(
            new ListQuery { Limit = 900 }.Where("unit_cost", 3).OrderBy("nope")));
        Assert.Equal(ErrorCodes.InvalidQueryParameter, error.Code);
        Assert.Equal(["filter[unit_cost:eq]", "limit", "sort"], error.Error!.Details!.Select(d => d.Field).Order(StringComparer.Ordinal));
    }

    private static Part Part(RecordSeed seed, string remote, int minute, decimal? cost, string[] vendors) => new()
    {
        Id = seed.IdOf(Entity.Parts, remote),
        RemoteId = remote,
        UpdatedAt = RecordSeed.T0.AddMinutes(minute),
        UnitCost = cost,
        VendorIds = vendors,
    };
}
