using static Millwright.Sandbox.Odoo.OdooFieldKit;

namespace Millwright.Sandbox.Odoo;

/// <summary>
/// The models outside <c>maintenance</c> that a maintenance integration reads: users, partners, companies,
/// currencies, products, units, stock locations and quants, purchase orders. Their field lists are not in
/// the vendor specs (SOURCE.md: "field lists not verified here"); they are the Odoo 18.0 fields as commonly
/// documented, reduced to what an integration reads, and listed in README.md as an assumption.
/// </summary>
internal static partial class OdooModels
{
    public static readonly (string, string)[] PurchaseStates =
        [("draft", "RFQ"), ("sent", "RFQ Sent"), ("to approve", "To Approve"), ("purchase", "Purchase Order"), ("done", "Locked"), ("cancel", "Cancelled")];

    public static readonly (string, string)[] LocationUsages =
        [("supplier", "Vendor Location"), ("view", "View"), ("internal", "Internal Location"), ("customer", "Customer Location"), ("inventory", "Inventory Loss"), ("production", "Production"), ("transit", "Transit Location")];

    /// <summary>The models of a database with the given apps installed.</summary>
    public static IReadOnlyList<OdooModel> For(OdooSandboxSettings settings)
    {
        var models = new List<OdooModel> { Company(), Currency(), Country(), Partner(settings), Users(), Stage(), Category(), Equipment(), Request(), Team(), Uom(), ProductCategory() };
        models.Add(Product(settings));
        if (settings.StockInstalled)
        {
            models.Add(Location());
            models.Add(Quant());
        }

        if (settings.PurchaseInstalled)
        {
            models.Add(PurchaseOrder(settings));
            models.Add(PurchaseLine());
        }

        return models;
    }

    private static OdooModel Company() => new("res.company", "Companies", "base", "sequence, name",
    [
        Char("name", "Company Name") with { Required = true },
        M2o("currency_id", "res.currency", "Currency") with { Required = true },
        M2o("partner_id", "res.partner", "Partner") with { Required = true },
        Int("sequence") with { Default = _ => 10L },
        Bool("active") with { Default = _ => true },
    ]);

    private static OdooModel Currency() => new("res.currency", "Currency", "base", "active desc, name",
    [
        Char("name", "Currency") with { Required = true },
        Char("symbol") with { Required = true },
        Bool("active") with { Default = _ => true },
    ]);

    private static OdooModel Country() => new("res.country", "Country", "base", "name",
    [
        Char("name", "Country Name") with { Required = true, Translate = true },
        Char("code", "Country Code"),
    ]);

    private static OdooModel Partner(OdooSandboxSettings settings) => new("res.partner", "Contact", "base", "complete_name ASC, id DESC",
    [
        Char("name"),
        Char("complete_name", "Complete Name").StoredCompute((env, row) => OdooMaintenance.PartnerName(env, row)),
        Bool("is_company", "Is a Company"),
        M2o("parent_id", "res.partner", "Related Company"),
        O2m("child_ids", "res.partner", "parent_id") with { Label = "Contact" },
        Char("ref", "Reference"),
        Char("email"),
        Char("phone"),
        Char("mobile"),
        Char("website", "Website Link"),
        Char("street"),
        Char("street2"),
        Char("zip"),
        Char("city"),
        M2o("country_id", "res.country", "Country"),
        Char("vat", "Tax ID"),
        Bool("active") with { Default = _ => true },
        M2o("company_id", "res.company", "Company"),
        Html("comment", "Notes"),
        Int("supplier_rank") with { Default = _ => 0L, Copy = false, Readonly = !settings.PurchaseInstalled },
        Int("customer_rank") with { Default = _ => 0L, Copy = false },
    ], displayName: (env, row) => OdooMaintenance.PartnerName(env, row));

