namespace Millwright.Tests.Support;

/// <summary>
/// A test of SQLite's own behaviour (a plan or program only SQLite produces), run in the suite's SQLite pass and
/// skipped, visibly, in the PostgreSQL pass (<c>MILLWRIGHT_TEST_POSTGRES</c>).
/// </summary>
public sealed class SqliteFactAttribute : FactAttribute
{
    public SqliteFactAttribute()
    {
        if (TestDatabases.UsesPostgres)
        {
            Skip = "SQLite only: runs in test.sh's SQLite pass.";
        }
    }
}
