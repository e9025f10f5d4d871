using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Millwright.Server.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class QueryIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Query indexes of ADR 0021, as Features/Records/Sql/QueryIndexes printed them; frozen here.
            migrationBuilder.Sql(@"CREATE FUNCTION millwright_json_time(value jsonb) RETURNS timestamptz
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $fn$
DECLARE
    t text;
BEGIN
    IF jsonb_typeof(value) IS DISTINCT FROM 'string' THEN
        RETURN NULL;
    END IF;
    t := value #>> '{}';
    IF t !~ '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}' THEN
        RETURN NULL;
    END IF;
    BEGIN
        IF t ~ '([Zz]|[+-]\d{2}(:?\d{2})?)$' THEN
            RETURN t::timestamptz;
        END IF;
        RETURN t::timestamp AT TIME ZONE 'UTC';
    EXCEPTION WHEN others THEN
        RETURN NULL;
    END;
END
$fn$");
            migrationBuilder.Sql("CREATE INDEX ix_rq_id ON records (connection_id, entity, id)");
            migrationBuilder.Sql("CREATE INDEX ix_rq_remote_id ON records (connection_id, entity, ((remote_id COLLATE \"C\")), id)");
            migrationBuilder.Sql("CREATE INDEX ix_rq_created_at ON records (connection_id, entity, created_at, id)");
            migrationBuilder.Sql("CREATE INDEX ix_rq_deleted_at ON records (connection_id, entity, deleted_at, id)");
            migrationBuilder.Sql("CREATE INDEX ix_rq_remote_created_at ON records (connection_id, entity, remote_created_at, id)");
            migrationBuilder.Sql("CREATE INDEX ix_rq_remote_updated_at ON records (connection_id, entity, remote_updated_at, id)");
            migrationBuilder.Sql("CREATE INDEX ix_rq_sites_name ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'name')) = 'string' THEN (data::jsonb -> 'name') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'sites'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_sites_code ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'code')) = 'string' THEN (data::jsonb -> 'code') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'sites'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_locations_name ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'name')) = 'string' THEN (data::jsonb -> 'name') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'locations'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_locations_code ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'code')) = 'string' THEN (data::jsonb -> 'code') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'locations'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_locations_site_id ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'site_id')) = 'string' THEN (data::jsonb -> 'site_id') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'locations'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_locations_parent_id ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'parent_id')) = 'string' THEN (data::jsonb -> 'parent_id') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'locations'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_users_name ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'name')) = 'string' THEN (data::jsonb -> 'name') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'users'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_users_email ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'email')) = 'string' THEN (data::jsonb -> 'email') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'users'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_users_phone ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'phone')) = 'string' THEN (data::jsonb -> 'phone') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'users'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_users_role ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'role')) = 'string' THEN (data::jsonb -> 'role') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'users'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_users_is_active ON records (connection_id, ((CASE WHEN jsonb_typeof((data::jsonb -> 'is_active')) = 'boolean' THEN ((data::jsonb -> 'is_active') #>> '{}')::boolean END)), id) WHERE entity = 'users'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_teams_name ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'name')) = 'string' THEN (data::jsonb -> 'name') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'teams'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_vendors_name ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'name')) = 'string' THEN (data::jsonb -> 'name') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'vendors'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_vendors_email ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'email')) = 'string' THEN (data::jsonb -> 'email') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'vendors'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_vendors_phone ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'phone')) = 'string' THEN (data::jsonb -> 'phone') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'vendors'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_vendors_website ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'website')) = 'string' THEN (data::jsonb -> 'website') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'vendors'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_assets_name ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'name')) = 'string' THEN (data::jsonb -> 'name') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'assets'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_assets_code ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'code')) = 'string' THEN (data::jsonb -> 'code') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'assets'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_assets_status ON records (connection_id, ((CASE ((CASE WHEN jsonb_typeof((data::jsonb -> 'status')) = 'string' THEN (data::jsonb -> 'status') #>> '{}' END) COLLATE \"C\") WHEN 'operational' THEN 0 WHEN 'down' THEN 1 WHEN 'retired' THEN 2 WHEN 'other' THEN 3 END)), id) WHERE entity = 'assets'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_assets_remote_status ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'remote_status')) = 'string' THEN (data::jsonb -> 'remote_status') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'assets'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_assets_site_id ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'site_id')) = 'string' THEN (data::jsonb -> 'site_id') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'assets'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_assets_location_id ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'location_id')) = 'string' THEN (data::jsonb -> 'location_id') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'assets'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_assets_parent_id ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'parent_id')) = 'string' THEN (data::jsonb -> 'parent_id') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'assets'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_assets_serial_number ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'serial_number')) = 'string' THEN (data::jsonb -> 'serial_number') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'assets'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_assets_manufacturer ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'manufacturer')) = 'string' THEN (data::jsonb -> 'manufacturer') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'assets'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_assets_model ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'model')) = 'string' THEN (data::jsonb -> 'model') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'assets'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_assets_barcode ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'barcode')) = 'string' THEN (data::jsonb -> 'barcode') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'assets'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_assets_category ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'category')) = 'string' THEN (data::jsonb -> 'category') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'assets'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_parts_name ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'name')) = 'string' THEN (data::jsonb -> 'name') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'parts'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_parts_number ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'number')) = 'string' THEN (data::jsonb -> 'number') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'parts'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_parts_unit_cost ON records (connection_id, ((CASE WHEN jsonb_typeof((data::jsonb -> 'unit_cost')) = 'number' THEN ((data::jsonb -> 'unit_cost') #>> '{}')::numeric END)), id) WHERE entity = 'parts'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_parts_unit ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'unit')) = 'string' THEN (data::jsonb -> 'unit') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'parts'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_parts_barcode ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'barcode')) = 'string' THEN (data::jsonb -> 'barcode') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'parts'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_parts_total_quantity ON records (connection_id, ((CASE WHEN jsonb_typeof((data::jsonb -> 'total_quantity')) = 'number' THEN ((data::jsonb -> 'total_quantity') #>> '{}')::numeric END)), id) WHERE entity = 'parts'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_meters_name ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'name')) = 'string' THEN (data::jsonb -> 'name') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'meters'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_meters_unit ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'unit')) = 'string' THEN (data::jsonb -> 'unit') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'meters'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_meters_asset_id ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'asset_id')) = 'string' THEN (data::jsonb -> 'asset_id') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'meters'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_meters_location_id ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'location_id')) = 'string' THEN (data::jsonb -> 'location_id') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'meters'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_meters_last_reading_value ON records (connection_id, ((CASE WHEN jsonb_typeof((data::jsonb -> 'last_reading_value')) = 'number' THEN ((data::jsonb -> 'last_reading_value') #>> '{}')::numeric END)), id) WHERE entity = 'meters'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_meters_last_reading_at ON records (connection_id, (millwright_json_time((data::jsonb -> 'last_reading_at'))), id) WHERE entity = 'meters'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_meter_readings_meter_id ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'meter_id')) = 'string' THEN (data::jsonb -> 'meter_id') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'meter-readings'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_meter_readings_value ON records (connection_id, ((CASE WHEN jsonb_typeof((data::jsonb -> 'value')) = 'number' THEN ((data::jsonb -> 'value') #>> '{}')::numeric END)), id) WHERE entity = 'meter-readings'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_meter_readings_read_at ON records (connection_id, (millwright_json_time((data::jsonb -> 'read_at'))), id) WHERE entity = 'meter-readings'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_pm_schedules_name ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'name')) = 'string' THEN (data::jsonb -> 'name') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'pm-schedules'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_pm_schedules_asset_id ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'asset_id')) = 'string' THEN (data::jsonb -> 'asset_id') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'pm-schedules'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_pm_schedules_location_id ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'location_id')) = 'string' THEN (data::jsonb -> 'location_id') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'pm-schedules'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_pm_schedules_interval_value ON records (connection_id, ((CASE WHEN jsonb_typeof((data::jsonb -> 'interval_value')) = 'number' THEN ((data::jsonb -> 'interval_value') #>> '{}')::numeric END)), id) WHERE entity = 'pm-schedules'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_pm_schedules_interval_unit ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'interval_unit')) = 'string' THEN (data::jsonb -> 'interval_unit') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'pm-schedules'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_pm_schedules_next_due_at ON records (connection_id, (millwright_json_time((data::jsonb -> 'next_due_at'))), id) WHERE entity = 'pm-schedules'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_pm_schedules_is_active ON records (connection_id, ((CASE WHEN jsonb_typeof((data::jsonb -> 'is_active')) = 'boolean' THEN ((data::jsonb -> 'is_active') #>> '{}')::boolean END)), id) WHERE entity = 'pm-schedules'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_purchase_orders_number ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'number')) = 'string' THEN (data::jsonb -> 'number') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'purchase-orders'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_purchase_orders_title ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'title')) = 'string' THEN (data::jsonb -> 'title') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'purchase-orders'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_purchase_orders_status ON records (connection_id, ((CASE ((CASE WHEN jsonb_typeof((data::jsonb -> 'status')) = 'string' THEN (data::jsonb -> 'status') #>> '{}' END) COLLATE \"C\") WHEN 'draft' THEN 0 WHEN 'pending_approval' THEN 1 WHEN 'approved' THEN 2 WHEN 'partially_received' THEN 3 WHEN 'received' THEN 4 WHEN 'cancelled' THEN 5 WHEN 'other' THEN 6 END)), id) WHERE entity = 'purchase-orders'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_purchase_orders_remote_status ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'remote_status')) = 'string' THEN (data::jsonb -> 'remote_status') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'purchase-orders'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_purchase_orders_vendor_id ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'vendor_id')) = 'string' THEN (data::jsonb -> 'vendor_id') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'purchase-orders'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_purchase_orders_site_id ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'site_id')) = 'string' THEN (data::jsonb -> 'site_id') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'purchase-orders'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_purchase_orders_total_amount ON records (connection_id, ((CASE WHEN jsonb_typeof((data::jsonb -> 'total_amount')) = 'number' THEN ((data::jsonb -> 'total_amount') #>> '{}')::numeric END)), id) WHERE entity = 'purchase-orders'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_purchase_orders_currency ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'currency')) = 'string' THEN (data::jsonb -> 'currency') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'purchase-orders'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_purchase_orders_expected_at ON records (connection_id, (millwright_json_time((data::jsonb -> 'expected_at'))), id) WHERE entity = 'purchase-orders'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_maintenance_requests_title ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'title')) = 'string' THEN (data::jsonb -> 'title') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'maintenance-requests'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_maintenance_requests_status ON records (connection_id, ((CASE ((CASE WHEN jsonb_typeof((data::jsonb -> 'status')) = 'string' THEN (data::jsonb -> 'status') #>> '{}' END) COLLATE \"C\") WHEN 'pending' THEN 0 WHEN 'approved' THEN 1 WHEN 'declined' THEN 2 WHEN 'completed' THEN 3 WHEN 'other' THEN 4 END)), id) WHERE entity = 'maintenance-requests'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_maintenance_requests_remote_status ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'remote_status')) = 'string' THEN (data::jsonb -> 'remote_status') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'maintenance-requests'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_maintenance_requests_priority ON records (connection_id, ((CASE ((CASE WHEN jsonb_typeof((data::jsonb -> 'priority')) = 'string' THEN (data::jsonb -> 'priority') #>> '{}' END) COLLATE \"C\") WHEN 'none' THEN 0 WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3 WHEN 'critical' THEN 4 END)), id) WHERE entity = 'maintenance-requests'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_maintenance_requests_remote_priority ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'remote_priority')) = 'string' THEN (data::jsonb -> 'remote_priority') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'maintenance-requests'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_maintenance_requests_site_id ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'site_id')) = 'string' THEN (data::jsonb -> 'site_id') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'maintenance-requests'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_maintenance_requests_location_id ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'location_id')) = 'string' THEN (data::jsonb -> 'location_id') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'maintenance-requests'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_maintenance_requests_asset_id ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'asset_id')) = 'string' THEN (data::jsonb -> 'asset_id') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'maintenance-requests'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_maintenance_requests_requested_by_id ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'requested_by_id')) = 'string' THEN (data::jsonb -> 'requested_by_id') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'maintenance-requests'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_maintenance_requests_work_order_id ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'work_order_id')) = 'string' THEN (data::jsonb -> 'work_order_id') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'maintenance-requests'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_work_orders_number ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'number')) = 'string' THEN (data::jsonb -> 'number') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'work-orders'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_work_orders_title ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'title')) = 'string' THEN (data::jsonb -> 'title') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'work-orders'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_work_orders_status ON records (connection_id, ((CASE ((CASE WHEN jsonb_typeof((data::jsonb -> 'status')) = 'string' THEN (data::jsonb -> 'status') #>> '{}' END) COLLATE \"C\") WHEN 'open' THEN 0 WHEN 'in_progress' THEN 1 WHEN 'on_hold' THEN 2 WHEN 'completed' THEN 3 WHEN 'cancelled' THEN 4 WHEN 'other' THEN 5 END)), id) WHERE entity = 'work-orders'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_work_orders_remote_status ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'remote_status')) = 'string' THEN (data::jsonb -> 'remote_status') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'work-orders'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_work_orders_priority ON records (connection_id, ((CASE ((CASE WHEN jsonb_typeof((data::jsonb -> 'priority')) = 'string' THEN (data::jsonb -> 'priority') #>> '{}' END) COLLATE \"C\") WHEN 'none' THEN 0 WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3 WHEN 'critical' THEN 4 END)), id) WHERE entity = 'work-orders'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_work_orders_remote_priority ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'remote_priority')) = 'string' THEN (data::jsonb -> 'remote_priority') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'work-orders'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_work_orders_type ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'type')) = 'string' THEN (data::jsonb -> 'type') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'work-orders'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_work_orders_site_id ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'site_id')) = 'string' THEN (data::jsonb -> 'site_id') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'work-orders'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_work_orders_location_id ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'location_id')) = 'string' THEN (data::jsonb -> 'location_id') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'work-orders'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_work_orders_asset_id ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'asset_id')) = 'string' THEN (data::jsonb -> 'asset_id') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'work-orders'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_work_orders_requested_by_id ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'requested_by_id')) = 'string' THEN (data::jsonb -> 'requested_by_id') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'work-orders'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_work_orders_pm_schedule_id ON records (connection_id, (((CASE WHEN jsonb_typeof((data::jsonb -> 'pm_schedule_id')) = 'string' THEN (data::jsonb -> 'pm_schedule_id') #>> '{}' END) COLLATE \"C\")), id) WHERE entity = 'work-orders'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_work_orders_due_at ON records (connection_id, (millwright_json_time((data::jsonb -> 'due_at'))), id) WHERE entity = 'work-orders'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_work_orders_started_at ON records (connection_id, (millwright_json_time((data::jsonb -> 'started_at'))), id) WHERE entity = 'work-orders'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_work_orders_completed_at ON records (connection_id, (millwright_json_time((data::jsonb -> 'completed_at'))), id) WHERE entity = 'work-orders'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_id");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_remote_id");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_created_at");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_deleted_at");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_remote_created_at");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_remote_updated_at");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_sites_name");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_sites_code");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_locations_name");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_locations_code");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_locations_site_id");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_locations_parent_id");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_users_name");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_users_email");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_users_phone");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_users_role");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_users_is_active");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_teams_name");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_vendors_name");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_vendors_email");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_vendors_phone");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_vendors_website");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_assets_name");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_assets_code");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_assets_status");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_assets_remote_status");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_assets_site_id");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_assets_location_id");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_assets_parent_id");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_assets_serial_number");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_assets_manufacturer");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_assets_model");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_assets_barcode");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_assets_category");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_parts_name");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_parts_number");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_parts_unit_cost");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_parts_unit");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_parts_barcode");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_parts_total_quantity");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_meters_name");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_meters_unit");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_meters_asset_id");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_meters_location_id");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_meters_last_reading_value");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_meters_last_reading_at");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_meter_readings_meter_id");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_meter_readings_value");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_meter_readings_read_at");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_pm_schedules_name");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_pm_schedules_asset_id");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_pm_schedules_location_id");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_pm_schedules_interval_value");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_pm_schedules_interval_unit");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_pm_schedules_next_due_at");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_pm_schedules_is_active");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_purchase_orders_number");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_purchase_orders_title");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_purchase_orders_status");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_purchase_orders_remote_status");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_purchase_orders_vendor_id");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_purchase_orders_site_id");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_purchase_orders_total_amount");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_purchase_orders_currency");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_purchase_orders_expected_at");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_maintenance_requests_title");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_maintenance_requests_status");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_maintenance_requests_remote_status");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_maintenance_requests_priority");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_maintenance_requests_remote_priority");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_maintenance_requests_site_id");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_maintenance_requests_location_id");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_maintenance_requests_asset_id");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_maintenance_requests_requested_by_id");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_maintenance_requests_work_order_id");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_work_orders_number");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_work_orders_title");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_work_orders_status");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_work_orders_remote_status");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_work_orders_priority");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_work_orders_remote_priority");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_work_orders_type");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_work_orders_site_id");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_work_orders_location_id");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_work_orders_asset_id");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_work_orders_requested_by_id");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_work_orders_pm_schedule_id");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_work_orders_due_at");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_work_orders_started_at");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_rq_work_orders_completed_at");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS millwright_json_time(jsonb)");
        }
    }
}
