using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Millwright.Client.Models;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Records;

/// <summary>
/// Six work orders covering every field type: text with mixed case and a null, enums, nullable dates,
/// id lists, custom fields of several JSON types, and one deleted record (remote id 6).
/// </summary>
internal static class SampleWorkOrders
{
    public static async Task<RecordSeed> SeedAsync(MillwrightHost host)
    {
        var seed = await RecordSeed.CreateAsync(host);
        WorkOrder Make(string remote, int minute) => new()
        {
            Id = seed.IdOf(Entity.WorkOrders, remote),
            RemoteId = remote,
            CreatedAt = RecordSeed.T0.AddDays(-minute),
            UpdatedAt = RecordSeed.T0.AddMinutes(minute),
            RemoteUpdatedAt = RecordSeed.T0.AddMinutes(minute).AddSeconds(-30),
            Number = $"WO-{remote}",
        };

        await seed.AddAsync(
            Make("1", 1) with
            {
                Title = "Replace pump seal",
                Status = WorkOrderStatus.Open,
                Priority = Priority.High,
                DueAt = new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero),
                AssigneeIds = ["u1", "u2"],
                CustomFields = new JsonObject { ["line"] = "A", ["downtime"] = 5, ["safety"] = true },
            },
            Make("2", 2) with
            {
                Title = "Inspect conveyor belt",
                Status = WorkOrderStatus.InProgress,
                Priority = Priority.Low,
                DueAt = new DateTimeOffset(2026, 3, 5, 12, 0, 0, TimeSpan.FromHours(2)),
                AssigneeIds = ["u2"],
                CustomFields = new JsonObject { ["line"] = "B", ["downtime"] = 12.5 },
            },
            Make("3", 3) with
            {
                Title = "PUMP alignment",
                Status = WorkOrderStatus.Completed,
                Priority = Priority.Critical,
                CustomFields = new JsonObject { ["line"] = "A", ["downtime"] = "n/a", ["safety"] = false },
            },
            Make("4", 4) with
            {
                Title = "Lubricate gearbox",
                Status = WorkOrderStatus.OnHold,
                Priority = Priority.Medium,
                DueAt = new DateTimeOffset(2026, 2, 20, 0, 0, 0, TimeSpan.Zero),
                AssigneeIds = ["u3"],
            },
            Make("5", 5) with
            {
                Status = WorkOrderStatus.Cancelled,
                Priority = Priority.None,
                DueAt = new DateTimeOffset(2026, 3, 10, 0, 0, 0, TimeSpan.Zero),
                CustomFields = new JsonObject { ["line"] = "C", ["downtime"] = 40 },
            },
            Make("6", 6) with
            {
                Title = "Deleted pump job",
                Status = WorkOrderStatus.Open,
                Priority = Priority.High,
                DeletedAt = RecordSeed.T0.AddMinutes(6),
            });
        return seed;
    }

    /// <summary>GET with a raw query string; returns the remote ids of the page in order.</summary>
    public static async Task<string[]> RemoteIdsAsync(this RecordSeed seed, string path)
    {
        using var response = await seed.Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path} answered {(int)response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        return [.. json.RootElement.GetProperty("data").EnumerateArray().Select(r => r.GetProperty("remote_id").GetString()!)];
    }

    /// <summary>GET that must fail; returns the status and the error envelope.</summary>
    public static async Task<(int Status, JsonElement Error)> ErrorAsync(this HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(response.Headers.GetValues("X-Request-Id").Single(), body.GetProperty("error").GetProperty("request_id").GetString());
        return ((int)response.StatusCode, body.GetProperty("error").Clone());
    }
}