    private static OdooModel Users() => new("res.users", "User", "base", "name, login",
    [
        M2o("partner_id", "res.partner", "Related Partner") with { Required = true },
        Char("name").Computed((env, row) => env.Find("res.partner", row.Ref("partner_id"))?.Get("name")) with { Related = true, Readonly = false },
        Char("login") with { Required = true },
        Char("email").Computed((env, row) => env.Find("res.partner", row.Ref("partner_id"))?.Get("email")) with { Related = true, Readonly = false },
        Char("phone").Computed((env, row) => env.Find("res.partner", row.Ref("partner_id"))?.Get("phone")) with { Related = true, Readonly = false },
        Bool("active") with { Default = _ => true },
        Bool("share", "Share User") with { Readonly = true },
        M2o("company_id", "res.company", "Company") with { Required = true, Default = _ => 1 },
        M2m("company_ids", "res.company") with { Label = "Companies" },
        Datetime("login_date", "Latest authentication") with { Readonly = true },
        Char("tz", "Timezone"),
        Char("lang", "Language"),
    ], displayName: (env, row) => env.Find("res.partner", row.Ref("partner_id"))?.Get("name") as string);

    private static OdooModel Uom() => new("uom.uom", "Product Unit of Measure", "product", "factor DESC, id",
    [
        Char("name", "Unit of Measure") with { Required = true, Translate = true },
        Float("factor", "Ratio") with { Default = _ => 1.0 },
        Bool("active") with { Default = _ => true },
    ]);

    private static OdooModel ProductCategory() => new("product.category", "Product Category", "product", "complete_name",
    [
        Char("name") with { Required = true },
        M2o("parent_id", "product.category", "Parent Category"),
        Char("complete_name", "Complete Name").StoredCompute((env, row) => OdooMaintenance.Path(env, "product.category", "parent_id", row, " / ")),
    ], displayName: (env, row) => OdooMaintenance.Path(env, "product.category", "parent_id", row, " / "), parentField: "parent_id");

    private static OdooModel Product(OdooSandboxSettings settings)
    {
        List<OdooField> fields =
        [
            Char("name") with { Required = true, Translate = true },
            Char("default_code", "Internal Reference"),
            Char("barcode") with { Copy = false },
            Bool("active") with { Default = _ => true },
            Bool("is_favorite", "Favorite"),
            Select("type", ("consu", "Goods"), ("service", "Service"), ("combo", "Combo")) with { Label = "Product Type", Required = true, Default = _ => "consu" },
            M2o("categ_id", "product.category", "Product Category"),
            M2o("uom_id", "uom.uom", "Unit of Measure") with { Required = true },
            M2o("uom_po_id", "uom.uom", "Purchase Unit") with { Required = true },
            Float("standard_price", "Cost"),
            Float("list_price", "Sales Price") with { Default = _ => 1.0 },
            Html("description", "Description"),
            Bool("purchase_ok", "Can be Purchased") with { Default = _ => true },
            Bool("sale_ok", "Can be Sold") with { Default = _ => true },
        ];
        if (settings.StockInstalled)
        {
            fields.Add(Bool("is_storable", "Track Inventory"));
            fields.Add(Float("qty_available", "Quantity On Hand").Computed((env, row) => OdooMaintenance.OnHand(env, row.Id)));
        }

        return new("product.product", "Product Variant", "product", "is_favorite desc, default_code, name, id", fields,
            displayName: (_, row) => row.Get("default_code") is string code ? $"[{code}] {row.Get("name")}" : row.Get("name") as string);
    }

    private static OdooModel Location() => new("stock.location", "Inventory Locations", "stock", "complete_name, id",
    [
        Char("name", "Location Name") with { Required = true },
        Char("complete_name", "Full Location Name").StoredCompute((env, row) => OdooMaintenance.LocationName(env, row)),
        Bool("active") with { Default = _ => true },
        Select("usage", LocationUsages) with { Label = "Location Type", Required = true, Default = _ => "internal" },
        M2o("location_id", "stock.location", "Parent Location"),
        O2m("child_ids", "stock.location", "location_id") with { Label = "Contains" },
        Char("barcode"),
        M2o("company_id", "res.company", "Company"),
    ], displayName: (env, row) => OdooMaintenance.LocationName(env, row), parentField: "location_id");

