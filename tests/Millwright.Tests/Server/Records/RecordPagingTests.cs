using System.Text.Json.Nodes;
using Millwright.Client;
using Millwright.Client.Errors;
using Millwright.Client.Models;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Records;

[Collection(RecordsCollection.Name)]
public sealed class RecordPagingTests(SharedHost host)
{
    private const int Count = 137;

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(50)]
    [InlineData(136)]
    [InlineData(500)]
    public async Task ListAll_AnyPageSize_VisitsEveryRecordExactlyOnceInOrder(int limit)
    {
        using var seed = await SeedManyAsync();
        var ids = await seed.Client.ListAllAsync<WorkOrder>(new ListQuery { Limit = limit }).Select(w => w.Id).ToListAsync();
        var expected = (await seed.Client.ListAsync<WorkOrder>(new ListQuery { Limit = 500 })).Data.Select(w => w.Id);
        Assert.Equal(Count, ids.Count);
        Assert.Equal(expected, ids);
    }

    [Theory]
    [InlineData("updated_at")]
    [InlineData("-updated_at")]
    [InlineData("priority,-due_at")]
    [InlineData("-priority,title")]
    [InlineData("-title,remote_id")]
    [InlineData("due_at")]
    [InlineData("custom_fields.shift,-custom_fields.score")]
    [InlineData("-custom_fields.score")]
    [InlineData("status,remote_updated_at")]
    [InlineData("-remote_id")]
    [InlineData("id")]
    [InlineData("-created_at,-id")]
    public async Task ListAll_SortWithTiesAndNulls_VisitsEveryRecordExactlyOnce(string sort)
    {
        using var seed = await SeedManyAsync();
        var query = new ListQuery { Limit = 9, Sort = sort.Split(',') };
        var paged = await seed.Client.ListAllAsync<WorkOrder>(query).Select(w => w.Id).ToListAsync();
        var single = (await seed.Client.ListAsync<WorkOrder>(query with { Limit = 500 })).Data.Select(w => w.Id);
        Assert.Equal(Count, paged.Distinct().Count());
        Assert.Equal(single, paged);
    }

    [Fact]
    public async Task ListAll_RecordsUpdatedWhilePaging_NoRecordIsSkipped()
    {
        using var seed = await SeedManyAsync();
        var query = new ListQuery { Limit = 10 };
        var seen = new List<string>();
        var page = await seed.Client.ListAsync<WorkOrder>(query);
        var before = (await seed.Client.ListAsync<WorkOrder>(query with { Limit = 500 })).Data.Select(w => w.Id).ToList();
        var changed = new HashSet<string>();
        var round = 0;
        while (true)
        {
            seen.AddRange(page.Data.Select(w => w.Id));
            if (page.NextCursor is null)
            {
                break;
            }

            // A sync touches records on both sides of the cursor between two pages.
            round++;
            var touch = new[] { before[(round * 7) % before.Count], before[(round * 13 + 50) % before.Count] };
            changed.UnionWith(touch);
            await seed.UpdateAsync(touch, RecordSeed.T0.AddDays(1).AddSeconds(round));
            page = await seed.Client.ListAsync<WorkOrder>(query with { Cursor = page.NextCursor });
        }

        Assert.Empty(before.Except(seen));
        Assert.All(before.Where(id => !changed.Contains(id)), id => Assert.Single(seen, id));
    }

    [Fact]
    public async Task List_NextCursorWithOtherLimitExpandOrRaw_ContinuesTheQuery()
    {
        using var seed = await SeedManyAsync();
        var first = await seed.Client.ListAsync<WorkOrder>(new ListQuery { Limit = 3 }.Where("priority", FilterOperator.Gte, Priority.Medium));
        var next = await seed.Client.ListAsync<WorkOrder>(new ListQuery { Limit = 4, Cursor = first.NextCursor, IncludeRaw = true }
            .Where("priority", FilterOperator.Gte, Priority.Medium).Expanding("asset"));
        var all = (await seed.Client.ListAsync<WorkOrder>(new ListQuery { Limit = 7 }.Where("priority", FilterOperator.Gte, Priority.Medium))).Data;
        Assert.Equal(all.Select(w => w.Id), first.Data.Concat(next.Data).Select(w => w.Id));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("")]
    [InlineData("!!!!")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task List_MalformedCursor_Returns400InvalidCursor(string cursor)
    {
        using var seed = await SeedManyAsync(5);
        var (status, error) = await seed.Http.ErrorAsync($"/v1/work-orders?cursor={Uri.EscapeDataString(cursor)}");
        Assert.Equal(400, status);
        Assert.Equal(ErrorCodes.InvalidCursor, error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task List_TamperedCursor_Returns400InvalidCursor()
    {
        using var seed = await SeedManyAsync(5);
        var cursor = (await seed.Client.ListAsync<WorkOrder>(new ListQuery { Limit = 2 })).NextCursor!;
        for (var i = 0; i < cursor.Length; i += 3)
        {
            var flipped = cursor[..i] + (cursor[i] == 'A' ? 'B' : 'A') + cursor[(i + 1)..];
            var error = await Assert.ThrowsAsync<MillwrightApiException>(() => seed.Client.ListAsync<WorkOrder>(new ListQuery { Limit = 2, Cursor = flipped }));
            Assert.Equal(ErrorCodes.InvalidCursor, error.Code);
        }
    }

    [Theory]
    [InlineData("sort")]
    [InlineData("filter")]
    [InlineData("include_deleted")]
    [InlineData("updated_after")]
    [InlineData("entity")]
    [InlineData("connection")]
    public async Task List_CursorOfAnotherQuery_Returns400InvalidCursor(string change)
    {
        using var seed = await SeedManyAsync(5);
        using var other = await SeedManyAsync(5);
        var query = new ListQuery { Limit = 2 }.Where("priority", FilterOperator.Ne, Priority.None);
        var cursor = (await seed.Client.ListAsync<WorkOrder>(query)).NextCursor!;
        query = query with { Cursor = cursor };
        Task Use() => change switch
        {
            "sort" => seed.Client.ListAsync<WorkOrder>(query.OrderByDescending("updated_at")),
            "filter" => seed.Client.ListAsync<WorkOrder>(query with { Filters = [new ListFilter("priority", FilterOperator.Ne, "low")] }),
            "include_deleted" => seed.Client.ListAsync<WorkOrder>(query with { IncludeDeleted = true }),
            "updated_after" => seed.Client.ListAsync<WorkOrder>(query with { UpdatedAfter = RecordSeed.T0 }),
            "entity" => seed.Client.ListAsync<Asset>(new ListQuery { Limit = 2, Cursor = cursor }),
            _ => other.Client.ListAsync<WorkOrder>(query),
        };

        var error = await Assert.ThrowsAsync<MillwrightApiException>(Use);
        Assert.Equal(ErrorCodes.InvalidCursor, error.Code);
        Assert.Equal("cursor", Assert.Single(error.Error!.Details!).Field);
    }

    [Theory]
    [InlineData("title", "2,4,3,1,5")]
    [InlineData("-title", "1,3,4,2,5")]
    [InlineData("priority", "5,2,4,1,3")]
    [InlineData("-priority", "3,1,4,2,5")]
    [InlineData("-due_at", "5,2,1,4,3")]
    [InlineData("due_at", "4,1,2,5,3")]
    [InlineData("custom_fields.downtime", "1,2,5,3,4")]
    [InlineData("-custom_fields.downtime", "5,2,1,3,4")]
    [InlineData("-created_at", "1,2,3,4,5")]
    [InlineData("-updated_at", "5,4,3,2,1")]
    [InlineData("custom_fields.line,-remote_id", "3,1,2,5,4")]
    [InlineData("status", "1,2,4,3,5")]
    public async Task List_Sort_OrdersByTypeWithNullsLast(string sort, string expected)
    {
        using var seed = await SampleWorkOrders.SeedAsync(host.Server);
        Assert.Equal(expected.Split(','), await seed.RemoteIdsAsync($"/v1/work-orders?sort={sort}"));
        // The same order page by page.
        Assert.Equal(expected.Split(','), await seed.Client.ListAllAsync<WorkOrder>(new ListQuery { Limit = 2, Sort = sort.Split(',') })
            .Select(w => w.RemoteId).ToArrayAsync());
    }

    [Fact]
    public async Task List_SortOnNumbers_OrdersNumerically()
    {
        using var seed = await RecordSeed.CreateAsync(host.Server);
        decimal?[] costs = [9.5m, 120m, null, 10m, 2.25m];
        await seed.AddAsync(costs.Select((c, i) => new Part
        {
            Id = seed.IdOf(Entity.Parts, $"p{i}"),
            RemoteId = $"p{i}",
            UpdatedAt = RecordSeed.T0,
            UnitCost = c,
        }));
        Assert.Equal(["p4", "p0", "p3", "p1", "p2"], await seed.RemoteIdsAsync("/v1/parts?sort=unit_cost"));
        Assert.Equal(["p1", "p3", "p0", "p4", "p2"], await seed.RemoteIdsAsync("/v1/parts?sort=-unit_cost"));
    }

    /// <summary>Work orders with many ties: 137 records over 5 updated_at values, 3 priorities, nullable due dates and custom fields of mixed types.</summary>
    private async Task<RecordSeed> SeedManyAsync(int count = Count)
    {
        var seed = await RecordSeed.CreateAsync(host.Server);
        Priority?[] priorities = [Priority.Low, Priority.High, null, Priority.Medium];
        await seed.AddAsync(Enumerable.Range(0, count).Select(i => new WorkOrder
        {
            Id = seed.IdOf(Entity.WorkOrders, $"r{i}"),
            RemoteId = $"r{i}",
            CreatedAt = RecordSeed.T0.AddHours(-(i % 11)),
            UpdatedAt = RecordSeed.T0.AddMinutes(i % 5),
            RemoteUpdatedAt = i % 4 == 0 ? null : RecordSeed.T0.AddSeconds(i % 6),
            Status = (WorkOrderStatus)(i % 6),
            Priority = priorities[i % 4],
            Title = i % 9 == 0 ? null : $"Job {(char)('A' + (i % 7))}",
            DueAt = i % 3 == 0 ? null : RecordSeed.T0.AddDays(i % 8),
            CustomFields = (i % 5) switch
            {
                0 => new JsonObject { ["score"] = i % 4, ["shift"] = "night" },
                1 => new JsonObject { ["score"] = "high", ["shift"] = "day" },
                2 => new JsonObject { ["score"] = 1.5 },
                3 => new JsonObject { ["shift"] = 3 },
                _ => [],
            },
        }));
        return seed;
    }
}
