using System.Data.Common;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Millwright.Client.Models;
using Millwright.Server.Features.Records.Query;
using Millwright.Server.Features.Records.Sql;
using Millwright.Server.Persistence;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Records;

/// <summary>
/// Q2 of issue 16: a filter or sort on any typed field of any entity is served from that field's query index,
/// on the store under test (SQLite <c>EXPLAIN QUERY PLAN</c>; PostgreSQL <c>EXPLAIN</c> with sequential scans
/// and sorts priced out, so that a plan without a scan or a Sort step is one the indexes can serve).
/// </summary>
[Collection(RecordsCollection.Name)]
public sealed class QueryPlanTests(SharedHost shared)
{
    private static readonly RecordSchemas Schemas = RecordSchemas.Build();

    [Fact]
    public async Task EveryTypedField_FilterAndSort_ServedFromItsIndex()
    {
        await using var scope = shared.Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MillwrightDb>();
        var dialect = TestDatabases.UsesPostgres ? (ISqlDialect)PostgresDialect.Instance : SqliteDialect.Instance;
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        if (TestDatabases.UsesPostgres)
        {
            // PostgreSQL prices plans: on an empty table every index costs the same and the choice is arbitrary.
            // Rows with distinct values (and some nulls) and their statistics, rolled back with the transaction.
            foreach (var entity in EntityInfo.All)
            {
                await ExecuteAsync(connection, transaction, SeedSql(Schemas[entity.Entity]));
            }

            await ExecuteAsync(connection, transaction, "ANALYZE records; SET LOCAL enable_seqscan = off; SET LOCAL enable_sort = off; SET LOCAL enable_bitmapscan = off;");
        }

        var existing = await IndexNamesAsync(connection, transaction);
        var failures = new StringBuilder();
        var missing = QueryIndexes.Create(dialect, Schemas).Where(i => !existing.Contains(i.Name)).ToList();
        foreach (var (_, create) in missing)
        {
            failures.AppendLine($"missing (add it with a migration): {create};");
        }

        var checkedFields = 0;
        foreach (var entity in EntityInfo.All)
        {
            var schema = Schemas[entity.Entity];
            foreach (var field in schema.Fields.Where(QueryIndexes.Covers))
            {
                var index = QueryIndexes.Name(entity, field);
                if (missing.Any(m => m.Name == index))
                {
                    continue;
                }

                checkedFields++;
                var filter = $"filter[{field.Name}]={Uri.EscapeDataString(SampleValue(field))}&sort={field.Name}";
                foreach (var (label, statement, ordered) in Statements(dialect, schema, filter, orderedOnly: false)
                    .Concat(Statements(dialect, schema, $"sort={field.Name}", orderedOnly: true))
                    .Concat(Statements(dialect, schema, $"sort=-{field.Name}", orderedOnly: true)))
                {
                    var plan = await ExplainAsync(connection, transaction, statement);
                    // Rows without a deletion time are most rows; their part may read any index in id order.
                    var anyIndex = field.Name == "deleted_at" && label.EndsWith("(nulls)", StringComparison.Ordinal);
                    var problem = Problem(plan, anyIndex ? null : index, field, ordered);
                    if (problem is not null)
                    {
                        failures.AppendLine($"{entity.Path} {label}: {problem}\n  {statement.Text}\n  {plan.Replace("\n", "\n  ", StringComparison.Ordinal)}");
                    }
                }
            }
        }

        await transaction.RollbackAsync();
        Assert.True(failures.Length == 0, failures.ToString());
        Assert.True(checkedFields > 100, $"only {checkedFields} fields checked");
    }

