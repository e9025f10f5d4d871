using System.Text.Json.Nodes;
using Millwright.Sandbox.Odoo;

namespace Millwright.Tests.Sandbox.Odoo;

/// <summary>create/write/unlink and the side effects the models file lists under <c>behaviour</c>.</summary>
public sealed class OdooSandboxWriteTests(OdooSandboxFixture fixture) : IClassFixture<OdooSandboxFixture>
{
    private static readonly string[] RequestFields = ["stage_id", "kanban_state", "close_date", "maintenance_team_id", "user_id", "category_id", "schedule_date", "write_date", "done"];

    private static readonly object[] Pair = [new { name = "a" }, new { name = "b" }];

    private static async Task<JsonObject> ReadAsync(OdooRpcClient client, int id) =>
        (await client.ExecuteAsync("maintenance.request", "read", [OdooRpcClient.Ids(id)], new { fields = RequestFields }))!.AsArray()[0]!.AsObject();

    [Fact]
    public async Task Create_RequestOnEquipment_FollowsTheEquipmentAndStartsInTheFirstStage()
    {
        using var client = fixture.Client();
        var equipment = (await client.ExecuteAsync("maintenance.equipment", "search_read",
            [OdooRpcClient.Domain(OdooRpcClient.Leaf("maintenance_team_id", "!=", false), OdooRpcClient.Leaf("technician_user_id", "!=", false))], new { fields = OdooRpcClient.Fields("maintenance_team_id", "technician_user_id", "category_id"), limit = 1 }))!.AsArray()[0]!;

        var id = (int)(await client.ExecuteAsync("maintenance.request", "create", [new { name = "Noise on gearbox", equipment_id = (int)equipment["id"]!, close_date = "2026-01-01" }]))!;
        var created = await ReadAsync(client, id);

        Assert.Equal(1, (int)created["stage_id"]![0]!);
        Assert.Equal("normal", (string?)created["kanban_state"]);
        Assert.False((bool)created["close_date"]!);
        Assert.Equal(equipment["maintenance_team_id"]!.ToJsonString(), created["maintenance_team_id"]!.ToJsonString());
        Assert.Equal(equipment["technician_user_id"]!.ToJsonString(), created["user_id"]!.ToJsonString());
        Assert.Equal(equipment["category_id"]!.ToJsonString(), created["category_id"]!.ToJsonString());
        Assert.Equal(OdooWire.DatetimeText(fixture.Time.GetUtcNow()), (string?)created["write_date"]);
    }

    [Fact]
    public async Task Write_StageChanges_ResetKanbanAndSetOrClearTheCloseDate()
    {
        using var client = fixture.Client();
        var id = (int)(await client.ExecuteAsync("maintenance.request", "create", [new { name = "Blocked valve", kanban_state = "blocked" }]))!;
        fixture.Time.Advance(TimeSpan.FromMinutes(5));

        await client.ExecuteAsync("maintenance.request", "write", [OdooRpcClient.Ids(id), new { stage_id = 3 }]);
        var repaired = await ReadAsync(client, id);
        await client.ExecuteAsync("maintenance.request", "write", [OdooRpcClient.Ids(id), new { stage_id = 2, kanban_state = "blocked" }]);
        var reopened = await ReadAsync(client, id);
        var wrongValue = await client.FailAsync("maintenance.request", "write", [OdooRpcClient.Ids(id), new { priority = "7" }]);

        Assert.Equal("normal", (string?)repaired["kanban_state"]);
        Assert.True((bool)repaired["done"]!);
        Assert.Equal(OdooWire.DateText(DateOnly.FromDateTime(fixture.Time.GetUtcNow().UtcDateTime)), (string?)repaired["close_date"]);
        Assert.Equal(OdooWire.DatetimeText(fixture.Time.GetUtcNow()), (string?)repaired["write_date"]);
        Assert.Equal("blocked", (string?)reopened["kanban_state"]);
        Assert.False((bool)reopened["close_date"]!);
        Assert.Equal("builtins.ValueError", (string?)wrongValue["name"]);
    }