    private static OdooModel Quant() => new("stock.quant", "Quants", "stock", "id",
    [
        M2o("product_id", "product.product", "Product") with { Required = true },
        M2o("location_id", "stock.location", "Location") with { Required = true },
        Float("quantity") with { Readonly = true },
        Float("reserved_quantity", "Reserved Quantity") with { Readonly = true },
        Datetime("in_date", "Incoming Date") with { Readonly = true },
        M2o("company_id", "res.company", "Company") with { Readonly = true },
    ], displayName: (env, row) => env.Find("product.product", row.Ref("product_id")) is { } product ? env.DisplayName(product) : null);

    private static OdooModel PurchaseOrder(OdooSandboxSettings settings)
    {
        List<OdooField> fields =
        [
            Char("name", "Order Reference") with { Required = true, Copy = false, Default = _ => "New" },
            Char("partner_ref", "Vendor Reference") with { Copy = false },
            Char("origin", "Source Document"),
            M2o("partner_id", "res.partner", "Vendor") with { Required = true },
            Select("state", PurchaseStates) with { Label = "Status", Readonly = true, Copy = false, Default = _ => "draft" },
            Datetime("date_order", "Order Deadline") with { Required = true, Copy = false, Default = env => env.NowText },
            Datetime("date_approve", "Confirmation Date") with { Readonly = true, Copy = false },
            Datetime("date_planned", "Expected Arrival"),
            M2o("currency_id", "res.currency", "Currency") with { Required = true, Default = _ => 1 },
            O2m("order_line", "purchase.order.line", "order_id") with { Label = "Order Lines" },
            new OdooField("amount_untaxed", "monetary") { Label = "Untaxed Amount" }.StoredCompute((env, row) => OdooMaintenance.OrderAmount(env, row.Id)),
            new OdooField("amount_total", "monetary") { Label = "Total" }.StoredCompute((env, row) => OdooMaintenance.OrderAmount(env, row.Id)),
            M2o("user_id", "res.users", "Buyer") with { Default = env => env.Uid },
            M2o("company_id", "res.company", "Company") with { Required = true, Default = _ => 1 },
            Html("notes", "Terms and Conditions"),
        ];
        if (settings.StockInstalled)
        {
            fields.Add(Select("receipt_status", ("pending", "Not Received"), ("partial", "Partially Received"), ("full", "Fully Received"))
                .StoredCompute((env, row) => OdooMaintenance.ReceiptStatus(env, row)) with
            { Label = "Receipt Status" });
        }

        return new("purchase.order", "Purchase Order", "purchase", "id desc", fields);
    }

    private static OdooModel PurchaseLine() => new("purchase.order.line", "Purchase Order Line", "purchase", "order_id, sequence, id",
    [
        M2o("order_id", "purchase.order", "Order Reference") with { Required = true },
        Int("sequence") with { Default = _ => 10L },
        Text("name", "Description") with { Required = true },
        M2o("product_id", "product.product", "Product"),
        Select("product_type", ("consu", "Goods"), ("service", "Service"), ("combo", "Combo"))
            .Computed((env, row) => env.Find("product.product", row.Ref("product_id"))?.Get("type")) with { Label = "Product Type", Related = true },
        Float("product_qty", "Quantity") with { Required = true, Default = _ => 1.0 },
        Float("qty_received", "Received Qty"),
        M2o("product_uom", "uom.uom", "Unit of Measure"),
        Float("price_unit", "Unit Price") with { Required = true },
        new OdooField("price_subtotal", "monetary") { Label = "Subtotal" }.StoredCompute((_, row) => (row.Get("product_qty") as double? ?? 0) * (row.Get("price_unit") as double? ?? 0)),
        Datetime("date_planned", "Expected Arrival"),
        M2o("partner_id", "res.partner", "Partner").StoredCompute((env, row) => env.Find("purchase.order", row.Ref("order_id"))?.Ref("partner_id")) with { Related = true },
    ], displayName: (env, row) => env.Find("purchase.order", row.Ref("order_id"))?.Get("name") is string order ? $"{order}: {row.Get("name")}" : row.Get("name") as string);
}
