using Microsoft.EntityFrameworkCore;
using Millwright.Server.Features.Auth;
using Millwright.Server.Features.Connections;
using Millwright.Server.Persistence;

namespace Millwright.Tests.Server.Auth;

/// <summary>The caller lookup reads the connection row by hand (ADR 0027): it must read every column the model maps, or a new column would be silently lost.</summary>
public sealed class CallerLookupTests
{
    [Fact]
    public void ConnectionColumns_AreEveryColumnOfTheConnectionsTable()
    {
        using var db = new SqliteMillwrightDb(new DbContextOptionsBuilder<SqliteMillwrightDb>().UseSqlite("Data Source=:memory:").Options);
        var mapped = db.Model.FindEntityType(typeof(ConnectionRow))!.GetProperties().Select(p => p.GetColumnName()).Order(StringComparer.Ordinal);

        Assert.Equal(mapped, CallerLookup.ConnectionColumns.Order(StringComparer.Ordinal));
    }
}