    /// <summary>
    /// Q1 of issue 16, the list every integrator writes first: filters on two enums and a sort on a date, and the same
    /// with the default sort. Each page must come from walking the sort field's index (stopping when the page is full),
    /// not from reading every row a filter's index holds and sorting them, which SQLite chose by itself.
    /// </summary>
    [Theory]
    [InlineData("filter[status:in]=open,in_progress&filter[priority:gte]=high&sort=-due_at", "due_at")]
    [InlineData("filter[status]=open&sort=due_at", "due_at")]
    [InlineData("filter[status:in]=open,in_progress&filter[priority:gte]=high", "updated_at")]
    public async Task EnumFiltersWithASort_WalkTheSortIndex(string queryString, string sortField)
    {
        await using var scope = shared.Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MillwrightDb>();
        var dialect = TestDatabases.UsesPostgres ? (ISqlDialect)PostgresDialect.Instance : SqliteDialect.Instance;
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var schema = Schemas[Entity.WorkOrders];
        if (TestDatabases.UsesPostgres)
        {
            await ExecuteAsync(connection, transaction, SeedSql(schema));
            await ExecuteAsync(connection, transaction, "ANALYZE records; SET LOCAL enable_seqscan = off; SET LOCAL enable_sort = off; SET LOCAL enable_bitmapscan = off;");
        }

        var field = schema.Fields.Single(f => f.Name == sortField);
        var failures = new StringBuilder();
        foreach (var (label, statement, _) in Statements(dialect, schema, queryString, orderedOnly: true))
        {
            var plan = await ExplainAsync(connection, transaction, statement);
            if (Problem(plan, QueryIndexes.WalkName(dialect, schema.Info, field), field, ordered: true) is { } problem)
            {
                failures.AppendLine($"{label}: {problem}\n  {statement.Text}\n  {plan}");
            }
        }

        await transaction.RollbackAsync();
        Assert.True(failures.Length == 0, failures.ToString());
    }

