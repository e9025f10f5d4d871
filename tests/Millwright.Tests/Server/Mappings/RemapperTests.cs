using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Millwright.Connectors.Core;
using Millwright.Connectors.Mapping;
using Millwright.Server.Features.Mappings;
using Millwright.Server.Persistence;

namespace Millwright.Tests.Server.Mappings;

/// <summary>The re-map behind a mapping change, on the store's own connection.</summary>
public sealed class RemapperTests(MappingsFixture fixture) : IClassFixture<MappingsFixture>
{
    /// <summary>
    /// The re-map enlarges SQLite's page cache for its transaction only: the connection goes back to the pool
    /// with the size it had, or every pooled connection that ever re-mapped would keep up to 128 MiB of pages.
    /// </summary>
    [Fact]
    public async Task ChangeFieldMappings_Sqlite_ConnectionKeepsItsPageCacheSize()
    {
        var connectionId = await fixture.SyncedConnectionAsync();
        await using var scope = fixture.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MillwrightDb>();
        // Opened here, so the context keeps the connection (and its settings) across the change's transaction.
        await db.Database.OpenConnectionAsync();
        var before = db.StoresTimesAsNumbers ? await PlainCommands.SqlitePragmaAsync(db, "cache_size", CancellationToken.None) : null;
        var connection = await db.Connections.AsNoTracking().SingleAsync(c => c.Id == connectionId);
        var connector = scope.ServiceProvider.GetRequiredService<ConnectorRegistry>().Find(connection.System)!;

        var (row, _) = await scope.ServiceProvider.GetRequiredService<MappingChanger>().ChangeAsync(
            connection, connector, "patch",
            current => Task.FromResult((current.Overrides.Patch(new Dictionary<string, Dictionary<string, string?>?>
            {
                ["work-orders"] = new() { ["title"] = "concat('#', sequentialId | string)" },
            }), (int?)null)),
            "req_test", CancellationToken.None);

        Assert.NotNull(row);
        Assert.True(row.RemappedRecords > 0);
        if (db.StoresTimesAsNumbers)
        {
            Assert.Equal(before, await PlainCommands.SqlitePragmaAsync(db, "cache_size", CancellationToken.None));
            Assert.NotEqual(-Remapper.SqliteCacheKiB, before);
        }
    }
}
