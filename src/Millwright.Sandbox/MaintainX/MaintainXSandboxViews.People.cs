using System.Text.Json.Nodes;

namespace Millwright.Sandbox.MaintainX;

/// <summary>Organisations, users, teams and team members as MaintainX shows them.</summary>
internal static class MxPeopleViews
{
    public static readonly string[] UserListExpand = ["role", "extra_fields"];

    public static JsonObject Organization(MxOrganization o) => new()
    {
        ["id"] = o.Id,
        ["name"] = o.Name,
        ["timeZone"] = o.TimeZone,
        ["imageUrl"] = null,
        ["currency"] = o.Currency,
        ["dateFormatLocale"] = "en-US",
    };

    public static JsonObject UserListItem(MxUser u, IReadOnlySet<string> expand)
    {
        var json = new JsonObject
        {
            ["id"] = u.Id,
            ["firstName"] = u.FirstName,
            ["lastName"] = u.LastName,
            ["email"] = u.Email,
            ["phoneNumber"] = u.PhoneNumber,
            ["authType"] = "NORMAL",
            ["hourlyRate"] = u.HourlyRate,
            ["lastVisitedAt"] = MxJson.Ts(u.LastVisitedAt),
        };
        json.AddIf(expand, "role", "role", () => u.Role);
        json.AddIf(expand, "extra_fields", "extraFields", () => new JsonObject());
        return json;
    }

    public static JsonObject User(MxUser u) => new()
    {
        ["id"] = u.Id,
        ["firstName"] = u.FirstName,
        ["lastName"] = u.LastName,
        ["role"] = u.Role,
        ["customRole"] = null,
        ["email"] = u.Email,
        ["phoneNumber"] = u.PhoneNumber,
        ["removedFromOrganization"] = u.DeletedAt is not null,
        ["authType"] = "NORMAL",
        ["hourlyRate"] = u.HourlyRate,
        ["externalData"] = null,
        ["extraFields"] = new JsonObject(),
        ["lastVisitedAt"] = MxJson.Ts(u.LastVisitedAt),
    };

    public static JsonObject TeamListItem(MxTeam t) => new() { ["id"] = t.Id, ["name"] = t.Name };

    public static JsonObject Team(MxTeam t) => new()
    {
        ["id"] = t.Id,
        ["name"] = t.Name,
        ["description"] = t.Description,
        ["assetIds"] = MxJson.Ids(t.AssetIds),
        ["membersCount"] = t.Members.Count,
        ["locationIds"] = MxJson.Ids(t.LocationIds),
    };

    public static JsonObject Member(MxTeamMember m, MxUser? user) => new()
    {
        ["id"] = m.UserId,
        ["firstName"] = user?.FirstName ?? "",
        ["lastName"] = user?.LastName ?? "",
        ["teamRole"] = m.TeamRole,
    };
}