    /// <summary>
    /// A date filter works when PostgreSQL runs it in parallel workers, as it does on a large table: the date function
    /// of the query indexes opens a subtransaction, which parallel workers refuse, so it must not be parallel safe.
    /// </summary>
    [PostgresFact]
    public async Task DateFilter_PlannedInParallel_Answers()
    {
        await using var scope = shared.Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MillwrightDb>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var schema = Schemas[Entity.WorkOrders];
        await ExecuteAsync(connection, transaction, SeedSql(schema));
        await ExecuteAsync(connection, transaction, "ANALYZE records; SET LOCAL parallel_setup_cost = 0; " +
            "SET LOCAL parallel_tuple_cost = 0; SET LOCAL min_parallel_table_scan_size = 0; SET LOCAL enable_indexscan = off; SET LOCAL enable_bitmapscan = off;");
        var (_, statement, _) = Statements(PostgresDialect.Instance, schema, "filter[due_at:gte]=2026-01-05T00:00:00Z", orderedOnly: false).First();

        await using var command = Command(connection, transaction, statement.Text, statement);
        var rows = 0;
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows++;
            }
        }

        await transaction.RollbackAsync();
        Assert.Equal(51, rows);
    }

    /// <summary>
    /// The query indexes the migrations froze are exactly those <see cref="QueryIndexes.Create"/> prints for the store:
    /// on PostgreSQL over the generated <c>doc</c> column (ADR 0033), not over <c>data::jsonb</c>, which the record
    /// queries no longer read; on SQLite carrying the walk filters (ADR 0035). Each printed index is built beside the
    /// stored one (rolled back) and their definitions compared as the store keeps them.
    /// </summary>
    [Fact]
    public async Task QueryIndexes_AsMigrated_AreThePrintedOnes()
    {
        await using var scope = shared.Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MillwrightDb>();
        var dialect = TestDatabases.UsesPostgres ? (ISqlDialect)PostgresDialect.Instance : SqliteDialect.Instance;
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var failures = new StringBuilder();
        var printed = QueryIndexes.Create(dialect, Schemas).ToList();
        foreach (var (name, create) in printed)
        {
            await ExecuteAsync(connection, transaction, create.Replace($"INDEX {name} ", $"INDEX {name}_printed ", StringComparison.Ordinal));
            var stored = await IndexDefinitionAsync(connection, transaction, name);
            var expected = (await IndexDefinitionAsync(connection, transaction, name + "_printed"))?.Replace($"{name}_printed", name, StringComparison.Ordinal);
            if (stored != expected)
            {
                failures.AppendLine($"{name}:\n  stored  {stored ?? "(missing)"}\n  printed {expected}");
            }
        }

        await transaction.RollbackAsync();
        Assert.True(failures.Length == 0, failures.ToString());
        var dueAt = printed.Single(i => i.Name == "ix_rq_work_orders_due_at").Create;
        if (TestDatabases.UsesPostgres)
        {
            Assert.Contains(printed, i => i.Create.Contains("(doc -> 'status')", StringComparison.Ordinal));
            Assert.DoesNotContain(printed, i => i.Create.Contains("data", StringComparison.Ordinal));
            Assert.DoesNotContain("deleted_at", dueAt, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains("id, deleted_at, ((CASE json_extract(data, '$.status') WHEN 'open' THEN 0", dueAt, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// Q1 of issue 16 on SQLite: a list that walks its sort's index (filters on enums and booleans only) tests those
    /// filters and <c>deleted_at</c> on the index entry, which carries them (ADR 0035), so its program calls no JSON
    /// function per row: it reads the row of a page's record only, not of every record it passes over. For each entity
    /// with such fields, each sort field but references and the default order, both directions, filtered on every one
    /// of them.
    /// </summary>
    [SqliteFact]
    public async Task WalkOfTheSortIndex_TestsItsFiltersOnTheIndexEntry()
    {
        await using var scope = shared.Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MillwrightDb>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var failures = new StringBuilder();
        var walks = 0;
        foreach (var entity in EntityInfo.All)
        {
            var schema = Schemas[entity.Entity];
            var filters = QueryIndexes.WalkFilters(schema).ToList();
            if (filters.Count == 0)
            {
                continue;
            }

            var filter = string.Join('&', filters.Select(f => $"filter[{f.Name}]={Uri.EscapeDataString(SampleValue(f))}"));
            var sorts = schema.Fields.Where(f => f.Source == FieldSource.Data && QueryIndexes.Covers(f) && QueryIndexes.CarriesWalkFilters(f))
                .SelectMany(f => new[] { f.Name, "-" + f.Name }).Append("updated_at").Append("-updated_at");
            foreach (var sort in sorts)
            {
                foreach (var (label, statement, _) in Statements(SqliteDialect.Instance, schema, $"{filter}&sort={sort}", orderedOnly: true))
                {
                    walks++;
                    var calls = await FunctionCallsAsync(connection, transaction, statement);
                    if (calls.Count > 0)
                    {
                        failures.AppendLine($"{entity.Path} {label}: calls {string.Join(", ", calls)} per row\n  {statement.Text}");
                    }
                }
            }
        }

        await transaction.RollbackAsync();
        Assert.True(failures.Length == 0, failures.ToString());
        Assert.True(walks > 50, $"only {walks} walks checked");
    }

    private static IEnumerable<(string Label, SqlStatement Statement, bool Ordered)> Statements(ISqlDialect dialect, EntitySchema schema, string queryString, bool orderedOnly)
    {
        var query = QueryParser.ParseList(schema, new QueryCollection(QueryHelpers.ParseQuery(queryString)));
        var keys = new RecordSql(dialect, "conn_plan").SortKeys(query.Sort);
        if (!RecordSql.SplitsNulls(keys))
        {
            yield return (queryString, new RecordSql(dialect, "conn_plan").List(schema.Info, query, keys, null), orderedOnly);
            yield break;
        }

        yield return ($"{queryString} (values)", new RecordSql(dialect, "conn_plan").List(schema.Info, query, keys, null, RecordSql.KeyRange.Values), orderedOnly);
        if (orderedOnly)
        {
            yield return ($"{queryString} (nulls)", new RecordSql(dialect, "conn_plan").List(schema.Info, query, keys, null, RecordSql.KeyRange.Nulls), true);
        }
    }

    /// <summary>Null when the plan reads the field's index and (when <paramref name="ordered"/>) needs no sort step.</summary>
    private static string? Problem(string plan, string? index, FieldDef field, bool ordered)
    {
        // A filter on the id is the primary key's business; SQLite serves remote_id from the model's unique index.
        var indexes = index is null ? [] : field.Name switch
        {
            "id" => [index, "PK_records", "sqlite_autoindex_records_1"],
            "remote_id" => [index, "IX_records_connection_id_entity_remote_id"],
            _ => new[] { index },
        };
        if (TestDatabases.UsesPostgres)
        {
            if (index is null ? !plan.Contains("Index", StringComparison.Ordinal) : !indexes.Any(i => System.Text.RegularExpressions.Regex.IsMatch(plan, $"using \"?{i}\"?( |$)", System.Text.RegularExpressions.RegexOptions.Multiline)))
            {
                return $"does not use {index ?? "an index"}";
            }

            return ordered && plan.Split('\n').Any(l => l.TrimStart(' ', '-', '>').StartsWith("Sort", StringComparison.Ordinal) || l.Contains("Incremental Sort", StringComparison.Ordinal))
                ? "sorts instead of reading the index in order"
                : plan.Contains("Seq Scan", StringComparison.Ordinal) ? "scans the table" : null;
        }

        if (index is null ? !plan.Contains("INDEX", StringComparison.Ordinal) : !indexes.Any(i => plan.Contains($"INDEX {i} ", StringComparison.Ordinal) || plan.EndsWith($"INDEX {i}", StringComparison.Ordinal) || plan.Contains($"INDEX {i}\n", StringComparison.Ordinal)))
        {
            return $"does not use {index}";
        }

        return ordered && plan.Contains("TEMP B-TREE", StringComparison.Ordinal) ? "sorts instead of reading the index in order" : null;
    }

    private static async Task<string> ExplainAsync(DbConnection connection, DbTransaction transaction, SqlStatement statement)
    {
        await using var command = Command(connection, transaction, (TestDatabases.UsesPostgres ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") + statement.Text, statement);
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            // SQLite: id, parent, notused, detail; PostgreSQL: one text column.
            lines.Add(reader.GetString(reader.FieldCount - 1));
        }

        return string.Join('\n', lines);
    }

    /// <summary><paramref name="text"/> (the statement, or a plan request for it) with the statement's parameters.</summary>
    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string text, SqlStatement statement)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = text;
        foreach (var (name, value) in statement.Parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static async Task<HashSet<string>> IndexNamesAsync(DbConnection connection, DbTransaction transaction)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = TestDatabases.UsesPostgres
            ? "SELECT indexname FROM pg_indexes WHERE tablename = 'records'"
            : "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'records'";
        var names = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static async Task<string?> IndexDefinitionAsync(DbConnection connection, DbTransaction transaction, string name)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = TestDatabases.UsesPostgres
            ? "SELECT indexdef FROM pg_indexes WHERE tablename = 'records' AND indexname = @name"
            : "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'records' AND name = @name";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@name";
        parameter.Value = name;
        command.Parameters.Add(parameter);
        // SQLite keeps a statement's text as it was run, with the line end the migration's SQL ends with.
        return ((string?)await command.ExecuteScalarAsync())?.TrimEnd();
    }

    /// <summary>The functions a SQLite statement's program calls (<c>EXPLAIN</c>: opcode and p4), e.g. <c>json_extract(-1)</c>.</summary>
    private static async Task<List<string>> FunctionCallsAsync(DbConnection connection, DbTransaction transaction, SqlStatement statement)
    {
        await using var command = Command(connection, transaction, "EXPLAIN " + statement.Text, statement);
        var calls = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            if (reader.GetString(1) is "Function" or "PureFunc")
            {
                calls.Add(reader.GetValue(5)?.ToString() ?? "?");
            }
        }

        return calls;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static string SeedSql(EntitySchema schema)
    {
        static string Time(string hours) => $"to_char(timestamp '2026-01-01' + ({hours}) * interval '1 hour', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')";
        var fields = schema.Fields.Where(f => f.Source == FieldSource.Data).Select(f =>
        {
            var value = f.Kind switch
            {
                FieldKind.Number => "g",
                FieldKind.Boolean => "g % 2 = 0",
                FieldKind.DateTime => Time("g"),
                FieldKind.Enum => $"(ARRAY[{string.Join(", ", f.EnumValues.Select(v => $"'{v}'"))}])[1 + g % {f.EnumValues.Count}]",
                FieldKind.StringArray => "jsonb_build_array('v' || g)",
                FieldKind.ObjectArray => "jsonb_build_array()",
                _ => "'v' || g",
            };
            return $"'{f.StorageName}', CASE WHEN g % 10 = 0 THEN NULL ELSE {value} END";
        });
        var path = schema.Info.Path;
        return "INSERT INTO records (id, connection_id, entity, remote_id, data, raw, raw_hash, created_at, updated_at, deleted_at, remote_created_at, remote_updated_at) " +
            $"SELECT 'plan_{path}_' || g, 'conn_plan', '{path}', 'r' || g, jsonb_build_object({string.Join(", ", fields)})::text, '{{}}', '', " +
            $"{Time("g")}::timestamptz, {Time("g + 1")}::timestamptz, CASE WHEN g % 20 = 0 THEN {Time("g")}::timestamptz END, " +
            $"CASE WHEN g % 10 <> 0 THEN {Time("g")}::timestamptz END, CASE WHEN g % 10 <> 0 THEN {Time("g")}::timestamptz END " +
            "FROM generate_series(1, 400) AS g";
    }

    private static string SampleValue(FieldDef field) => field.Kind switch
    {
        FieldKind.Number => "3",
        FieldKind.String => "v3",
        FieldKind.Boolean => "true",
        FieldKind.DateTime => "2026-01-05T08:00:00Z",
        FieldKind.Enum => field.EnumValues[^1],
        _ => "x",
    };
}
