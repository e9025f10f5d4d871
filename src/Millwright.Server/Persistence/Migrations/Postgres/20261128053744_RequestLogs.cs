using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Millwright.Server.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RequestLogs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "request_log_upstream_calls",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    request_log_id = table.Column<string>(type: "text", nullable: false),
                    system = table.Column<string>(type: "text", nullable: false),
                    connection_id = table.Column<string>(type: "text", nullable: true),
                    method = table.Column<string>(type: "text", nullable: false),
                    url = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: true),
                    outcome = table.Column<string>(type: "text", nullable: false),
                    error = table.Column<string>(type: "text", nullable: true),
                    duration_ms = table.Column<double>(type: "double precision", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_request_log_upstream_calls", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "request_logs",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false),
                    kind = table.Column<string>(type: "text", nullable: false),
                    account_id = table.Column<string>(type: "text", nullable: false),
                    environment = table.Column<string>(type: "text", nullable: false),
                    connection_id = table.Column<string>(type: "text", nullable: true),
                    credential_id = table.Column<string>(type: "text", nullable: true),
                    method = table.Column<string>(type: "text", nullable: true),
                    path = table.Column<string>(type: "text", nullable: true),
                    query = table.Column<string>(type: "text", nullable: true),
                    status = table.Column<int>(type: "integer", nullable: true),
                    duration_ms = table.Column<double>(type: "double precision", nullable: true),
                    request_headers_json = table.Column<string>(type: "text", nullable: true),
                    request_body = table.Column<string>(type: "text", nullable: true),
                    request_body_truncated = table.Column<bool>(type: "boolean", nullable: false),
                    response_headers_json = table.Column<string>(type: "text", nullable: true),
                    response_body = table.Column<string>(type: "text", nullable: true),
                    response_body_truncated = table.Column<bool>(type: "boolean", nullable: false),
                    upstream_call_count = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_request_logs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "upstream_health_hours",
                columns: table => new
                {
                    system = table.Column<string>(type: "text", nullable: false),
                    environment = table.Column<string>(type: "text", nullable: false),
                    hour = table.Column<long>(type: "bigint", nullable: false),
                    calls = table.Column<int>(type: "integer", nullable: false),
                    failures = table.Column<int>(type: "integer", nullable: false),
                    rate_limited = table.Column<int>(type: "integer", nullable: false),
                    timeouts = table.Column<int>(type: "integer", nullable: false),
                    first_failure_at_ms = table.Column<long>(type: "bigint", nullable: true),
                    last_failure_at_ms = table.Column<long>(type: "bigint", nullable: true),
                    last_error = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_upstream_health_hours", x => new { x.system, x.environment, x.hour });
                });

            migrationBuilder.CreateIndex(
                name: "IX_request_log_upstream_calls_request_log_id_id",
                table: "request_log_upstream_calls",
                columns: new[] { "request_log_id", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_request_log_upstream_calls_started_at",
                table: "request_log_upstream_calls",
                column: "started_at");

            migrationBuilder.CreateIndex(
                name: "IX_request_logs_account_id_environment_created_at_id",
                table: "request_logs",
                columns: new[] { "account_id", "environment", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_request_logs_created_at",
                table: "request_logs",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "IX_upstream_health_hours_hour",
                table: "upstream_health_hours",
                column: "hour");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "request_log_upstream_calls");

            migrationBuilder.DropTable(
                name: "request_logs");

            migrationBuilder.DropTable(
                name: "upstream_health_hours");
        }
    }
}
