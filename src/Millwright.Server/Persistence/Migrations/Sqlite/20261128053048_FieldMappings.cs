using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Millwright.Server.Persistence.Migrations.Sqlite
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
                    connection_id = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    overrides_json = table.Column<string>(type: "TEXT", nullable: false),
                    change = table.Column<string>(type: "TEXT", nullable: false),
                    restored_version = table.Column<int>(type: "INTEGER", nullable: true),
                    remapped_records = table.Column<int>(type: "INTEGER", nullable: false),
                    request_id = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
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
