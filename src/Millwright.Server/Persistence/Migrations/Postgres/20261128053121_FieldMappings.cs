using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Millwright.Server.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FieldMappings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "field_mapping_versions",
                columns: table => new
                {
                    connection_id = table.Column<string>(type: "text", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    overrides_json = table.Column<string>(type: "text", nullable: false),
                    change = table.Column<string>(type: "text", nullable: false),
                    restored_version = table.Column<int>(type: "integer", nullable: true),
                    remapped_records = table.Column<int>(type: "integer", nullable: false),
                    request_id = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_field_mapping_versions", x => new { x.connection_id, x.version });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "field_mapping_versions");
        }
    }
}
