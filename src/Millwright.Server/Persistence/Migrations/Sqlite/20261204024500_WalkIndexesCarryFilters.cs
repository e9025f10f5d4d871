using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Millwright.Server.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WalkIndexesCarryFilters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // ADR 0035. The field indexes (but references') of each entity with enum or boolean fields carry deleted_at and
            // those fields after the key, so that a walk of the sort's index tests its filters on the index entry, and enum
            // positions read json_extract alone; such an entity also gets an updated_at index carrying them, for the walk of
            // the default order. As Features/Records/Sql/QueryIndexes prints them with SqliteDialect: same names, same keys
            // (an enum's position is the same value), same partial predicates.
            migrationBuilder.Sql("DROP INDEX ix_rq_users_name");
            migrationBuilder.Sql("CREATE INDEX ix_rq_users_name ON records (connection_id, ((CASE WHEN json_type(data, '$.name') = 'text' THEN json_extract(data, '$.name') END)), id, deleted_at, ((CASE json_type(data, '$.is_active') WHEN 'true' THEN 1 WHEN 'false' THEN 0 END))) WHERE entity = 'users'");
            migrationBuilder.Sql("DROP INDEX ix_rq_users_email");
            migrationBuilder.Sql("CREATE INDEX ix_rq_users_email ON records (connection_id, ((CASE WHEN json_type(data, '$.email') = 'text' THEN json_extract(data, '$.email') END)), id, deleted_at, ((CASE json_type(data, '$.is_active') WHEN 'true' THEN 1 WHEN 'false' THEN 0 END))) WHERE entity = 'users'");
            migrationBuilder.Sql("DROP INDEX ix_rq_users_phone");
            migrationBuilder.Sql("CREATE INDEX ix_rq_users_phone ON records (connection_id, ((CASE WHEN json_type(data, '$.phone') = 'text' THEN json_extract(data, '$.phone') END)), id, deleted_at, ((CASE json_type(data, '$.is_active') WHEN 'true' THEN 1 WHEN 'false' THEN 0 END))) WHERE entity = 'users'");
            migrationBuilder.Sql("DROP INDEX ix_rq_users_role");
            migrationBuilder.Sql("CREATE INDEX ix_rq_users_role ON records (connection_id, ((CASE WHEN json_type(data, '$.role') = 'text' THEN json_extract(data, '$.role') END)), id, deleted_at, ((CASE json_type(data, '$.is_active') WHEN 'true' THEN 1 WHEN 'false' THEN 0 END))) WHERE entity = 'users'");
            migrationBuilder.Sql("DROP INDEX ix_rq_users_is_active");
            migrationBuilder.Sql("CREATE INDEX ix_rq_users_is_active ON records (connection_id, ((CASE json_type(data, '$.is_active') WHEN 'true' THEN 1 WHEN 'false' THEN 0 END)), id, deleted_at) WHERE entity = 'users'");
            migrationBuilder.Sql("DROP INDEX ix_rq_assets_name");
            migrationBuilder.Sql("CREATE INDEX ix_rq_assets_name ON records (connection_id, ((CASE WHEN json_type(data, '$.name') = 'text' THEN json_extract(data, '$.name') END)), id, deleted_at, ((CASE json_extract(data, '$.status') WHEN 'operational' THEN 0 WHEN 'down' THEN 1 WHEN 'retired' THEN 2 WHEN 'other' THEN 3 END))) WHERE entity = 'assets'");
            migrationBuilder.Sql("DROP INDEX ix_rq_assets_code");
            migrationBuilder.Sql("CREATE INDEX ix_rq_assets_code ON records (connection_id, ((CASE WHEN json_type(data, '$.code') = 'text' THEN json_extract(data, '$.code') END)), id, deleted_at, ((CASE json_extract(data, '$.status') WHEN 'operational' THEN 0 WHEN 'down' THEN 1 WHEN 'retired' THEN 2 WHEN 'other' THEN 3 END))) WHERE entity = 'assets'");
            migrationBuilder.Sql("DROP INDEX ix_rq_assets_status");
            migrationBuilder.Sql("CREATE INDEX ix_rq_assets_status ON records (connection_id, ((CASE json_extract(data, '$.status') WHEN 'operational' THEN 0 WHEN 'down' THEN 1 WHEN 'retired' THEN 2 WHEN 'other' THEN 3 END)), id, deleted_at) WHERE entity = 'assets'");
            migrationBuilder.Sql("DROP INDEX ix_rq_assets_remote_status");
            migrationBuilder.Sql("CREATE INDEX ix_rq_assets_remote_status ON records (connection_id, ((CASE WHEN json_type(data, '$.remote_status') = 'text' THEN json_extract(data, '$.remote_status') END)), id, deleted_at, ((CASE json_extract(data, '$.status') WHEN 'operational' THEN 0 WHEN 'down' THEN 1 WHEN 'retired' THEN 2 WHEN 'other' THEN 3 END))) WHERE entity = 'assets'");
            migrationBuilder.Sql("DROP INDEX ix_rq_assets_serial_number");
            migrationBuilder.Sql("CREATE INDEX ix_rq_assets_serial_number ON records (connection_id, ((CASE WHEN json_type(data, '$.serial_number') = 'text' THEN json_extract(data, '$.serial_number') END)), id, deleted_at, ((CASE json_extract(data, '$.status') WHEN 'operational' THEN 0 WHEN 'down' THEN 1 WHEN 'retired' THEN 2 WHEN 'other' THEN 3 END))) WHERE entity = 'assets'");
            migrationBuilder.Sql("DROP INDEX ix_rq_assets_manufacturer");
            migrationBuilder.Sql("CREATE INDEX ix_rq_assets_manufacturer ON records (connection_id, ((CASE WHEN json_type(data, '$.manufacturer') = 'text' THEN json_extract(data, '$.manufacturer') END)), id, deleted_at, ((CASE json_extract(data, '$.status') WHEN 'operational' THEN 0 WHEN 'down' THEN 1 WHEN 'retired' THEN 2 WHEN 'other' THEN 3 END))) WHERE entity = 'assets'");
            migrationBuilder.Sql("DROP INDEX ix_rq_assets_model");
            migrationBuilder.Sql("CREATE INDEX ix_rq_assets_model ON records (connection_id, ((CASE WHEN json_type(data, '$.model') = 'text' THEN json_extract(data, '$.model') END)), id, deleted_at, ((CASE json_extract(data, '$.status') WHEN 'operational' THEN 0 WHEN 'down' THEN 1 WHEN 'retired' THEN 2 WHEN 'other' THEN 3 END))) WHERE entity = 'assets'");
            migrationBuilder.Sql("DROP INDEX ix_rq_assets_barcode");
            migrationBuilder.Sql("CREATE INDEX ix_rq_assets_barcode ON records (connection_id, ((CASE WHEN json_type(data, '$.barcode') = 'text' THEN json_extract(data, '$.barcode') END)), id, deleted_at, ((CASE json_extract(data, '$.status') WHEN 'operational' THEN 0 WHEN 'down' THEN 1 WHEN 'retired' THEN 2 WHEN 'other' THEN 3 END))) WHERE entity = 'assets'");
            migrationBuilder.Sql("DROP INDEX ix_rq_assets_category");
            migrationBuilder.Sql("CREATE INDEX ix_rq_assets_category ON records (connection_id, ((CASE WHEN json_type(data, '$.category') = 'text' THEN json_extract(data, '$.category') END)), id, deleted_at, ((CASE json_extract(data, '$.status') WHEN 'operational' THEN 0 WHEN 'down' THEN 1 WHEN 'retired' THEN 2 WHEN 'other' THEN 3 END))) WHERE entity = 'assets'");
            migrationBuilder.Sql("DROP INDEX ix_rq_pm_schedules_name");
            migrationBuilder.Sql("CREATE INDEX ix_rq_pm_schedules_name ON records (connection_id, ((CASE WHEN json_type(data, '$.name') = 'text' THEN json_extract(data, '$.name') END)), id, deleted_at, ((CASE json_type(data, '$.is_active') WHEN 'true' THEN 1 WHEN 'false' THEN 0 END))) WHERE entity = 'pm-schedules'");
            migrationBuilder.Sql("DROP INDEX ix_rq_pm_schedules_interval_value");
            migrationBuilder.Sql("CREATE INDEX ix_rq_pm_schedules_interval_value ON records (connection_id, ((CASE WHEN json_type(data, '$.interval_value') IN ('integer', 'real') THEN json_extract(data, '$.interval_value') END)), id, deleted_at, ((CASE json_type(data, '$.is_active') WHEN 'true' THEN 1 WHEN 'false' THEN 0 END))) WHERE entity = 'pm-schedules'");
            migrationBuilder.Sql("DROP INDEX ix_rq_pm_schedules_interval_unit");
            migrationBuilder.Sql("CREATE INDEX ix_rq_pm_schedules_interval_unit ON records (connection_id, ((CASE WHEN json_type(data, '$.interval_unit') = 'text' THEN json_extract(data, '$.interval_unit') END)), id, deleted_at, ((CASE json_type(data, '$.is_active') WHEN 'true' THEN 1 WHEN 'false' THEN 0 END))) WHERE entity = 'pm-schedules'");
            migrationBuilder.Sql("DROP INDEX ix_rq_pm_schedules_next_due_at");
            migrationBuilder.Sql("CREATE INDEX ix_rq_pm_schedules_next_due_at ON records (connection_id, (unixepoch((CASE WHEN json_type(data, '$.next_due_at') = 'text' THEN json_extract(data, '$.next_due_at') END), 'subsec')), id, deleted_at, ((CASE json_type(data, '$.is_active') WHEN 'true' THEN 1 WHEN 'false' THEN 0 END))) WHERE entity = 'pm-schedules'");
            migrationBuilder.Sql("DROP INDEX ix_rq_pm_schedules_is_active");
            migrationBuilder.Sql("CREATE INDEX ix_rq_pm_schedules_is_active ON records (connection_id, ((CASE json_type(data, '$.is_active') WHEN 'true' THEN 1 WHEN 'false' THEN 0 END)), id, deleted_at) WHERE entity = 'pm-schedules'");
            migrationBuilder.Sql("DROP INDEX ix_rq_purchase_orders_number");
            migrationBuilder.Sql("CREATE INDEX ix_rq_purchase_orders_number ON records (connection_id, ((CASE WHEN json_type(data, '$.number') = 'text' THEN json_extract(data, '$.number') END)), id, deleted_at, ((CASE json_extract(data, '$.status') WHEN 'draft' THEN 0 WHEN 'pending_approval' THEN 1 WHEN 'approved' THEN 2 WHEN 'partially_received' THEN 3 WHEN 'received' THEN 4 WHEN 'cancelled' THEN 5 WHEN 'other' THEN 6 END))) WHERE entity = 'purchase-orders'");
            migrationBuilder.Sql("DROP INDEX ix_rq_purchase_orders_title");
            migrationBuilder.Sql("CREATE INDEX ix_rq_purchase_orders_title ON records (connection_id, ((CASE WHEN json_type(data, '$.title') = 'text' THEN json_extract(data, '$.title') END)), id, deleted_at, ((CASE json_extract(data, '$.status') WHEN 'draft' THEN 0 WHEN 'pending_approval' THEN 1 WHEN 'approved' THEN 2 WHEN 'partially_received' THEN 3 WHEN 'received' THEN 4 WHEN 'cancelled' THEN 5 WHEN 'other' THEN 6 END))) WHERE entity = 'purchase-orders'");
            migrationBuilder.Sql("DROP INDEX ix_rq_purchase_orders_status");
            migrationBuilder.Sql("CREATE INDEX ix_rq_purchase_orders_status ON records (connection_id, ((CASE json_extract(data, '$.status') WHEN 'draft' THEN 0 WHEN 'pending_approval' THEN 1 WHEN 'approved' THEN 2 WHEN 'partially_received' THEN 3 WHEN 'received' THEN 4 WHEN 'cancelled' THEN 5 WHEN 'other' THEN 6 END)), id, deleted_at) WHERE entity = 'purchase-orders'");
            migrationBuilder.Sql("DROP INDEX ix_rq_purchase_orders_remote_status");
            migrationBuilder.Sql("CREATE INDEX ix_rq_purchase_orders_remote_status ON records (connection_id, ((CASE WHEN json_type(data, '$.remote_status') = 'text' THEN json_extract(data, '$.remote_status') END)), id, deleted_at, ((CASE json_extract(data, '$.status') WHEN 'draft' THEN 0 WHEN 'pending_approval' THEN 1 WHEN 'approved' THEN 2 WHEN 'partially_received' THEN 3 WHEN 'received' THEN 4 WHEN 'cancelled' THEN 5 WHEN 'other' THEN 6 END))) WHERE entity = 'purchase-orders'");
            migrationBuilder.Sql("DROP INDEX ix_rq_purchase_orders_total_amount");
            migrationBuilder.Sql("CREATE INDEX ix_rq_purchase_orders_total_amount ON records (connection_id, ((CASE WHEN json_type(data, '$.total_amount') IN ('integer', 'real') THEN json_extract(data, '$.total_amount') END)), id, deleted_at, ((CASE json_extract(data, '$.status') WHEN 'draft' THEN 0 WHEN 'pending_approval' THEN 1 WHEN 'approved' THEN 2 WHEN 'partially_received' THEN 3 WHEN 'received' THEN 4 WHEN 'cancelled' THEN 5 WHEN 'other' THEN 6 END))) WHERE entity = 'purchase-orders'");
            migrationBuilder.Sql("DROP INDEX ix_rq_purchase_orders_currency");
            migrationBuilder.Sql("CREATE INDEX ix_rq_purchase_orders_currency ON records (connection_id, ((CASE WHEN json_type(data, '$.currency') = 'text' THEN json_extract(data, '$.currency') END)), id, deleted_at, ((CASE json_extract(data, '$.status') WHEN 'draft' THEN 0 WHEN 'pending_approval' THEN 1 WHEN 'approved' THEN 2 WHEN 'partially_received' THEN 3 WHEN 'received' THEN 4 WHEN 'cancelled' THEN 5 WHEN 'other' THEN 6 END))) WHERE entity = 'purchase-orders'");
            migrationBuilder.Sql("DROP INDEX ix_rq_purchase_orders_expected_at");
            migrationBuilder.Sql("CREATE INDEX ix_rq_purchase_orders_expected_at ON records (connection_id, (unixepoch((CASE WHEN json_type(data, '$.expected_at') = 'text' THEN json_extract(data, '$.expected_at') END), 'subsec')), id, deleted_at, ((CASE json_extract(data, '$.status') WHEN 'draft' THEN 0 WHEN 'pending_approval' THEN 1 WHEN 'approved' THEN 2 WHEN 'partially_received' THEN 3 WHEN 'received' THEN 4 WHEN 'cancelled' THEN 5 WHEN 'other' THEN 6 END))) WHERE entity = 'purchase-orders'");
            migrationBuilder.Sql("DROP INDEX ix_rq_maintenance_requests_title");
            migrationBuilder.Sql("CREATE INDEX ix_rq_maintenance_requests_title ON records (connection_id, ((CASE WHEN json_type(data, '$.title') = 'text' THEN json_extract(data, '$.title') END)), id, deleted_at, ((CASE json_extract(data, '$.status') WHEN 'pending' THEN 0 WHEN 'approved' THEN 1 WHEN 'declined' THEN 2 WHEN 'completed' THEN 3 WHEN 'other' THEN 4 END)), ((CASE json_extract(data, '$.priority') WHEN 'none' THEN 0 WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3 WHEN 'critical' THEN 4 END))) WHERE entity = 'maintenance-requests'");
            migrationBuilder.Sql("DROP INDEX ix_rq_maintenance_requests_status");
            migrationBuilder.Sql("CREATE INDEX ix_rq_maintenance_requests_status ON records (connection_id, ((CASE json_extract(data, '$.status') WHEN 'pending' THEN 0 WHEN 'approved' THEN 1 WHEN 'declined' THEN 2 WHEN 'completed' THEN 3 WHEN 'other' THEN 4 END)), id, deleted_at, ((CASE json_extract(data, '$.priority') WHEN 'none' THEN 0 WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3 WHEN 'critical' THEN 4 END))) WHERE entity = 'maintenance-requests'");
            migrationBuilder.Sql("DROP INDEX ix_rq_maintenance_requests_remote_status");
            migrationBuilder.Sql("CREATE INDEX ix_rq_maintenance_requests_remote_status ON records (connection_id, ((CASE WHEN json_type(data, '$.remote_status') = 'text' THEN json_extract(data, '$.remote_status') END)), id, deleted_at, ((CASE json_extract(data, '$.status') WHEN 'pending' THEN 0 WHEN 'approved' THEN 1 WHEN 'declined' THEN 2 WHEN 'completed' THEN 3 WHEN 'other' THEN 4 END)), ((CASE json_extract(data, '$.priority') WHEN 'none' THEN 0 WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3 WHEN 'critical' THEN 4 END))) WHERE entity = 'maintenance-requests'");
            migrationBuilder.Sql("DROP INDEX ix_rq_maintenance_requests_priority");
            migrationBuilder.Sql("CREATE INDEX ix_rq_maintenance_requests_priority ON records (connection_id, ((CASE json_extract(data, '$.priority') WHEN 'none' THEN 0 WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3 WHEN 'critical' THEN 4 END)), id, deleted_at, ((CASE json_extract(data, '$.status') WHEN 'pending' THEN 0 WHEN 'approved' THEN 1 WHEN 'declined' THEN 2 WHEN 'completed' THEN 3 WHEN 'other' THEN 4 END))) WHERE entity = 'maintenance-requests'");
            migrationBuilder.Sql("DROP INDEX ix_rq_maintenance_requests_remote_priority");
            migrationBuilder.Sql("CREATE INDEX ix_rq_maintenance_requests_remote_priority ON records (connection_id, ((CASE WHEN json_type(data, '$.remote_priority') = 'text' THEN json_extract(data, '$.remote_priority') END)), id, deleted_at, ((CASE json_extract(data, '$.status') WHEN 'pending' THEN 0 WHEN 'approved' THEN 1 WHEN 'declined' THEN 2 WHEN 'completed' THEN 3 WHEN 'other' THEN 4 END)), ((CASE json_extract(data, '$.priority') WHEN 'none' THEN 0 WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3 WHEN 'critical' THEN 4 END))) WHERE entity = 'maintenance-requests'");
            migrationBuilder.Sql("DROP INDEX ix_rq_work_orders_number");
            migrationBuilder.Sql("CREATE INDEX ix_rq_work_orders_number ON records (connection_id, ((CASE WHEN json_type(data, '$.number') = 'text' THEN json_extract(data, '$.number') END)), id, deleted_at, ((CASE json_extract(data, '$.status') WHEN 'open' THEN 0 WHEN 'in_progress' THEN 1 WHEN 'on_hold' THEN 2 WHEN 'completed' THEN 3 WHEN 'cancelled' THEN 4 WHEN 'other' THEN 5 END)), ((CASE json_extract(data, '$.priority') WHEN 'none' THEN 0 WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3 WHEN 'critical' THEN 4 END))) WHERE entity = 'work-orders'");
            migrationBuilder.Sql("DROP INDEX ix_rq_work_orders_title");
            migrationBuilder.Sql("CREATE INDEX ix_rq_work_orders_title ON records (connection_id, ((CASE WHEN json_type(data, '$.title') = 'text' THEN json_extract(data, '$.title') END)), id, deleted_at, ((CASE json_extract(data, '$.status') WHEN 'open' THEN 0 WHEN 'in_progress' THEN 1 WHEN 'on_hold' THEN 2 WHEN 'completed' THEN 3 WHEN 'cancelled' THEN 4 WHEN 'other' THEN 5 END)), ((CASE json_extract(data, '$.priority') WHEN 'none' THEN 0 WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3 WHEN 'critical' THEN 4 END))) WHERE entity = 'work-orders'");
            migrationBuilder.Sql("DROP INDEX ix_rq_work_orders_status");
            migrationBuilder.Sql("CREATE INDEX ix_rq_work_orders_status ON records (connection_id, ((CASE json_extract(data, '$.status') WHEN 'open' THEN 0 WHEN 'in_progress' THEN 1 WHEN 'on_hold' THEN 2 WHEN 'completed' THEN 3 WHEN 'cancelled' THEN 4 WHEN 'other' THEN 5 END)), id, deleted_at, ((CASE json_extract(data, '$.priority') WHEN 'none' THEN 0 WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3 WHEN 'critical' THEN 4 END))) WHERE entity = 'work-orders'");
            migrationBuilder.Sql("DROP INDEX ix_rq_work_orders_remote_status");
            migrationBuilder.Sql("CREATE INDEX ix_rq_work_orders_remote_status ON records (connection_id, ((CASE WHEN json_type(data, '$.remote_status') = 'text' THEN json_extract(data, '$.remote_status') END)), id, deleted_at, ((CASE json_extract(data, '$.status') WHEN 'open' THEN 0 WHEN 'in_progress' THEN 1 WHEN 'on_hold' THEN 2 WHEN 'completed' THEN 3 WHEN 'cancelled' THEN 4 WHEN 'other' THEN 5 END)), ((CASE json_extract(data, '$.priority') WHEN 'none' THEN 0 WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3 WHEN 'critical' THEN 4 END))) WHERE entity = 'work-orders'");
            migrationBuilder.Sql("DROP INDEX ix_rq_work_orders_priority");
            migrationBuilder.Sql("CREATE INDEX ix_rq_work_orders_priority ON records (connection_id, ((CASE json_extract(data, '$.priority') WHEN 'none' THEN 0 WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3 WHEN 'critical' THEN 4 END)), id, deleted_at, ((CASE json_extract(data, '$.status') WHEN 'open' THEN 0 WHEN 'in_progress' THEN 1 WHEN 'on_hold' THEN 2 WHEN 'completed' THEN 3 WHEN 'cancelled' THEN 4 WHEN 'other' THEN 5 END))) WHERE entity = 'work-orders'");
            migrationBuilder.Sql("DROP INDEX ix_rq_work_orders_remote_priority");
            migrationBuilder.Sql("CREATE INDEX ix_rq_work_orders_remote_priority ON records (connection_id, ((CASE WHEN json_type(data, '$.remote_priority') = 'text' THEN json_extract(data, '$.remote_priority') END)), id, deleted_at, ((CASE json_extract(data, '$.status') WHEN 'open' THEN 0 WHEN 'in_progress' THEN 1 WHEN 'on_hold' THEN 2 WHEN 'completed' THEN 3 WHEN 'cancelled' THEN 4 WHEN 'other' THEN 5 END)), ((CASE json_extract(data, '$.priority') WHEN 'none' THEN 0 WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3 WHEN 'critical' THEN 4 END))) WHERE entity = 'work-orders'");
            migrationBuilder.Sql("DROP INDEX ix_rq_work_orders_type");
            migrationBuilder.Sql("CREATE INDEX ix_rq_work_orders_type ON records (connection_id, ((CASE WHEN json_type(data, '$.type') = 'text' THEN json_extract(data, '$.type') END)), id, deleted_at, ((CASE json_extract(data, '$.status') WHEN 'open' THEN 0 WHEN 'in_progress' THEN 1 WHEN 'on_hold' THEN 2 WHEN 'completed' THEN 3 WHEN 'cancelled' THEN 4 WHEN 'other' THEN 5 END)), ((CASE json_extract(data, '$.priority') WHEN 'none' THEN 0 WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3 WHEN 'critical' THEN 4 END))) WHERE entity = 'work-orders'");
            migrationBuilder.Sql("DROP INDEX ix_rq_work_orders_due_at");
            migrationBuilder.Sql("CREATE INDEX ix_rq_work_orders_due_at ON records (connection_id, (unixepoch((CASE WHEN json_type(data, '$.due_at') = 'text' THEN json_extract(data, '$.due_at') END), 'subsec')), id, deleted_at, ((CASE json_extract(data, '$.status') WHEN 'open' THEN 0 WHEN 'in_progress' THEN 1 WHEN 'on_hold' THEN 2 WHEN 'completed' THEN 3 WHEN 'cancelled' THEN 4 WHEN 'other' THEN 5 END)), ((CASE json_extract(data, '$.priority') WHEN 'none' THEN 0 WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3 WHEN 'critical' THEN 4 END))) WHERE entity = 'work-orders'");
            migrationBuilder.Sql("DROP INDEX ix_rq_work_orders_started_at");
            migrationBuilder.Sql("CREATE INDEX ix_rq_work_orders_started_at ON records (connection_id, (unixepoch((CASE WHEN json_type(data, '$.started_at') = 'text' THEN json_extract(data, '$.started_at') END), 'subsec')), id, deleted_at, ((CASE json_extract(data, '$.status') WHEN 'open' THEN 0 WHEN 'in_progress' THEN 1 WHEN 'on_hold' THEN 2 WHEN 'completed' THEN 3 WHEN 'cancelled' THEN 4 WHEN 'other' THEN 5 END)), ((CASE json_extract(data, '$.priority') WHEN 'none' THEN 0 WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3 WHEN 'critical' THEN 4 END))) WHERE entity = 'work-orders'");
            migrationBuilder.Sql("DROP INDEX ix_rq_work_orders_completed_at");
            migrationBuilder.Sql("CREATE INDEX ix_rq_work_orders_completed_at ON records (connection_id, (unixepoch((CASE WHEN json_type(data, '$.completed_at') = 'text' THEN json_extract(data, '$.completed_at') END), 'subsec')), id, deleted_at, ((CASE json_extract(data, '$.status') WHEN 'open' THEN 0 WHEN 'in_progress' THEN 1 WHEN 'on_hold' THEN 2 WHEN 'completed' THEN 3 WHEN 'cancelled' THEN 4 WHEN 'other' THEN 5 END)), ((CASE json_extract(data, '$.priority') WHEN 'none' THEN 0 WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3 WHEN 'critical' THEN 4 END))) WHERE entity = 'work-orders'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_users_updated_at ON records (connection_id, updated_at, id, deleted_at, ((CASE json_type(data, '$.is_active') WHEN 'true' THEN 1 WHEN 'false' THEN 0 END))) WHERE entity = 'users'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_assets_updated_at ON records (connection_id, updated_at, id, deleted_at, ((CASE json_extract(data, '$.status') WHEN 'operational' THEN 0 WHEN 'down' THEN 1 WHEN 'retired' THEN 2 WHEN 'other' THEN 3 END))) WHERE entity = 'assets'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_pm_schedules_updated_at ON records (connection_id, updated_at, id, deleted_at, ((CASE json_type(data, '$.is_active') WHEN 'true' THEN 1 WHEN 'false' THEN 0 END))) WHERE entity = 'pm-schedules'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_purchase_orders_updated_at ON records (connection_id, updated_at, id, deleted_at, ((CASE json_extract(data, '$.status') WHEN 'draft' THEN 0 WHEN 'pending_approval' THEN 1 WHEN 'approved' THEN 2 WHEN 'partially_received' THEN 3 WHEN 'received' THEN 4 WHEN 'cancelled' THEN 5 WHEN 'other' THEN 6 END))) WHERE entity = 'purchase-orders'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_maintenance_requests_updated_at ON records (connection_id, updated_at, id, deleted_at, ((CASE json_extract(data, '$.status') WHEN 'pending' THEN 0 WHEN 'approved' THEN 1 WHEN 'declined' THEN 2 WHEN 'completed' THEN 3 WHEN 'other' THEN 4 END)), ((CASE json_extract(data, '$.priority') WHEN 'none' THEN 0 WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3 WHEN 'critical' THEN 4 END))) WHERE entity = 'maintenance-requests'");
            migrationBuilder.Sql("CREATE INDEX ix_rq_work_orders_updated_at ON records (connection_id, updated_at, id, deleted_at, ((CASE json_extract(data, '$.status') WHEN 'open' THEN 0 WHEN 'in_progress' THEN 1 WHEN 'on_hold' THEN 2 WHEN 'completed' THEN 3 WHEN 'cancelled' THEN 4 WHEN 'other' THEN 5 END)), ((CASE json_extract(data, '$.priority') WHEN 'none' THEN 0 WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3 WHEN 'critical' THEN 4 END))) WHERE entity = 'work-orders'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_rq_users_name");
            migrationBuilder.Sql("CREATE INDEX ix_rq_users_name ON records (connection_id, ((CASE WHEN json_type(data, '$.name') = 'text' THEN json_extract(data, '$.name') END)), id) WHERE entity = 'users'");
            migrationBuilder.Sql("DROP INDEX ix_rq_users_email");
            migrationBuilder.Sql("CREATE INDEX ix_rq_users_email ON records (connection_id, ((CASE WHEN json_type(data, '$.email') = 'text' THEN json_extract(data, '$.email') END)), id) WHERE entity = 'users'");
            migrationBuilder.Sql("DROP INDEX ix_rq_users_phone");
            migrationBuilder.Sql("CREATE INDEX ix_rq_users_phone ON records (connection_id, ((CASE WHEN json_type(data, '$.phone') = 'text' THEN json_extract(data, '$.phone') END)), id) WHERE entity = 'users'");
            migrationBuilder.Sql("DROP INDEX ix_rq_users_role");
            migrationBuilder.Sql("CREATE INDEX ix_rq_users_role ON records (connection_id, ((CASE WHEN json_type(data, '$.role') = 'text' THEN json_extract(data, '$.role') END)), id) WHERE entity = 'users'");
            migrationBuilder.Sql("DROP INDEX ix_rq_users_is_active");
            migrationBuilder.Sql("CREATE INDEX ix_rq_users_is_active ON records (connection_id, ((CASE json_type(data, '$.is_active') WHEN 'true' THEN 1 WHEN 'false' THEN 0 END)), id) WHERE entity = 'users'");
            migrationBuilder.Sql("DROP INDEX ix_rq_assets_name");
            migrationBuilder.Sql("CREATE INDEX ix_rq_assets_name ON records (connection_id, ((CASE WHEN json_type(data, '$.name') = 'text' THEN json_extract(data, '$.name') END)), id) WHERE entity = 'assets'");
            migrationBuilder.Sql("DROP INDEX ix_rq_assets_code");
            migrationBuilder.Sql("CREATE INDEX ix_rq_assets_code ON records (connection_id, ((CASE WHEN json_type(data, '$.code') = 'text' THEN json_extract(data, '$.code') END)), id) WHERE entity = 'assets'");
            migrationBuilder.Sql("DROP INDEX ix_rq_assets_status");
            migrationBuilder.Sql("CREATE INDEX ix_rq_assets_status ON records (connection_id, ((CASE (CASE WHEN json_type(data, '$.status') = 'text' THEN json_extract(data, '$.status') END) WHEN 'operational' THEN 0 WHEN 'down' THEN 1 WHEN 'retired' THEN 2 WHEN 'other' THEN 3 END)), id) WHERE entity = 'assets'");
            migrationBuilder.Sql("DROP INDEX ix_rq_assets_remote_status");
            migrationBuilder.Sql("CREATE INDEX ix_rq_assets_remote_status ON records (connection_id, ((CASE WHEN json_type(data, '$.remote_status') = 'text' THEN json_extract(data, '$.remote_status') END)), id) WHERE entity = 'assets'");
            migrationBuilder.Sql("DROP INDEX ix_rq_assets_serial_number");
            migrationBuilder.Sql("CREATE INDEX ix_rq_assets_serial_number ON records (connection_id, ((CASE WHEN json_type(data, '$.serial_number') = 'text' THEN json_extract(data, '$.serial_number') END)), id) WHERE entity = 'assets'");
            migrationBuilder.Sql("DROP INDEX ix_rq_assets_manufacturer");
            migrationBuilder.Sql("CREATE INDEX ix_rq_assets_manufacturer ON records (connection_id, ((CASE WHEN json_type(data, '$.manufacturer') = 'text' THEN json_extract(data, '$.manufacturer') END)), id) WHERE entity = 'assets'");
            migrationBuilder.Sql("DROP INDEX ix_rq_assets_model");
            migrationBuilder.Sql("CREATE INDEX ix_rq_assets_model ON records (connection_id, ((CASE WHEN json_type(data, '$.model') = 'text' THEN json_extract(data, '$.model') END)), id) WHERE entity = 'assets'");
            migrationBuilder.Sql("DROP INDEX ix_rq_assets_barcode");
            migrationBuilder.Sql("CREATE INDEX ix_rq_assets_barcode ON records (connection_id, ((CASE WHEN json_type(data, '$.barcode') = 'text' THEN json_extract(data, '$.barcode') END)), id) WHERE entity = 'assets'");
            migrationBuilder.Sql("DROP INDEX ix_rq_assets_category");
            migrationBuilder.Sql("CREATE INDEX ix_rq_assets_category ON records (connection_id, ((CASE WHEN json_type(data, '$.category') = 'text' THEN json_extract(data, '$.category') END)), id) WHERE entity = 'assets'");
            migrationBuilder.Sql("DROP INDEX ix_rq_pm_schedules_name");
            migrationBuilder.Sql("CREATE INDEX ix_rq_pm_schedules_name ON records (connection_id, ((CASE WHEN json_type(data, '$.name') = 'text' THEN json_extract(data, '$.name') END)), id) WHERE entity = 'pm-schedules'");
            migrationBuilder.Sql("DROP INDEX ix_rq_pm_schedules_interval_value");
            migrationBuilder.Sql("CREATE INDEX ix_rq_pm_schedules_interval_value ON records (connection_id, ((CASE WHEN json_type(data, '$.interval_value') IN ('integer', 'real') THEN json_extract(data, '$.interval_value') END)), id) WHERE entity = 'pm-schedules'");
            migrationBuilder.Sql("DROP INDEX ix_rq_pm_schedules_interval_unit");
            migrationBuilder.Sql("CREATE INDEX ix_rq_pm_schedules_interval_unit ON records (connection_id, ((CASE WHEN json_type(data, '$.interval_unit') = 'text' THEN json_extract(data, '$.interval_unit') END)), id) WHERE entity = 'pm-schedules'");
            migrationBuilder.Sql("DROP INDEX ix_rq_pm_schedules_next_due_at");
            migrationBuilder.Sql("CREATE INDEX ix_rq_pm_schedules_next_due_at ON records (connection_id, (unixepoch((CASE WHEN json_type(data, '$.next_due_at') = 'text' THEN json_extract(data, '$.next_due_at') END), 'subsec')), id) WHERE entity = 'pm-schedules'");
            migrationBuilder.Sql("DROP INDEX ix_rq_pm_schedules_is_active");
            migrationBuilder.Sql("CREATE INDEX ix_rq_pm_schedules_is_active ON records (connection_id, ((CASE json_type(data, '$.is_active') WHEN 'true' THEN 1 WHEN 'false' THEN 0 END)), id) WHERE entity = 'pm-schedules'");
            migrationBuilder.Sql("DROP INDEX ix_rq_purchase_orders_number");
            migrationBuilder.Sql("CREATE INDEX ix_rq_purchase_orders_number ON records (connection_id, ((CASE WHEN json_type(data, '$.number') = 'text' THEN json_extract(data, '$.number') END)), id) WHERE entity = 'purchase-orders'");
            migrationBuilder.Sql("DROP INDEX ix_rq_purchase_orders_title");
            migrationBuilder.Sql("CREATE INDEX ix_rq_purchase_orders_title ON records (connection_id, ((CASE WHEN json_type(data, '$.title') = 'text' THEN json_extract(data, '$.title') END)), id) WHERE entity = 'purchase-orders'");
            migrationBuilder.Sql("DROP INDEX ix_rq_purchase_orders_status");
            migrationBuilder.Sql("CREATE INDEX ix_rq_purchase_orders_status ON records (connection_id, ((CASE (CASE WHEN json_type(data, '$.status') = 'text' THEN json_extract(data, '$.status') END) WHEN 'draft' THEN 0 WHEN 'pending_approval' THEN 1 WHEN 'approved' THEN 2 WHEN 'partially_received' THEN 3 WHEN 'received' THEN 4 WHEN 'cancelled' THEN 5 WHEN 'other' THEN 6 END)), id) WHERE entity = 'purchase-orders'");
            migrationBuilder.Sql("DROP INDEX ix_rq_purchase_orders_remote_status");
            migrationBuilder.Sql("CREATE INDEX ix_rq_purchase_orders_remote_status ON records (connection_id, ((CASE WHEN json_type(data, '$.remote_status') = 'text' THEN json_extract(data, '$.remote_status') END)), id) WHERE entity = 'purchase-orders'");
            migrationBuilder.Sql("DROP INDEX ix_rq_purchase_orders_total_amount");
            migrationBuilder.Sql("CREATE INDEX ix_rq_purchase_orders_total_amount ON records (connection_id, ((CASE WHEN json_type(data, '$.total_amount') IN ('integer', 'real') THEN json_extract(data, '$.total_amount') END)), id) WHERE entity = 'purchase-orders'");
            migrationBuilder.Sql("DROP INDEX ix_rq_purchase_orders_currency");
            migrationBuilder.Sql("CREATE INDEX ix_rq_purchase_orders_currency ON records (connection_id, ((CASE WHEN json_type(data, '$.currency') = 'text' THEN json_extract(data, '$.currency') END)), id) WHERE entity = 'purchase-orders'");
            migrationBuilder.Sql("DROP INDEX ix_rq_purchase_orders_expected_at");
            migrationBuilder.Sql("CREATE INDEX ix_rq_purchase_orders_expected_at ON records (connection_id, (unixepoch((CASE WHEN json_type(data, '$.expected_at') = 'text' THEN json_extract(data, '$.expected_at') END), 'subsec')), id) WHERE entity = 'purchase-orders'");
            migrationBuilder.Sql("DROP INDEX ix_rq_maintenance_requests_title");
            migrationBuilder.Sql("CREATE INDEX ix_rq_maintenance_requests_title ON records (connection_id, ((CASE WHEN json_type(data, '$.title') = 'text' THEN json_extract(data, '$.title') END)), id) WHERE entity = 'maintenance-requests'");
            migrationBuilder.Sql("DROP INDEX ix_rq_maintenance_requests_status");
            migrationBuilder.Sql("CREATE INDEX ix_rq_maintenance_requests_status ON records (connection_id, ((CASE (CASE WHEN json_type(data, '$.status') = 'text' THEN json_extract(data, '$.status') END) WHEN 'pending' THEN 0 WHEN 'approved' THEN 1 WHEN 'declined' THEN 2 WHEN 'completed' THEN 3 WHEN 'other' THEN 4 END)), id) WHERE entity = 'maintenance-requests'");
            migrationBuilder.Sql("DROP INDEX ix_rq_maintenance_requests_remote_status");
            migrationBuilder.Sql("CREATE INDEX ix_rq_maintenance_requests_remote_status ON records (connection_id, ((CASE WHEN json_type(data, '$.remote_status') = 'text' THEN json_extract(data, '$.remote_status') END)), id) WHERE entity = 'maintenance-requests'");
            migrationBuilder.Sql("DROP INDEX ix_rq_maintenance_requests_priority");
            migrationBuilder.Sql("CREATE INDEX ix_rq_maintenance_requests_priority ON records (connection_id, ((CASE (CASE WHEN json_type(data, '$.priority') = 'text' THEN json_extract(data, '$.priority') END) WHEN 'none' THEN 0 WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3 WHEN 'critical' THEN 4 END)), id) WHERE entity = 'maintenance-requests'");
            migrationBuilder.Sql("DROP INDEX ix_rq_maintenance_requests_remote_priority");
            migrationBuilder.Sql("CREATE INDEX ix_rq_maintenance_requests_remote_priority ON records (connection_id, ((CASE WHEN json_type(data, '$.remote_priority') = 'text' THEN json_extract(data, '$.remote_priority') END)), id) WHERE entity = 'maintenance-requests'");
            migrationBuilder.Sql("DROP INDEX ix_rq_work_orders_number");
            migrationBuilder.Sql("CREATE INDEX ix_rq_work_orders_number ON records (connection_id, ((CASE WHEN json_type(data, '$.number') = 'text' THEN json_extract(data, '$.number') END)), id) WHERE entity = 'work-orders'");
            migrationBuilder.Sql("DROP INDEX ix_rq_work_orders_title");
            migrationBuilder.Sql("CREATE INDEX ix_rq_work_orders_title ON records (connection_id, ((CASE WHEN json_type(data, '$.title') = 'text' THEN json_extract(data, '$.title') END)), id) WHERE entity = 'work-orders'");
            migrationBuilder.Sql("DROP INDEX ix_rq_work_orders_status");
            migrationBuilder.Sql("CREATE INDEX ix_rq_work_orders_status ON records (connection_id, ((CASE (CASE WHEN json_type(data, '$.status') = 'text' THEN json_extract(data, '$.status') END) WHEN 'open' THEN 0 WHEN 'in_progress' THEN 1 WHEN 'on_hold' THEN 2 WHEN 'completed' THEN 3 WHEN 'cancelled' THEN 4 WHEN 'other' THEN 5 END)), id) WHERE entity = 'work-orders'");
            migrationBuilder.Sql("DROP INDEX ix_rq_work_orders_remote_status");
            migrationBuilder.Sql("CREATE INDEX ix_rq_work_orders_remote_status ON records (connection_id, ((CASE WHEN json_type(data, '$.remote_status') = 'text' THEN json_extract(data, '$.remote_status') END)), id) WHERE entity = 'work-orders'");
            migrationBuilder.Sql("DROP INDEX ix_rq_work_orders_priority");
            migrationBuilder.Sql("CREATE INDEX ix_rq_work_orders_priority ON records (connection_id, ((CASE (CASE WHEN json_type(data, '$.priority') = 'text' THEN json_extract(data, '$.priority') END) WHEN 'none' THEN 0 WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3 WHEN 'critical' THEN 4 END)), id) WHERE entity = 'work-orders'");
            migrationBuilder.Sql("DROP INDEX ix_rq_work_orders_remote_priority");
            migrationBuilder.Sql("CREATE INDEX ix_rq_work_orders_remote_priority ON records (connection_id, ((CASE WHEN json_type(data, '$.remote_priority') = 'text' THEN json_extract(data, '$.remote_priority') END)), id) WHERE entity = 'work-orders'");
            migrationBuilder.Sql("DROP INDEX ix_rq_work_orders_type");
            migrationBuilder.Sql("CREATE INDEX ix_rq_work_orders_type ON records (connection_id, ((CASE WHEN json_type(data, '$.type') = 'text' THEN json_extract(data, '$.type') END)), id) WHERE entity = 'work-orders'");
            migrationBuilder.Sql("DROP INDEX ix_rq_work_orders_due_at");
            migrationBuilder.Sql("CREATE INDEX ix_rq_work_orders_due_at ON records (connection_id, (unixepoch((CASE WHEN json_type(data, '$.due_at') = 'text' THEN json_extract(data, '$.due_at') END), 'subsec')), id) WHERE entity = 'work-orders'");
            migrationBuilder.Sql("DROP INDEX ix_rq_work_orders_started_at");
            migrationBuilder.Sql("CREATE INDEX ix_rq_work_orders_started_at ON records (connection_id, (unixepoch((CASE WHEN json_type(data, '$.started_at') = 'text' THEN json_extract(data, '$.started_at') END), 'subsec')), id) WHERE entity = 'work-orders'");
            migrationBuilder.Sql("DROP INDEX ix_rq_work_orders_completed_at");
            migrationBuilder.Sql("CREATE INDEX ix_rq_work_orders_completed_at ON records (connection_id, (unixepoch((CASE WHEN json_type(data, '$.completed_at') = 'text' THEN json_extract(data, '$.completed_at') END), 'subsec')), id) WHERE entity = 'work-orders'");
            migrationBuilder.Sql("DROP INDEX ix_rq_users_updated_at");
            migrationBuilder.Sql("DROP INDEX ix_rq_assets_updated_at");
            migrationBuilder.Sql("DROP INDEX ix_rq_pm_schedules_updated_at");
            migrationBuilder.Sql("DROP INDEX ix_rq_purchase_orders_updated_at");
            migrationBuilder.Sql("DROP INDEX ix_rq_maintenance_requests_updated_at");
            migrationBuilder.Sql("DROP INDEX ix_rq_work_orders_updated_at");
        }
    }
}
