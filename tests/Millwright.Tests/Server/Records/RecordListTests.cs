using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Millwright.Client;
using Millwright.Client.Errors;
using Millwright.Client.Models;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Records;

[Collection(RecordsCollection.Name)]
public sealed class RecordListTests(SharedHost host)
{
    [Fact]
    public async Task List_EntityWithoutRows_ReturnsEmptyPageWithoutCursor()
    {
        using var seed = await SampleWorkOrders.SeedAsync(host.Server);
        var page = await seed.Client.ListAsync<MeterReading>();
        Assert.Empty(page.Data);
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public async Task List_DefaultQuery_HidesDeletedAndOrdersByUpdatedAtThenId()
    {
        using var seed = await RecordSeed.CreateAsync(host.Server);
        // Three share one updated_at: id decides among them.
        string[] remotes = ["a", "b", "c", "d"];
        var sites = remotes.Select((r, i) => new Site
        {
            Id = seed.IdOf(Entity.Sites, r),
            RemoteId = r,
            UpdatedAt = i == 0 ? RecordSeed.T0.AddHours(1) : RecordSeed.T0,
            Name = $"Plant {r}",
        }).ToList();
        await seed.AddAsync(sites);

        var page = await seed.Client.ListAsync<Site>();

        var expected = sites.Skip(1).Select(s => s.Id).Order(StringComparer.Ordinal).Append(sites[0].Id);
        Assert.Equal(expected, page.Data.Select(s => s.Id));
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public async Task List_Record_HasEnvelopeTypedFieldsAndCustomFieldsInUtc()
    {
        using var seed = await SampleWorkOrders.SeedAsync(host.Server);
        using var json = JsonDocument.Parse(await seed.Http.GetStringAsync("/v1/work-orders?filter[remote_id]=2"));
        var record = Assert.Single(json.RootElement.GetProperty("data").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("next_cursor").ValueKind);

        Assert.Equal(seed.IdOf(Entity.WorkOrders, "2"), record.GetProperty("id").GetString());
        Assert.Equal("2026-01-05T08:02:00Z", record.GetProperty("updated_at").GetString());
        Assert.Equal("2026-01-03T08:00:00Z", record.GetProperty("created_at").GetString());
        Assert.Equal(JsonValueKind.Null, record.GetProperty("deleted_at").ValueKind);
        Assert.Equal("2026-01-05T08:01:30Z", record.GetProperty("remote_updated_at").GetString());
        Assert.Equal("in_progress", record.GetProperty("status").GetString());
        // Stored with a +02:00 offset, returned in UTC.
        Assert.Equal("2026-03-05T10:00:00Z", record.GetProperty("due_at").GetString());
        Assert.Equal("B", record.GetProperty("custom_fields").GetProperty("line").GetString());
        Assert.False(record.TryGetProperty("raw", out _));
        Assert.Equal(1, record.EnumerateObject().Count(p => p.Name == "id"));

        var typed = (await seed.Client.ListAsync<WorkOrder>(new ListQuery().Where("remote_id", "2"))).Data.Single();
        Assert.Equal(["u2"], typed.AssigneeIds);
        Assert.Equal(Priority.Low, typed.Priority);
        Assert.Equal(12.5, typed.CustomFields["downtime"]!.GetValue<double>());
    }

    [Fact]
    public async Task List_IncludeRaw_AddsTheSourceDocument()
    {
        using var seed = await RecordSeed.CreateAsync(host.Server);
        await seed.AddAsync(new Vendor
        {
            Id = seed.IdOf(Entity.Vendors, "v9"),
            RemoteId = "v9",
            UpdatedAt = RecordSeed.T0,
            Name = "Acme Bearings",
            Raw = JsonDocument.Parse("""{"id":"v9","vendorName":"Acme Bearings","tags":["x",1]}""").RootElement,
        });

        var without = (await seed.Client.ListAsync<Vendor>()).Data.Single();
        var with = (await seed.Client.ListAsync<Vendor>(new ListQuery { IncludeRaw = true })).Data.Single();

        Assert.Null(without.Raw);
        Assert.Equal("Acme Bearings", with.Raw!.Value.GetProperty("vendorName").GetString());
        Assert.Equal(1, with.Raw.Value.GetProperty("tags")[1].GetInt32());
    }

    [Fact]
    public async Task List_IncludeDeleted_ShowsDeletedRecordsOnlyWhenAsked()
    {
        using var seed = await SampleWorkOrders.SeedAsync(host.Server);
        var live = await seed.Client.ListAsync<WorkOrder>();
        var all = await seed.Client.ListAsync<WorkOrder>(new ListQuery { IncludeDeleted = true });

        Assert.DoesNotContain(live.Data, w => w.RemoteId == "6");
        var deleted = Assert.Single(all.Data, w => w.RemoteId == "6");
        Assert.Equal(RecordSeed.T0.AddMinutes(6), deleted.DeletedAt);
        Assert.Equal(live.Data.Count + 1, all.Data.Count);
    }

    [Fact]
    public async Task List_UpdatedAfter_ReturnsOnlyStrictlyLaterChanges()
    {
        using var seed = await SampleWorkOrders.SeedAsync(host.Server);
        var page = await seed.Client.ListAsync<WorkOrder>(new ListQuery { UpdatedAfter = RecordSeed.T0.AddMinutes(3) });
        Assert.Equal(["4", "5"], page.Data.Select(w => w.RemoteId));

        Assert.Equal(["3", "4", "5"], await seed.RemoteIdsAsync("/v1/work-orders?updated_after=2026-01-05T10:02:59%2B02:00"));
    }

    [Fact]
    public async Task Get_ExistingId_ReturnsTheRecord()
    {
        using var seed = await SampleWorkOrders.SeedAsync(host.Server);
        var order = await seed.Client.GetAsync<WorkOrder>(seed.IdOf(Entity.WorkOrders, "1"), includeRaw: true);
        Assert.Equal("Replace pump seal", order.Title);
        Assert.Equal("seed", order.Raw!.Value.GetProperty("source").GetString());
    }

    [Fact]
    public async Task Get_DeletedRecord_Returns404UnlessIncludeDeleted()
    {
        using var seed = await SampleWorkOrders.SeedAsync(host.Server);
        var id = seed.IdOf(Entity.WorkOrders, "6");
        var error = await Assert.ThrowsAsync<MillwrightApiException>(() => seed.Client.GetAsync<WorkOrder>(id));
        Assert.Equal(HttpStatusCode.NotFound, error.Status);
        Assert.Equal(ErrorCodes.NotFound, error.Code);

        var deleted = await seed.Client.GetAsync<WorkOrder>(id, includeDeleted: true);
        Assert.NotNull(deleted.DeletedAt);
    }

    [Theory]
    [InlineData("/v1/work-orders/wo_000000000000000000000000")]
    [InlineData("/v1/assets/wo_000000000000000000000000")]
    public async Task Get_UnknownId_Returns404NotFound(string path)
    {
        using var seed = await SampleWorkOrders.SeedAsync(host.Server);
        var (status, error) = await seed.Http.ErrorAsync(path);
        Assert.Equal(404, status);
        Assert.Equal(ErrorCodes.NotFound, error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Get_RecordOfAnotherEntity_Returns404()
    {
        using var seed = await SampleWorkOrders.SeedAsync(host.Server);
        var (status, _) = await seed.Http.ErrorAsync($"/v1/assets/{seed.IdOf(Entity.WorkOrders, "1")}");
        Assert.Equal(404, status);
    }

    [Fact]
    public async Task Get_ListOnlyParameter_Returns400()
    {
        using var seed = await SampleWorkOrders.SeedAsync(host.Server);
        var (status, error) = await seed.Http.ErrorAsync($"/v1/work-orders/{seed.IdOf(Entity.WorkOrders, "1")}?limit=5");
        Assert.Equal(400, status);
        Assert.Equal("limit", error.GetProperty("details")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task ListAndGet_OtherConnectionsRecords_AreInvisible()
    {
        using var a = await SampleWorkOrders.SeedAsync(host.Server);
        using var b = await SampleWorkOrders.SeedAsync(host.Server);
        var idOfB = b.IdOf(Entity.WorkOrders, "1");

        var listA = await a.Client.ListAsync<WorkOrder>(new ListQuery { IncludeDeleted = true });
        Assert.All(listA.Data, w => Assert.Equal(a.IdOf(Entity.WorkOrders, w.RemoteId), w.Id));
        Assert.Empty((await a.Client.ListAsync<WorkOrder>(new ListQuery().Where("id", idOfB))).Data);
        var error = await Assert.ThrowsAsync<MillwrightApiException>(() => a.Client.GetAsync<WorkOrder>(idOfB, includeDeleted: true));
        Assert.Equal(ErrorCodes.NotFound, error.Code);

        // The same account's secret key reads B only when it names B.
        var viaKey = await a.SecretKeyClient.ListAsync<WorkOrder>();
        Assert.Equal(listA.Data.Count - 1, viaKey.Data.Count);
        Assert.Equal("Replace pump seal", (await b.SecretKeyClient.GetAsync<WorkOrder>(idOfB)).Title);
    }

    [Fact]
    public async Task List_SecretKeyOfAnotherAccount_CannotNameTheConnection()
    {
        using var a = await SampleWorkOrders.SeedAsync(host.Server);
        using var other = await RecordSeed.CreateAsync(host.Server);
        using var http = host.Server.Http(other.Account.TestSecretKey);
        http.DefaultRequestHeaders.Add("Millwright-Connection", a.ConnectionId);
        var (status, error) = await http.ErrorAsync("/v1/work-orders");
        Assert.Equal(404, status);
        Assert.Equal(ErrorCodes.NotFound, error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task GetJson_Expand_InlinesReferenceNextToItsId()
    {
        using var seed = await ExpandSample.SeedAsync(host.Server);
        var order = await seed.Client.GetJsonAsync(Entity.WorkOrders, seed.IdOf(Entity.WorkOrders, "w1"), expand: ["asset", "site"]);
        var names = order.Select(p => p.Key).ToList();
        Assert.Equal(names.IndexOf("asset_id") + 1, names.IndexOf("asset"));
        Assert.Equal("Boiler feed pump", order["asset"]!["name"]!.GetValue<string>());
        Assert.Equal("North plant", order["site"]!["name"]!.GetValue<string>());
        Assert.False(order.ContainsKey("location"));
    }

    [Fact]
    public async Task ListJson_Expand_InlinesEveryRequestedReference()
    {
        using var seed = await ExpandSample.SeedAsync(host.Server);
        var page = await seed.Client.ListJsonAsync(Entity.WorkOrders, new ListQuery().Expanding("asset", "location", "site", "assignees", "requested_by"));
        var byRemote = page.Data.ToDictionary(o => o["remote_id"]!.GetValue<string>());

        var w1 = byRemote["w1"];
        Assert.Equal("Boiler feed pump", w1["asset"]!["name"]!.GetValue<string>());
        Assert.Equal("Boiler house", w1["location"]!["name"]!.GetValue<string>());
        Assert.Equal("North plant", w1["site"]!["name"]!.GetValue<string>());
        Assert.Equal(["Ana", "Ben"], w1["assignees"]!.AsArray().Select(u => u!["name"]!.GetValue<string>()));
        Assert.Equal(seed.IdOf(Entity.Users, "u1"), w1["requested_by"]!["id"]!.GetValue<string>());
        // The expanded record is a whole record: envelope and custom fields too, no raw.
        Assert.Equal("2026-01-05T08:00:00Z", w1["asset"]!["updated_at"]!.GetValue<string>());
        Assert.NotNull(w1["asset"]!["custom_fields"]);
        Assert.Null(w1["asset"]!["raw"]);

        // A reference to a record not in the store expands to null; a missing reference too.
        var w2 = byRemote["w2"];
        Assert.True(w2.ContainsKey("asset"));
        Assert.Null(w2["asset"]);
        Assert.Null(w2["site"]);
        Assert.Empty(w2["assignees"]!.AsArray());
    }

    [Fact]
    public async Task ListJson_ExpandOnAssets_InlinesSiteLocationAndParent()
    {
        using var seed = await ExpandSample.SeedAsync(host.Server);
        var page = await seed.Client.ListJsonAsync(Entity.Assets, new ListQuery().Where("remote_id", "a2").Expanding("site", "location", "parent"));
        var asset = Assert.Single(page.Data);
        Assert.Equal("North plant", asset["site"]!["name"]!.GetValue<string>());
        Assert.Equal("Boiler house", asset["location"]!["name"]!.GetValue<string>());
        Assert.Equal("Boiler feed pump", asset["parent"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task List_ExpandedReferenceWasDeleted_StillInlinesItWithDeletedAt()
    {
        using var seed = await ExpandSample.SeedAsync(host.Server);
        await seed.UpdateAsync([seed.IdOf(Entity.Assets, "a1")], RecordSeed.T0.AddHours(1), deletedAt: RecordSeed.T0.AddHours(1));
        var page = await seed.Client.ListJsonAsync(Entity.WorkOrders, new ListQuery().Where("remote_id", "w1").Expanding("asset"));
        var asset = page.Data.Single()["asset"]!.AsObject();
        Assert.Equal("2026-01-05T09:00:00Z", asset["deleted_at"]!.GetValue<string>());
    }

    private static class ExpandSample
    {
        public static async Task<RecordSeed> SeedAsync(MillwrightHost host)
        {
            var seed = await RecordSeed.CreateAsync(host);
            var t = RecordSeed.T0;
            var site = seed.IdOf(Entity.Sites, "s1");
            var location = seed.IdOf(Entity.Locations, "l1");
            var pump = seed.IdOf(Entity.Assets, "a1");
            await seed.AddAsync(
                new Site { Id = site, RemoteId = "s1", UpdatedAt = t, Name = "North plant" },
                new Location { Id = location, RemoteId = "l1", UpdatedAt = t, Name = "Boiler house", SiteId = site },
                new Asset { Id = pump, RemoteId = "a1", UpdatedAt = t, Name = "Boiler feed pump", SiteId = site, LocationId = location, CustomFields = new JsonObject { ["criticality"] = "A" } },
                new Asset { Id = seed.IdOf(Entity.Assets, "a2"), RemoteId = "a2", UpdatedAt = t, Name = "Pump motor", SiteId = site, LocationId = location, ParentId = pump },
                new User { Id = seed.IdOf(Entity.Users, "u1"), RemoteId = "u1", UpdatedAt = t, Name = "Ana" },
                new User { Id = seed.IdOf(Entity.Users, "u2"), RemoteId = "u2", UpdatedAt = t, Name = "Ben" },
                new WorkOrder
                {
                    Id = seed.IdOf(Entity.WorkOrders, "w1"),
                    RemoteId = "w1",
                    UpdatedAt = t,
                    AssetId = pump,
                    LocationId = location,
                    SiteId = site,
                    RequestedById = seed.IdOf(Entity.Users, "u1"),
                    AssigneeIds = [seed.IdOf(Entity.Users, "u1"), seed.IdOf(Entity.Users, "u2"), seed.IdOf(Entity.Users, "gone")],
                },
                new WorkOrder { Id = seed.IdOf(Entity.WorkOrders, "w2"), RemoteId = "w2", UpdatedAt = t.AddMinutes(1), AssetId = seed.IdOf(Entity.Assets, "not-synced-yet") });
            return seed;
        }
    }
}
