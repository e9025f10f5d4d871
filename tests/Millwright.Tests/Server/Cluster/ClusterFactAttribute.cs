namespace Millwright.Tests.Server.Cluster;

/// <summary>A test that runs a cluster of server processes on the real PostgreSQL and Redis test.sh starts; skipped, visibly, without them.</summary>
public sealed class ClusterFactAttribute : FactAttribute
{
    public ClusterFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("MILLWRIGHT_TEST_POSTGRES"))
            || string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("MILLWRIGHT_TEST_REDIS")))
        {
            Skip = "MILLWRIGHT_TEST_POSTGRES and MILLWRIGHT_TEST_REDIS are not both set: run ./test.sh, or scripts/postgres.sh and scripts/redis.sh and export their output.";
        }
    }
}
