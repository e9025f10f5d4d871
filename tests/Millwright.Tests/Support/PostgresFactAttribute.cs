namespace Millwright.Tests.Support;

/// <summary>
/// A test of PostgreSQL's own behaviour, run in the suite's PostgreSQL pass (<c>MILLWRIGHT_TEST_POSTGRES</c>, which
/// test.sh sets for it) and skipped, visibly, in the SQLite pass.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (!TestDatabases.UsesPostgres)
        {
            Skip = "PostgreSQL only: runs in test.sh's PostgreSQL pass (MILLWRIGHT_TEST_POSTGRES).";
        }
    }
}
