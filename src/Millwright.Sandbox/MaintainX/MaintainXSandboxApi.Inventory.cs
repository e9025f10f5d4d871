using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Millwright.Sandbox.MaintainX;

internal static partial class MaintainXSandboxApi
{
    private static readonly MxListOptions PartList = new(TimeFilters: true, Sorts: IdSorts, Expand: MxInventoryViews.PartListExpand, OffsetPaging: true);

    private static readonly MxListOptions PurchaseOrderList = new(TimeFilters: true, Sorts: IdSorts, OffsetPaging: true);

    private static void MapInventory(RouteGroupBuilder api, MaintainXSandbox sandbox)
    {
        api.MapGet("/parts", (HttpContext http) =>
        {
            var query = MxListQuery.Parse(http.Request, PartList);
            var numbers = http.Request.Query["partNumber"].OfType<string>().ToHashSet(StringComparer.Ordinal);
            return ListAcross(http, sandbox, query, data => data.Parts.Snapshot().Where(p => p.DeletedAt is null
                    && (numbers.Count == 0 || p.Vendors.Any(v => numbers.Contains(v.PartNumber)))),
                "parts", (p, data) => MxInventoryViews.PartListItem(p, data.Organization.Id, query.Expand));
        }).WithMetadata(MxAcceptsOrganizationIds.Instance);
        api.MapGet("/parts/{id:long}", (HttpContext http, long id) =>
            One("part", MxInventoryViews.Part(Visible(Data(http, sandbox).Parts.Find(id), showsDeleted: true))));

        api.MapGet("/vendors", (HttpContext http) =>
        {
            var query = MxListQuery.Parse(http.Request, new MxListOptions(Expand: MxInventoryViews.VendorListExpand));
            var rows = Data(http, sandbox).Vendors.Snapshot().Where(v => v.DeletedAt is null);
            return List(http, query, rows, "vendors", v => MxInventoryViews.VendorListItem(v, query.Expand));
        });
        api.MapGet("/vendors/{id:long}", (HttpContext http, long id) =>
            One("vendor", MxInventoryViews.Vendor(Visible(Data(http, sandbox).Vendors.Find(id), showsDeleted: true))));

        api.MapGet("/purchaseorders", (HttpContext http) =>
        {
            var query = MxListQuery.Parse(http.Request, PurchaseOrderList);
            var rows = Data(http, sandbox).PurchaseOrders.Snapshot().Where(o => o.DeletedAt is null);
            return List(http, query, rows, "purchaseOrders", MxInventoryViews.PurchaseOrderListItem);
        });
        api.MapGet("/purchaseorders/{id:long}", (HttpContext http, long id) =>
            One("purchaseOrder", MxInventoryViews.PurchaseOrder(Visible(Data(http, sandbox).PurchaseOrders.Find(id), showsDeleted: true))));
    }
}
