using System.Text.Json.Nodes;
using Millwright.Sandbox.Odoo;

namespace Millwright.Tests.Sandbox.Odoo;

/// <summary>Domain evaluation on a hand-built database, each case with the ids worked out by hand.</summary>
public sealed class OdooSandboxDomainTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly int[] Members = [5, 6];

    private readonly OdooDatabase db = Build();

    private static OdooDatabase Build()
    {
        var db = new OdooDatabase("domains", OdooModels.For(new OdooSandboxSettings()));
        Row(db, "maintenance.stage", 1, ("name", "New Request"), ("sequence", 1L), ("done", false));
        Row(db, "maintenance.stage", 2, ("name", "In Progress"), ("sequence", 2L), ("done", false));
        Row(db, "maintenance.stage", 3, ("name", "Repaired"), ("sequence", 3L), ("done", true));
        Row(db, "maintenance.stage", 4, ("name", "Scrap"), ("sequence", 4L), ("done", true));
        Row(db, "maintenance.equipment.category", 1, ("name", "Pumps"));
        Row(db, "maintenance.equipment", 1, ("name", "Pump P-1"), ("active", true), ("category_id", 1));
        Row(db, "maintenance.equipment", 2, ("name", "Conveyor"), ("active", false), ("serial_no", "CV-9"));
        Row(db, "maintenance.request", 1, ("name", "Pump leak"), ("stage_id", 1), ("priority", "3"), ("equipment_id", 1), ("archive", false), ("schedule_date", "2026-01-05 08:00:00"));
        Row(db, "maintenance.request", 2, ("name", "pump noise"), ("stage_id", 3), ("priority", "1"), ("archive", false));
        Row(db, "maintenance.request", 3, ("name", "Belt check"), ("stage_id", 2), ("equipment_id", 2), ("archive", true), ("schedule_date", "2026-02-01 00:00:00"));
        Row(db, "maintenance.request", 4, ("name", "Motor 50% load"), ("stage_id", 4), ("priority", "2"), ("equipment_id", 1), ("archive", false));
        Row(db, "maintenance.team", 1, ("name", "Internal"), ("active", true), ("member_ids", Members));
        Row(db, "maintenance.team", 2, ("name", "Night"), ("active", true), ("member_ids", Array.Empty<int>()));
        Row(db, "stock.location", 1, ("name", "WH"), ("usage", "view"), ("active", true));
        Row(db, "stock.location", 2, ("name", "Stock"), ("usage", "internal"), ("location_id", 1), ("active", true));
        Row(db, "stock.location", 3, ("name", "Shelf"), ("usage", "internal"), ("location_id", 2), ("active", true));
        Row(db, "stock.location", 4, ("name", "Elsewhere"), ("usage", "internal"), ("active", true));
        return db;
    }

    private static void Row(OdooDatabase db, string model, int id, params (string Field, object? Value)[] values) =>
        db.Insert(model, id, values.ToDictionary(v => v.Field, v => v.Value, StringComparer.Ordinal));

    private int[] Search(string model, string domain, string context = "{}")
    {
        var env = new OdooEnv(db, 2, JsonNode.Parse(context)!.AsObject(), Now);
        var predicate = OdooDomain.Compile(env, db.Model(model)!, JsonNode.Parse(domain));
        return [.. env.Rows(model).Where(predicate).Select(r => r.Id).Order()];
    }

    [Theory]
    [InlineData("[]", new[] { 1, 2, 3, 4 })]
    [InlineData("""[["name", "ilike", "pump"]]""", new[] { 1, 2 })]
    [InlineData("""[["name", "like", "pump"]]""", new[] { 2 })]
    [InlineData("""[["name", "=like", "Pump%"]]""", new[] { 1 })]
    [InlineData("""[["name", "=ilike", "pump%"]]""", new[] { 1, 2 })]
    [InlineData("""[["name", "like", "50%"]]""", new[] { 4 })]
    [InlineData("""[["name", "not ilike", "pump"]]""", new[] { 3, 4 })]
    [InlineData("""[["name", "=", "Belt check"]]""", new[] { 3 })]
    [InlineData("""[["priority", "=", false]]""", new[] { 3 })]
    [InlineData("""[["priority", "!=", "3"]]""", new[] { 2, 3, 4 })]
    [InlineData("""[["priority", "in", ["2", "3"]]]""", new[] { 1, 4 })]
    [InlineData("""[["priority", "not in", ["2", "3"]]]""", new[] { 2, 3 })]
    [InlineData("""[["priority", "in", ["3", false]]]""", new[] { 1, 3 })]
    [InlineData("""[["equipment_id", "=", false]]""", new[] { 2 })]
    [InlineData("""[["equipment_id", "!=", false]]""", new[] { 1, 3, 4 })]
    [InlineData("""[["equipment_id", "=", 1]]""", new[] { 1, 4 })]
    [InlineData("""[["equipment_id", "in", [1, 2]]]""", new[] { 1, 3, 4 })]
    [InlineData("""[["equipment_id", "not in", [1]]]""", new[] { 2, 3 })]
    [InlineData("""[["equipment_id", "=", "Pump P-1"]]""", new[] { 1, 4 })]
    [InlineData("""[["equipment_id", "ilike", "cv-9"]]""", new[] { 3 })]
    [InlineData("""[["stage_id.done", "=", true]]""", new[] { 2, 4 })]
    [InlineData("""[["stage_id.done", "=", false]]""", new[] { 1, 3 })]
    [InlineData("""[["equipment_id.active", "=", false]]""", new[] { 3 })]
    [InlineData("""[["equipment_id.category_id.name", "=", "Pumps"]]""", new[] { 1, 4 })]
    [InlineData("""["|", ["priority", "=", "3"], ["archive", "=", true]]""", new[] { 1, 3 })]
    [InlineData("""["!", ["stage_id.done", "=", true]]""", new[] { 1, 3 })]
    [InlineData("""["&", "|", ["priority", "=", "3"], ["priority", "=", "1"], ["stage_id", "=", 3]]""", new[] { 2 })]
    [InlineData("""["|", "&", ["priority", "=", "3"], ["priority", "=", "1"], ["stage_id", "=", 3]]""", new[] { 2 })]
    [InlineData("""[["priority", "!=", false], ["stage_id.done", "=", true]]""", new[] { 2, 4 })]
    [InlineData("""[["schedule_date", ">", "2026-01-31"]]""", new[] { 3 })]
    [InlineData("""[["schedule_date", "<=", "2026-01-05 08:00:00"]]""", new[] { 1 })]
    [InlineData("""[["schedule_date", "<", "2030-01-01 00:00:00"]]""", new[] { 1, 3 })]
    [InlineData("""[["id", "in", [2, 4]]]""", new[] { 2, 4 })]
    [InlineData("""[["id", ">", 2]]""", new[] { 3, 4 })]
    [InlineData("""[[1, "=", 1]]""", new[] { 1, 2, 3, 4 })]
    [InlineData("""[["stage_id", "=?", false]]""", new[] { 1, 2, 3, 4 })]
    public void Compile_Request_MatchesTheHandWorkedIds(string domain, int[] expected) =>
        Assert.Equal(expected, Search("maintenance.request", domain));

    [Theory]
    [InlineData("maintenance.equipment", "[]", "{}", new[] { 1 })]
    [InlineData("maintenance.equipment", "[]", """{"active_test": false}""", new[] { 1, 2 })]
    [InlineData("maintenance.equipment", """[["active", "in", [true, false]]]""", "{}", new[] { 1, 2 })]
    [InlineData("maintenance.equipment", """[["active", "=", false]]""", "{}", new[] { 2 })]
    [InlineData("maintenance.team", """[["member_ids", "in", [6]]]""", "{}", new[] { 1 })]
    [InlineData("maintenance.team", """[["member_ids", "=", false]]""", "{}", new[] { 2 })]
    [InlineData("stock.location", """[["id", "child_of", 1]]""", "{}", new[] { 1, 2, 3 })]
    [InlineData("stock.location", """[["location_id", "child_of", 2]]""", "{}", new[] { 3 })]
    [InlineData("stock.location", """[["id", "parent_of", 3]]""", "{}", new[] { 1, 2, 3 })]
    [InlineData("stock.location", """[["location_id.usage", "=", "view"]]""", "{}", new[] { 2 })]
    public void Compile_OtherModels_ActiveTestHierarchiesAndManyToMany(string model, string domain, string context, int[] expected) =>
        Assert.Equal(expected, Search(model, domain, context));

    [Theory]
    [InlineData("maintenance.request", """[["nope", "=", 1]]""", "Invalid field maintenance.request.nope")]
    [InlineData("maintenance.equipment", """[["mtbf", ">", 1]]""", "Non-stored field maintenance.equipment.mtbf cannot be searched.")]
    [InlineData("maintenance.request", """["&", ["priority", "=", "3"]]""", "is syntactically not correct")]
    [InlineData("maintenance.request", """[["priority", "~", "3"]]""", "Invalid operator")]
    [InlineData("maintenance.request", """[["schedule_date", ">=", "2026-01-05T08:00:00"]]""", "does not match format '%Y-%m-%d %H:%M:%S'")]
    [InlineData("maintenance.request", """[["name", "="]]""", "Invalid leaf")]
    [InlineData("maintenance.request", """{"name": 1}""", "Invalid domain")]
    public void Compile_BadDomain_IsOdoosValueError(string model, string domain, string message)
    {
        var fault = Assert.Throws<OdooFault>(() => Search(model, domain));

        Assert.Equal("builtins.ValueError", fault.Name);
        Assert.Contains(message, fault.Message, StringComparison.Ordinal);
    }
}
