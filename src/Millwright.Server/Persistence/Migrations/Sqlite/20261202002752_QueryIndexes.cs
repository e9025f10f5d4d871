using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Millwright.Server.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class QueryIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Query indexes of ADR 0021, as Features/Records/Sql/QueryIndexes printed them; frozen here.
            migrationBuilder.Sql("CREATE INDEX ix_rq_id ON records (connection_id, entity, id)");
            migrationBuilder.Sql("CREATE INDEX ix_rq_remote_id ON records (connection_id, entity, remote_id, id)");
            migrationBuilder.Sql("CREATE INDEX ix_rq_created_at ON records (connection_id, entity, created_at, id)");
            migrationBuilder.Sql("CREATE INDEX ix_rq_deleted_at ON records (connection_id, entity, deleted_at, id) WHERE deleted_at IS NOT NULL");
            migrationBuilder.Sql("CREATE INDEX ix_rq_remote_created_at ON records (connection_id, entity, remote_created_at, id)");
            migrationBuilder.Sql("CREATE INDEX ix_rq_remote_updated_at ON records (connection_id, entity, remote_updated_at, id)");
            migrationBuilder.Sql("CREATE INDEX ix_rq_sites_name ON records (connection_id, ((CASE WHEN json_type(data, '$.name') = 'text' THEN json_extract(data, '$.name') END)), id) WHERE entity = 'sites'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_sites_code ON records (connection_id, ((CASE WHEN json_type(data, '$.code') = 'text' THEN json_extract(data, '$.code') END)), id) WHERE entity = 'sites'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_locations_name ON records (connection_id, ((CASE WHEN json_type(data, '$.name') = 'text' THEN json_extract(data, '$.name') END)), id) WHERE entity = 'locations'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_locations_code ON records (connection_id, ((CASE WHEN json_type(data, '$.code') = 'text' THEN json_extract(data, '$.code') END)), id) WHERE entity = 'locations'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_locations_site_id ON records (connection_id, ((CASE WHEN json_type(data, '$.site_id') = 'text' THEN json_extract(data, '$.site_id') END)), id) WHERE entity = 'locations'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_locations_parent_id ON records (connection_id, ((CASE WHEN json_type(data, '$.parent_id') = 'text' THEN json_extract(data, '$.parent_id') END)), id) WHERE entity = 'locations'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_users_name ON records (connection_id, ((CASE WHEN json_type(data, '$.name') = 'text' THEN json_extract(data, '$.name') END)), id) WHERE entity = 'users'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_users_email ON records (connection_id, ((CASE WHEN json_type(data, '$.email') = 'text' THEN json_extract(data, '$.email') END)), id) WHERE entity = 'users'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_users_phone ON records (connection_id, ((CASE WHEN json_type(data, '$.phone') = 'text' THEN json_extract(data, '$.phone') END)), id) WHERE entity = 'users'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_users_role ON records (connection_id, ((CASE WHEN json_type(data, '$.role') = 'text' THEN json_extract(data, '$.role') END)), id) WHERE entity = 'users'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_users_is_active ON records (connection_id, ((CASE json_type(data, '$.is_active') WHEN 'true' THEN 1 WHEN 'false' THEN 0 END)), id) WHERE entity = 'users'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_teams_name ON records (connection_id, ((CASE WHEN json_type(data, '$.name') = 'text' THEN json_extract(data, '$.name') END)), id) WHERE entity = 'teams'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_vendors_name ON records (connection_id, ((CASE WHEN json_type(data, '$.name') = 'text' THEN json_extract(data, '$.name') END)), id) WHERE entity = 'vendors'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_vendors_email ON records (connection_id, ((CASE WHEN json_type(data, '$.email') = 'text' THEN json_extract(data, '$.email') END)), id) WHERE entity = 'vendors'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_vendors_phone ON records (connection_id, ((CASE WHEN json_type(data, '$.phone') = 'text' THEN json_extract(data, '$.phone') END)), id) WHERE entity = 'vendors'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_vendors_website ON records (connection_id, ((CASE WHEN json_type(data, '$.website') = 'text' THEN json_extract(data, '$.website') END)), id) WHERE entity = 'vendors'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_assets_name ON records (connection_id, ((CASE WHEN json_type(data, '$.name') = 'text' THEN json_extract(data, '$.name') END)), id) WHERE entity = 'assets'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_assets_code ON records (connection_id, ((CASE WHEN json_type(data, '$.code') = 'text' THEN json_extract(data, '$.code') END)), id) WHERE entity = 'assets'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_assets_status ON records (connection_id, ((CASE (CASE WHEN json_type(data, '$.status') = 'text' THEN json_extract(data, '$.status') END) WHEN 'operational' THEN 0 WHEN 'down' THEN 1 WHEN 'retired' THEN 2 WHEN 'other' THEN 3 END)), id) WHERE entity = 'assets'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_assets_remote_status ON records (connection_id, ((CASE WHEN json_type(data, '$.remote_status') = 'text' THEN json_extract(data, '$.remote_status') END)), id) WHERE entity = 'assets'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_assets_site_id ON records (connection_id, ((CASE WHEN json_type(data, '$.site_id') = 'text' THEN json_extract(data, '$.site_id') END)), id) WHERE entity = 'assets'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_assets_location_id ON records (connection_id, ((CASE WHEN json_type(data, '$.location_id') = 'text' THEN json_extract(data, '$.location_id') END)), id) WHERE entity = 'assets'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_assets_parent_id ON records (connection_id, ((CASE WHEN json_type(data, '$.parent_id') = 'text' THEN json_extract(data, '$.parent_id') END)), id) WHERE entity = 'assets'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_assets_serial_number ON records (connection_id, ((CASE WHEN json_type(data, '$.serial_number') = 'text' THEN json_extract(data, '$.serial_number') END)), id) WHERE entity = 'assets'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_assets_manufacturer ON records (connection_id, ((CASE WHEN json_type(data, '$.manufacturer') = 'text' THEN json_extract(data, '$.manufacturer') END)), id) WHERE entity = 'assets'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_assets_model ON records (connection_id, ((CASE WHEN json_type(data, '$.model') = 'text' THEN json_extract(data, '$.model') END)), id) WHERE entity = 'assets'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_assets_barcode ON records (connection_id, ((CASE WHEN json_type(data, '$.barcode') = 'text' THEN json_extract(data, '$.barcode') END)), id) WHERE entity = 'assets'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_assets_category ON records (connection_id, ((CASE WHEN json_type(data, '$.category') = 'text' THEN json_extract(data, '$.category') END)), id) WHERE entity = 'assets'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_parts_name ON records (connection_id, ((CASE WHEN json_type(data, '$.name') = 'text' THEN json_extract(data, '$.name') END)), id) WHERE entity = 'parts'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_parts_number ON records (connection_id, ((CASE WHEN json_type(data, '$.number') = 'text' THEN json_extract(data, '$.number') END)), id) WHERE entity = 'parts'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_parts_unit_cost ON records (connection_id, ((CASE WHEN json_type(data, '$.unit_cost') IN ('integer', 'real') THEN json_extract(data, '$.unit_cost') END)), id) WHERE entity = 'parts'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_parts_unit ON records (connection_id, ((CASE WHEN json_type(data, '$.unit') = 'text' THEN json_extract(data, '$.unit') END)), id) WHERE entity = 'parts'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_parts_barcode ON records (connection_id, ((CASE WHEN json_type(data, '$.barcode') = 'text' THEN json_extract(data, '$.barcode') END)), id) WHERE entity = 'parts'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_parts_total_quantity ON records (connection_id, ((CASE WHEN json_type(data, '$.total_quantity') IN ('integer', 'real') THEN json_extract(data, '$.total_quantity') END)), id) WHERE entity = 'parts'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_meters_name ON records (connection_id, ((CASE WHEN json_type(data, '$.name') = 'text' THEN json_extract(data, '$.name') END)), id) WHERE entity = 'meters'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_meters_unit ON records (connection_id, ((CASE WHEN json_type(data, '$.unit') = 'text' THEN json_extract(data, '$.unit') END)), id) WHERE entity = 'meters'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_meters_asset_id ON records (connection_id, ((CASE WHEN json_type(data, '$.asset_id') = 'text' THEN json_extract(data, '$.asset_id') END)), id) WHERE entity = 'meters'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_meters_location_id ON records (connection_id, ((CASE WHEN json_type(data, '$.location_id') = 'text' THEN json_extract(data, '$.location_id') END)), id) WHERE entity = 'meters'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_meters_last_reading_value ON records (connection_id, ((CASE WHEN json_type(data, '$.last_reading_value') IN ('integer', 'real') THEN json_extract(data, '$.last_reading_value') END)), id) WHERE entity = 'meters'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_meters_last_reading_at ON records (connection_id, (unixepoch((CASE WHEN json_type(data, '$.last_reading_at') = 'text' THEN json_extract(data, '$.last_reading_at') END), 'subsec')), id) WHERE entity = 'meters'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_meter_readings_meter_id ON records (connection_id, ((CASE WHEN json_type(data, '$.meter_id') = 'text' THEN json_extract(data, '$.meter_id') END)), id) WHERE entity = 'meter-readings'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_meter_readings_value ON records (connection_id, ((CASE WHEN json_type(data, '$.value') IN ('integer', 'real') THEN json_extract(data, '$.value') END)), id) WHERE entity = 'meter-readings'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_meter_readings_read_at ON records (connection_id, (unixepoch((CASE WHEN json_type(data, '$.read_at') = 'text' THEN json_extract(data, '$.read_at') END), 'subsec')), id) WHERE entity = 'meter-readings'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_pm_schedules_name ON records (connection_id, ((CASE WHEN json_type(data, '$.name') = 'text' THEN json_extract(data, '$.name') END)), id) WHERE entity = 'pm-schedules'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_pm_schedules_asset_id ON records (connection_id, ((CASE WHEN json_type(data, '$.asset_id') = 'text' THEN json_extract(data, '$.asset_id') END)), id) WHERE entity = 'pm-schedules'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_pm_schedules_location_id ON records (connection_id, ((CASE WHEN json_type(data, '$.location_id') = 'text' THEN json_extract(data, '$.location_id') END)), id) WHERE entity = 'pm-schedules'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_pm_schedules_interval_value ON records (connection_id, ((CASE WHEN json_type(data, '$.interval_value') IN ('integer', 'real') THEN json_extract(data, '$.interval_value') END)), id) WHERE entity = 'pm-schedules'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_pm_schedules_interval_unit ON records (connection_id, ((CASE WHEN json_type(data, '$.interval_unit') = 'text' THEN json_extract(data, '$.interval_unit') END)), id) WHERE entity = 'pm-schedules'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_pm_schedules_next_due_at ON records (connection_id, (unixepoch((CASE WHEN json_type(data, '$.next_due_at') = 'text' THEN json_extract(data, '$.next_due_at') END), 'subsec')), id) WHERE entity = 'pm-schedules'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_pm_schedules_is_active ON records (connection_id, ((CASE json_type(data, '$.is_active') WHEN 'true' THEN 1 WHEN 'false' THEN 0 END)), id) WHERE entity = 'pm-schedules'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_purchase_orders_number ON records (connection_id, ((CASE WHEN json_type(data, '$.number') = 'text' THEN json_extract(data, '$.number') END)), id) WHERE entity = 'purchase-orders'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_purchase_orders_title ON records (connection_id, ((CASE WHEN json_type(data, '$.title') = 'text' THEN json_extract(data, '$.title') END)), id) WHERE entity = 'purchase-orders'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_purchase_orders_status ON records (connection_id, ((CASE (CASE WHEN json_type(data, '$.status') = 'text' THEN json_extract(data, '$.status') END) WHEN 'draft' THEN 0 WHEN 'pending_approval' THEN 1 WHEN 'approved' THEN 2 WHEN 'partially_received' THEN 3 WHEN 'received' THEN 4 WHEN 'cancelled' THEN 5 WHEN 'other' THEN 6 END)), id) WHERE entity = 'purchase-orders'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_purchase_orders_remote_status ON records (connection_id, ((CASE WHEN json_type(data, '$.remote_status') = 'text' THEN json_extract(data, '$.remote_status') END)), id) WHERE entity = 'purchase-orders'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_purchase_orders_vendor_id ON records (connection_id, ((CASE WHEN json_type(data, '$.vendor_id') = 'text' THEN json_extract(data, '$.vendor_id') END)), id) WHERE entity = 'purchase-orders'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_purchase_orders_site_id ON records (connection_id, ((CASE WHEN json_type(data, '$.site_id') = 'text' THEN json_extract(data, '$.site_id') END)), id) WHERE entity = 'purchase-orders'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_purchase_orders_total_amount ON records (connection_id, ((CASE WHEN json_type(data, '$.total_amount') IN ('integer', 'real') THEN json_extract(data, '$.total_amount') END)), id) WHERE entity = 'purchase-orders'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_purchase_orders_currency ON records (connection_id, ((CASE WHEN json_type(data, '$.currency') = 'text' THEN json_extract(data, '$.currency') END)), id) WHERE entity = 'purchase-orders'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_purchase_orders_expected_at ON records (connection_id, (unixepoch((CASE WHEN json_type(data, '$.expected_at') = 'text' THEN json_extract(data, '$.expected_at') END), 'subsec')), id) WHERE entity = 'purchase-orders'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_maintenance_requests_title ON records (connection_id, ((CASE WHEN json_type(data, '$.title') = 'text' THEN json_extract(data, '$.title') END)), id) WHERE entity = 'maintenance-requests'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_maintenance_requests_status ON records (connection_id, ((CASE (CASE WHEN json_type(data, '$.status') = 'text' THEN json_extract(data, '$.status') END) WHEN 'pending' THEN 0 WHEN 'approved' THEN 1 WHEN 'declined' THEN 2 WHEN 'completed' THEN 3 WHEN 'other' THEN 4 END)), id) WHERE entity = 'maintenance-requests'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_maintenance_requests_remote_status ON records (connection_id, ((CASE WHEN json_type(data, '$.remote_status') = 'text' THEN json_extract(data, '$.remote_status') END)), id) WHERE entity = 'maintenance-requests'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_maintenance_requests_priority ON records (connection_id, ((CASE (CASE WHEN json_type(data, '$.priority') = 'text' THEN json_extract(data, '$.priority') END) WHEN 'none' THEN 0 WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3 WHEN 'critical' THEN 4 END)), id) WHERE entity = 'maintenance-requests'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_maintenance_requests_remote_priority ON records (connection_id, ((CASE WHEN json_type(data, '$.remote_priority') = 'text' THEN json_extract(data, '$.remote_priority') END)), id) WHERE entity = 'maintenance-requests'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_maintenance_requests_site_id ON records (connection_id, ((CASE WHEN json_type(data, '$.site_id') = 'text' THEN json_extract(data, '$.site_id') END)), id) WHERE entity = 'maintenance-requests'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_maintenance_requests_location_id ON records (connection_id, ((CASE WHEN json_type(data, '$.location_id') = 'text' THEN json_extract(data, '$.location_id') END)), id) WHERE entity = 'maintenance-requests'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_maintenance_requests_asset_id ON records (connection_id, ((CASE WHEN json_type(data, '$.asset_id') = 'text' THEN json_extract(data, '$.asset_id') END)), id) WHERE entity = 'maintenance-requests'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_maintenance_requests_requested_by_id ON records (connection_id, ((CASE WHEN json_type(data, '$.requested_by_id') = 'text' THEN json_extract(data, '$.requested_by_id') END)), id) WHERE entity = 'maintenance-requests'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_maintenance_requests_work_order_id ON records (connection_id, ((CASE WHEN json_type(data, '$.work_order_id') = 'text' THEN json_extract(data, '$.work_order_id') END)), id) WHERE entity = 'maintenance-requests'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_work_orders_number ON records (connection_id, ((CASE WHEN json_type(data, '$.number') = 'text' THEN json_extract(data, '$.number') END)), id) WHERE entity = 'work-orders'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_work_orders_title ON records (connection_id, ((CASE WHEN json_type(data, '$.title') = 'text' THEN json_extract(data, '$.title') END)), id) WHERE entity = 'work-orders'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_work_orders_status ON records (connection_id, ((CASE (CASE WHEN json_type(data, '$.status') = 'text' THEN json_extract(data, '$.status') END) WHEN 'open' THEN 0 WHEN 'in_progress' THEN 1 WHEN 'on_hold' THEN 2 WHEN 'completed' THEN 3 WHEN 'cancelled' THEN 4 WHEN 'other' THEN 5 END)), id) WHERE entity = 'work-orders'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_work_orders_remote_status ON records (connection_id, ((CASE WHEN json_type(data, '$.remote_status') = 'text' THEN json_extract(data, '$.remote_status') END)), id) WHERE entity = 'work-orders'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_work_orders_priority ON records (connection_id, ((CASE (CASE WHEN json_type(data, '$.priority') = 'text' THEN json_extract(data, '$.priority') END) WHEN 'none' THEN 0 WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3 WHEN 'critical' THEN 4 END)), id) WHERE entity = 'work-orders'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_work_orders_remote_priority ON records (connection_id, ((CASE WHEN json_type(data, '$.remote_priority') = 'text' THEN json_extract(data, '$.remote_priority') END)), id) WHERE entity = 'work-orders'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_work_orders_type ON records (connection_id, ((CASE WHEN json_type(data, '$.type') = 'text' THEN json_extract(data, '$.type') END)), id) WHERE entity = 'work-orders'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_work_orders_site_id ON records (connection_id, ((CASE WHEN json_type(data, '$.site_id') = 'text' THEN json_extract(data, '$.site_id') END)), id) WHERE entity = 'work-orders'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_work_orders_location_id ON records (connection_id, ((CASE WHEN json_type(data, '$.location_id') = 'text' THEN json_extract(data, '$.location_id') END)), id) WHERE entity = 'work-orders'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_work_orders_asset_id ON records (connection_id, ((CASE WHEN json_type(data, '$.asset_id') = 'text' THEN json_extract(data, '$.asset_id') END)), id) WHERE entity = 'work-orders'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_work_orders_requested_by_id ON records (connection_id, ((CASE WHEN json_type(data, '$.requested_by_id') = 'text' THEN json_extract(data, '$.requested_by_id') END)), id) WHERE entity = 'work-orders'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_work_orders_pm_schedule_id ON records (connection_id, ((CASE WHEN json_type(data, '$.pm_schedule_id') = 'text' THEN json_extract(data, '$.pm_schedule_id') END)), id) WHERE entity = 'work-orders'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_work_orders_due_at ON records (connection_id, (unixepoch((CASE WHEN json_type(data, '$.due_at') = 'text' THEN json_extract(data, '$.due_at') END), 'subsec')), id) WHERE entity = 'work-orders'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_work_orders_started_at ON records (connection_id, (unixepoch((CASE WHEN json_type(data, '$.started_at') = 'text' THEN json_extract(data, '$.started_at') END), 'subsec')), id) WHERE entity = 'work-orders'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_work_orders_completed_at ON records (connection_id, (unixepoch((CASE WHEN json_type(data, '$.completed_at') = 'text' THEN json_extract(data, '$.completed_at') END), 'subsec')), id) WHERE entity = 'work-orders'");
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
        }
    }
}
