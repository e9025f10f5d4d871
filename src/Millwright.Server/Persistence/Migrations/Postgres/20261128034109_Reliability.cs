using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Millwright.Server.Persistence.Migrations.Postgres
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
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "last_error_at",
                table: "connections",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "last_error_code",
                table: "connections",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "rate_limit_per_minute",
                table: "connections",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "account_settings",
                columns: table => new
                {
                    account_id = table.Column<string>(type: "text", nullable: false),
                    environment = table.Column<string>(type: "text", nullable: false),
                    rate_limit_per_minute = table.Column<int>(type: "integer", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
