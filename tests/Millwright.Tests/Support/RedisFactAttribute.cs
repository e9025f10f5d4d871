namespace Millwright.Tests.Support;

/// <summary>
/// A test that needs the real redis-server test.sh starts (<c>MILLWRIGHT_TEST_REDIS</c>, e.g. <c>127.0.0.1:56379</c>).
/// Skipped, visibly, only when the variable is absent (a local run without test.sh); test.sh always sets it.
/// </summary>
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            Skip = "MILLWRIGHT_TEST_REDIS is not set: run ./test.sh, or scripts/redis.sh and export its output.";
        }
    }

    public static string? ConnectionString => Environment.GetEnvironmentVariable("MILLWRIGHT_TEST_REDIS");
}