    [Fact]
    public async Task Write_RecurringPreventiveToDone_CopiesItOneIntervalLaterInTheFirstStage()
    {
        using var client = fixture.Client();
        var id = (int)(await client.ExecuteAsync("maintenance.request", "create", [new
        {
            name = "Quarterly lubrication",
            maintenance_type = "preventive",
            recurring_maintenance = true,
            repeat_interval = 3,
            repeat_unit = "month",
            schedule_date = "2026-11-10 07:00:00",
            stage_id = 2,
        }]))!;
        var until = (int)(await client.ExecuteAsync("maintenance.request", "create", [new
        {
            name = "Last greasing",
            maintenance_type = "preventive",
            recurring_maintenance = true,
            repeat_type = "until",
            repeat_until = "2026-11-12",
            schedule_date = "2026-11-10 07:00:00",
        }]))!;
        var corrective = (int)(await client.ExecuteAsync("maintenance.request", "create", [new { name = "Not recurring", maintenance_type = "corrective", recurring_maintenance = true }]))!;

        await client.ExecuteAsync("maintenance.request", "write", [OdooRpcClient.Ids(id, until, corrective), new { stage_id = 3 }]);
        var copies = (await client.ExecuteAsync("maintenance.request", "search_read",
            [OdooRpcClient.Domain(OdooRpcClient.Leaf("name", "in", OdooRpcClient.Fields("Quarterly lubrication", "Last greasing", "Not recurring")))],
            new { fields = OdooRpcClient.Fields("name", "stage_id", "schedule_date", "recurring_maintenance"), order = "id asc" }))!.AsArray();

        Assert.Equal(4, copies.Count);
        var copy = copies[^1]!;
        Assert.Equal("Quarterly lubrication", (string?)copy["name"]);
        Assert.Equal(1, (int)copy["stage_id"]![0]!);
        Assert.Equal("2027-02-10 07:00:00", (string?)copy["schedule_date"]);
        Assert.False((bool)copies.Single(c => (string?)c!["name"] == "Not recurring")!["recurring_maintenance"]!);
    }

    [Fact]
    public async Task CreateAndUnlink_ConstraintsAreOdoosErrors()
    {
        using var client = fixture.Client();
        var serial = (string)(await client.ExecuteAsync("maintenance.equipment", "search_read", [OdooRpcClient.Domain(OdooRpcClient.Leaf("serial_no", "!=", false))], new { fields = OdooRpcClient.Fields("serial_no"), limit = 1 }))!.AsArray()[0]!["serial_no"]!;
        var used = (int)(await client.ExecuteAsync("maintenance.request", "search_read", [OdooRpcClient.Domain(OdooRpcClient.Leaf("equipment_id", "!=", false))], new { fields = OdooRpcClient.Fields("equipment_id"), limit = 1 }))!.AsArray()[0]!["equipment_id"]![0]!;

        var duplicate = await client.FailAsync("maintenance.equipment", "create", [new { name = "Twin", serial_no = serial }]);
        var noName = await client.FailAsync("maintenance.request", "create", [new { description = "<p>no subject</p>" }]);
        var restricted = await client.FailAsync("maintenance.equipment", "unlink", [OdooRpcClient.Ids(used)]);
        var badDate = await client.FailAsync("maintenance.request", "create", [new { name = "x", schedule_date = "2026-01-01T10:00:00Z" }]);
        var created = (await client.ExecuteAsync("maintenance.request", "create", [Pair]))!.AsArray();
        await client.ExecuteAsync("maintenance.request", "unlink", [created.Select(i => (int)i!).ToArray()]);
        var gone = await client.FailAsync("maintenance.request", "read", [created.Select(i => (int)i!).ToArray()]);

        Assert.Equal("odoo.exceptions.ValidationError", (string?)duplicate["name"]);
        Assert.Equal("odoo.exceptions.ValidationError", (string?)noName["name"]);
        Assert.Contains("Subjects (name)", (string?)noName["message"], StringComparison.Ordinal);
        Assert.Equal("odoo.exceptions.ValidationError", (string?)restricted["name"]);
        Assert.Equal("builtins.ValueError", (string?)badDate["name"]);
        Assert.Equal(2, created.Count);
        Assert.Equal("odoo.exceptions.MissingError", (string?)gone["name"]);
    }
}
