namespace Millwright.Server.Features.Connections;

/// <summary>
/// Both stores keep times to the microsecond: times written here are truncated to that up front, so
/// what a create returns equals what a later read returns.
/// </summary>
internal static class StoreTime
{
    public static DateTimeOffset Now(TimeProvider time) => Truncate(time.GetUtcNow());

    public static DateTimeOffset Truncate(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % 10), TimeSpan.Zero);
}
