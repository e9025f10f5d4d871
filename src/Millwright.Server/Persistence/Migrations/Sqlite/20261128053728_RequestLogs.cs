using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Millwright.Server.Persistence.Migrations.Sqlite
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
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    request_log_id = table.Column<string>(type: "TEXT", nullable: false),
                    system = table.Column<string>(type: "TEXT", nullable: false),
                    connection_id = table.Column<string>(type: "TEXT", nullable: true),
                    method = table.Column<string>(type: "TEXT", nullable: false),
                    url = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<int>(type: "INTEGER", nullable: true),
                    outcome = table.Column<string>(type: "TEXT", nullable: false),
                    error = table.Column<string>(type: "TEXT", nullable: true),
                    duration_ms = table.Column<double>(type: "REAL", nullable: false),
                    started_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_request_log_upstream_calls", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "request_logs",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", nullable: false),
                    account_id = table.Column<string>(type: "TEXT", nullable: false),
                    environment = table.Column<string>(type: "TEXT", nullable: false),
                    connection_id = table.Column<string>(type: "TEXT", nullable: true),
                    credential_id = table.Column<string>(type: "TEXT", nullable: true),
                    method = table.Column<string>(type: "TEXT", nullable: true),
                    path = table.Column<string>(type: "TEXT", nullable: true),
                    query = table.Column<string>(type: "TEXT", nullable: true),
                    status = table.Column<int>(type: "INTEGER", nullable: true),
                    duration_ms = table.Column<double>(type: "REAL", nullable: true),
                    request_headers_json = table.Column<string>(type: "TEXT", nullable: true),
                    request_body = table.Column<string>(type: "TEXT", nullable: true),
                    request_body_truncated = table.Column<bool>(type: "INTEGER", nullable: false),
                    response_headers_json = table.Column<string>(type: "TEXT", nullable: true),
                    response_body = table.Column<string>(type: "TEXT", nullable: true),
                    response_body_truncated = table.Column<bool>(type: "INTEGER", nullable: false),
                    upstream_call_count = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_request_logs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "upstream_health_hours",
                columns: table => new
                {
                    system = table.Column<string>(type: "TEXT", nullable: false),
                    environment = table.Column<string>(type: "TEXT", nullable: false),
                    hour = table.Column<long>(type: "INTEGER", nullable: false),
                    calls = table.Column<int>(type: "INTEGER", nullable: false),
                    failures = table.Column<int>(type: "INTEGER", nullable: false),
                    rate_limited = table.Column<int>(type: "INTEGER", nullable: false),
                    timeouts = table.Column<int>(type: "INTEGER", nullable: false),
                    first_failure_at_ms = table.Column<long>(type: "INTEGER", nullable: true),
                    last_failure_at_ms = table.Column<long>(type: "INTEGER", nullable: true),
                    last_error = table.Column<string>(type: "TEXT", nullable: true)
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
