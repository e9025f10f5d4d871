using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Millwright.Sandbox.MaintainX;

internal static partial class MaintainXSandboxApi
{
    private static readonly string[] MeasurementTypes = ["MANUAL", "IOT_DEVICE", "AUTOMATED_SENSOR"];

    /// <summary>
    /// Meters, and maintenance plans (PM schedules). The API has no endpoint that lists readings: they are
    /// write-only (<c>POST /meterreadings</c>, <c>POST /meters/{id}/readings</c>) and surface as the
    /// meter's <c>lastReading</c> with <c>expand=last_reading</c>.
    /// </summary>
    private static void MapMeters(RouteGroupBuilder api, MaintainXSandbox sandbox)
    {
        api.MapGet("/meters", (HttpContext http) =>
        {
            var query = MxListQuery.Parse(http.Request, new MxListOptions(Expand: MxMeterViews.MeterExpand));
            var data = Data(http, sandbox);
            var type = query.Enums("measurementType", MeasurementTypes);
            var assets = query.Ids("assets");
            var rows = data.Meters.Snapshot().Where(m => m.DeletedAt is null
                && (type is null || type.Contains(m.MeasurementType))
                && (assets is null || (m.AssetId is { } a && assets.Contains(a))));
            return List(http, query, rows, "meters", m => MxMeterViews.MeterListItem(m, data, query.Expand));
        });
        api.MapGet("/meters/{id:long}", (HttpContext http, long id) =>
        {
            var data = Data(http, sandbox);
            var meter = Visible(data.Meters.Find(id), showsDeleted: true);
            return One("meter", MxMeterViews.Meter(meter, data, Expand(http.Request, MxMeterViews.MeterExpand)));
        });

        api.MapGet("/maintenanceplans", (HttpContext http) =>
        {
            var query = MxListQuery.Parse(http.Request, new MxListOptions());
            var data = Data(http, sandbox);
            return List(http, query, data.MaintenancePlans.Snapshot().Where(p => p.DeletedAt is null), "maintenancePlans",
                p => MxMeterViews.MaintenancePlan(p, data.Organization.Id));
        });
        api.MapGet("/maintenanceplans/{id:long}", (HttpContext http, long id) =>
        {
            var data = Data(http, sandbox);
            return One("maintenancePlan", MxMeterViews.MaintenancePlan(Visible(data.MaintenancePlans.Find(id), showsDeleted: false), data.Organization.Id));
        });
    }
}
