using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Millwright.Server.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Reliability : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "consecutive_failures",
                table: "connections",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "last_error_at",
                table: "connections",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "last_error_code",
                table: "connections",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "rate_limit_per_minute",
                table: "connections",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "account_settings",
                columns: table => new
                {
                    account_id = table.Column<string>(type: "TEXT", nullable: false),
                    environment = table.Column<string>(type: "TEXT", nullable: false),
                    rate_limit_per_minute = table.Column<int>(type: "INTEGER", nullable: true),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_account_settings", x => new { x.account_id, x.environment });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "account_settings");

            migrationBuilder.DropColumn(
                name: "consecutive_failures",
                table: "connections");

            migrationBuilder.DropColumn(
                name: "last_error_at",
                table: "connections");

            migrationBuilder.DropColumn(
                name: "last_error_code",
                table: "connections");

            migrationBuilder.DropColumn(
                name: "rate_limit_per_minute",
                table: "connections");
        }
    }
}
