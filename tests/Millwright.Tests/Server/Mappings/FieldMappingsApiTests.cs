using System.Globalization;
using Millwright.Client.Mappings;

namespace Millwright.Tests.Server.Mappings;

using Change = Dictionary<string, IReadOnlyDictionary<string, string?>?>;

/// <summary>Remaps and custom fields take effect on the very next read, filter and sort; sync maps with them.</summary>
public sealed class FieldMappingsApiTests(MappingsFixture fixture) : IClassFixture<MappingsFixture>
{
    private static Change WorkOrders(params (string Target, string? Expression)[] fields) =>
        new() { ["work-orders"] = fields.ToDictionary(f => f.Target, f => f.Expression) };

    [Fact]
    public async Task UpdateFieldMappings_RemapAndCustomField_VisibleOnNextReadFilterAndSort()
    {
        var connectionId = await fixture.SyncedConnectionAsync();
        var before = await fixture.WorkOrdersAsync(connectionId);

        var version = await fixture.Client.UpdateFieldMappingsAsync(connectionId, WorkOrders(
            ("title", "concat('WO-', sequentialId | string, ': ', title)"),
            ("custom_fields.seq", "sequentialId | number")));

        Assert.Equal(1, version.Version);
        Assert.Equal("patch", version.Change);
        Assert.Equal(before.Count, version.RemappedRecords);
        var after = await fixture.WorkOrdersAsync(connectionId);
        Assert.All(after, wo =>
        {
            var seq = (decimal)wo["custom_fields"]!["seq"]!;
            var old = before.Single(b => (string)b["id"]! == (string)wo["id"]!);
            Assert.Equal($"WO-{seq.ToString(CultureInfo.InvariantCulture)}: {(string)old["title"]!}", (string)wo["title"]!);
            Assert.Equal(old["custom_fields"]!.AsObject().Count + 1, wo["custom_fields"]!.AsObject().Count);
        });

        var filtered = await fixture.WorkOrdersAsync(connectionId, "&filter[custom_fields.seq:gte]=10&sort=-custom_fields.seq");
        var expected = after.Select(w => (decimal)w["custom_fields"]!["seq"]!).Where(s => s >= 10).OrderDescending().ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, filtered.Select(w => (decimal)w["custom_fields"]!["seq"]!));
        Assert.True(after.All(w => w["updated_at"]!.ToString() != before.Single(b => (string)b["id"]! == (string)w["id"]!)["updated_at"]!.ToString()),
            "records whose data changed get a new updated_at");
    }

    [Fact]
    public async Task UpdateFieldMappings_ValueMap_StatusFilterFollowsAtOnce()
    {
        var connectionId = await fixture.SyncedConnectionAsync();
        var all = await fixture.WorkOrdersAsync(connectionId);

        await fixture.Client.UpdateFieldMappingsAsync(connectionId, WorkOrders(("status", "status | map(*: on_hold)")));

        Assert.Equal(all.Count, (await fixture.WorkOrdersAsync(connectionId, "&filter[status]=on_hold")).Count);
        Assert.Empty(await fixture.WorkOrdersAsync(connectionId, "&filter[status:ne]=on_hold"));
        // The system's own value is untouched.
        var remote = await fixture.WorkOrdersAsync(connectionId);
        Assert.Equal(
            all.ToDictionary(w => (string)w["id"]!, w => (string?)w["remote_status"]),
            remote.ToDictionary(w => (string)w["id"]!, w => (string?)w["remote_status"]));
    }

    [Fact]
    public async Task RollbackFieldMappings_EarlierVersion_RestoresItsRecordsAndKeepsHistory()
    {
        var connectionId = await fixture.SyncedConnectionAsync();
        var defaults = await fixture.StoredDataAsync(connectionId);
        await fixture.Client.UpdateFieldMappingsAsync(connectionId, WorkOrders(("custom_fields.v", "'one'")));
        var versionOne = await fixture.StoredDataAsync(connectionId);
        await fixture.Client.ReplaceFieldMappingsAsync(connectionId, WorkOrders(("custom_fields.v", "'two'"), ("description", "null")));

        var rolledBack = await fixture.Client.RollbackFieldMappingsAsync(connectionId, 1);

        Assert.Equal(3, rolledBack.Version);
        Assert.Equal(1, rolledBack.RestoredVersion);
        Assert.Equal(versionOne, await fixture.StoredDataAsync(connectionId));
        var toDefaults = await fixture.Client.RollbackFieldMappingsAsync(connectionId, 0);
        Assert.Equal(4, toDefaults.Version);
        Assert.Empty(toDefaults.Mappings);
        Assert.Equal(defaults, await fixture.StoredDataAsync(connectionId));

        var history = await fixture.Client.ListFieldMappingVersionsAsync(connectionId, limit: 3);
        Assert.Equal([4, 3, 2], history.Data.Select(v => v.Version));
        Assert.Equal(["rollback", "rollback", "replace"], history.Data.Select(v => v.Change));
        Assert.Equal("'two'", history.Data[2].Mappings["work-orders"]["custom_fields.v"]);
        var rest = await fixture.Client.ListFieldMappingVersionsAsync(connectionId, limit: 3, cursor: history.NextCursor);
        Assert.Equal([1], rest.Data.Select(v => v.Version));
        Assert.Null(rest.NextCursor);
    }

    [Fact]
    public async Task PreviewFieldMappings_ProposedChange_ReturnsBeforeAfterAndSavesNothing()
    {
        var connectionId = await fixture.SyncedConnectionAsync();
        var stored = await fixture.StoredDataAsync(connectionId);

        var preview = await fixture.Client.PreviewFieldMappingsAsync(connectionId,
            new FieldMappingsPreviewRequest(WorkOrders(("title", "title | upper"), ("custom_fields.upper", "title | upper")), Limit: 3));

        var entity = Assert.Single(preview.Entities);
        Assert.Equal("work-orders", entity.Entity);
        Assert.Equal(3, entity.Records.Count);
        Assert.All(entity.Records, r =>
        {
            Assert.Equal(r.Before.GetProperty("title").GetString()!.ToUpperInvariant(), r.After.GetProperty("title").GetString());
            Assert.Equal(r.After.GetProperty("title").GetString(), r.After.GetProperty("custom_fields").GetProperty("upper").GetString());
            Assert.Contains("custom_fields.upper", r.ChangedFields);
        });
        Assert.Equal(stored, await fixture.StoredDataAsync(connectionId));
        Assert.Equal(0, (await fixture.Client.GetFieldMappingsAsync(connectionId)).Version);
        Assert.Empty((await fixture.Client.ListFieldMappingVersionsAsync(connectionId)).Data);
    }

    [Fact]
    public async Task UpdateFieldMappings_OneConnection_NeverChangesAnothersRecords()
    {
        var changed = await fixture.SyncedConnectionAsync();
        var other = await fixture.SyncedConnectionAsync();
        var otherBefore = await fixture.StoredDataAsync(other);

        await fixture.Client.UpdateFieldMappingsAsync(changed, new Change
        {
            ["work-orders"] = new Dictionary<string, string?> { ["title"] = "'changed'" },
            ["assets"] = new Dictionary<string, string?> { ["custom_fields.mine"] = "'yes'" },
        });

        Assert.All(await fixture.WorkOrdersAsync(changed), w => Assert.Equal("changed", (string?)w["title"]));
        Assert.Equal(otherBefore, await fixture.StoredDataAsync(other));
        Assert.Equal(0, (await fixture.Client.GetFieldMappingsAsync(other)).Version);
    }

    [Fact]
    public async Task StartSync_AfterChange_StoresRecordsWithTheConnectionsMapping()
    {
        var connectionId = await fixture.ConnectionAsync();
        var version = await fixture.Client.UpdateFieldMappingsAsync(connectionId, WorkOrders(("custom_fields.number_text", "concat('#', sequentialId)")));
        Assert.Equal(0, version.RemappedRecords);

        var run = await fixture.Client.StartSyncAsync(connectionId);
        await Millwright.Tests.Server.Sync.SyncTestData.WaitAsync(fixture.Client, connectionId, run.Id);

        var workOrders = await fixture.WorkOrdersAsync(connectionId);
        Assert.NotEmpty(workOrders);
        Assert.All(workOrders, w => Assert.StartsWith("#", (string)w["custom_fields"]!["number_text"]!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task UpdateFieldMappings_NullResetsFieldAndEntity_PutWithSameMappingsIsNoNewVersion()
    {
        var connectionId = await fixture.SyncedConnectionAsync();
        await fixture.Client.UpdateFieldMappingsAsync(connectionId, new Change
        {
            ["work-orders"] = new Dictionary<string, string?> { ["title"] = "'x'", ["custom_fields.a"] = "'a'" },
            ["assets"] = new Dictionary<string, string?> { ["name"] = "'asset'" },
        });

        var reset = await fixture.Client.UpdateFieldMappingsAsync(connectionId, new Change
        {
            ["work-orders"] = new Dictionary<string, string?> { ["title"] = null },
            ["assets"] = null,
        });

        Assert.Equal(2, reset.Version);
        Assert.Equal(new Dictionary<string, string> { ["custom_fields.a"] = "'a'" }, reset.Mappings.Single().Value);
        var same = await fixture.Client.ReplaceFieldMappingsAsync(connectionId, WorkOrders(("custom_fields.a", "'a'")));
        Assert.Equal(2, same.Version);
        var view = await fixture.Client.GetFieldMappingsAsync(connectionId);
        var title = view.Entities.Single(e => e.Entity == "work-orders").Fields.Single(f => f.Target == "title");
        Assert.Equal(("default", "title"), (title.Source, title.Expression));
    }
}
