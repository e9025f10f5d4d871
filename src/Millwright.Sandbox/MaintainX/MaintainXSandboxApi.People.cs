using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Millwright.Sandbox.MaintainX;

internal static partial class MaintainXSandboxApi
{
    /// <summary><c>GET /organizations</c> lists the key's organisations: the cheap call to validate a key.</summary>
    private static void MapOrganizations(RouteGroupBuilder api, MaintainXSandbox sandbox)
    {
        api.MapGet("/organizations", (HttpContext http) =>
        {
            var query = MxListQuery.Parse(http.Request, new MxListOptions());
            var rows = MaintainXSandboxGate.Caller(http).OrganizationIds.Select(id => sandbox.Data(id).Organization);
            return Ok(MxPaging.Page(http, query, rows, "organizations", o => o.Id, (_, _) => null, MxPeopleViews.Organization));
        }).WithMetadata(MxNoOrganizationHeader.Instance);
    }

    private static void MapPeople(RouteGroupBuilder api, MaintainXSandbox sandbox)
    {
        api.MapGet("/users", (HttpContext http) =>
        {
            var query = MxListQuery.Parse(http.Request, new MxListOptions(Expand: MxPeopleViews.UserListExpand));
            var emails = http.Request.Query["email"].OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
            var assignable = http.Request.Query["onlyAssignable"] == "true";
            var rows = Data(http, sandbox).Users.Snapshot().Where(u => u.DeletedAt is null
                && (emails.Count == 0 || (u.Email is { } e && emails.Contains(e)))
                && (!assignable || u.Role is "ADMIN" or "MEMBER"));
            return List(http, query, rows, "users", u => MxPeopleViews.UserListItem(u, query.Expand));
        });
        api.MapGet("/users/{id:long}", (HttpContext http, long id) =>
            One("user", MxPeopleViews.User(Visible(Data(http, sandbox).Users.Find(id), showsDeleted: false))));

        api.MapGet("/teams", (HttpContext http) =>
        {
            var query = MxListQuery.Parse(http.Request, new MxListOptions());
            return List(http, query, Data(http, sandbox).Teams.Snapshot().Where(t => t.DeletedAt is null), "teams", MxPeopleViews.TeamListItem);
        });
        api.MapGet("/teams/{id:long}", (HttpContext http, long id) =>
            One("team", MxPeopleViews.Team(Visible(Data(http, sandbox).Teams.Find(id), showsDeleted: false))));
        api.MapGet("/teams/{id:long}/members", (HttpContext http, long id) =>
        {
            var query = MxListQuery.Parse(http.Request, new MxListOptions());
            var data = Data(http, sandbox);
            var team = Visible(data.Teams.Find(id), showsDeleted: false);
            return Ok(MxPaging.Page(http, query, team.Members, "members", m => m.UserId, (_, _) => null,
                m => MxPeopleViews.Member(m, data.Users.Find(m.UserId))));
        });
    }
}
