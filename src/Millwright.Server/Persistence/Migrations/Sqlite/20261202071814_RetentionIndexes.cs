using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Millwright.Server.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RetentionIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_webhook_events_created_at",
                table: "webhook_events",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "IX_webhook_deliveries_created_at",
                table: "webhook_deliveries",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "IX_webhook_attempts_attempted_at",
                table: "webhook_attempts",
                column: "attempted_at");

            migrationBuilder.CreateIndex(
                name: "IX_sync_runs_finished_at",
                table: "sync_runs",
                column: "finished_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_webhook_events_created_at",
                table: "webhook_events");

            migrationBuilder.DropIndex(
                name: "IX_webhook_deliveries_created_at",
                table: "webhook_deliveries");

            migrationBuilder.DropIndex(
                name: "IX_webhook_attempts_attempted_at",
                table: "webhook_attempts");

            migrationBuilder.DropIndex(
                name: "IX_sync_runs_finished_at",
                table: "sync_runs");
        }
    }
}
