using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Millwright.Server.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class JsonTimeParallelUnsafe : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Its exception block opens a subtransaction, which a parallel plan refuses ("cannot start subtransactions
            // during a parallel operation"): declared PARALLEL SAFE, a query the planner parallelised failed.
            migrationBuilder.Sql("ALTER FUNCTION millwright_json_time(jsonb) PARALLEL UNSAFE");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER FUNCTION millwright_json_time(jsonb) PARALLEL SAFE");
        }
    }
}
