using Millwright.Client.Errors;
using Millwright.Server.Features.Connections;
using Millwright.Server.Hosting;
using Millwright.Server.Hosting.Errors;

namespace Millwright.Tests.Server.Hosting;

public sealed class NewestFirstCursorTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Decode_OfEncodedWithSameQuery_ReturnsPosition()
    {
        var cursor = new NewestFirstCursor(At.AddTicks(1230), "conn_abc").Encode("active\nmaintainx");
        Assert.Equal(new NewestFirstCursor(At.AddTicks(1230), "conn_abc"), NewestFirstCursor.Decode(cursor, "active\nmaintainx"));
    }

    [Fact]
    public void Decode_OtherQuery_ThrowsInvalidCursor()
    {
        var cursor = new NewestFirstCursor(At, "conn_abc").Encode("active");
        var error = Assert.Throws<ApiException>(() => NewestFirstCursor.Decode(cursor, "syncing"));
        Assert.Equal(ErrorCodes.InvalidCursor, error.Code);
    }

    [Theory]
    [InlineData("not a cursor")]
    [InlineData("bm90fGF8Y3Vyc29y")]
    public void Decode_Garbage_ThrowsInvalidCursor(string cursor) =>
        Assert.Equal(ErrorCodes.InvalidCursor, Assert.Throws<ApiException>(() => NewestFirstCursor.Decode(cursor, "")).Code);

    [Theory]
    [InlineData(0)]
    [InlineData(501)]
    public void Limit_OutOfRange_ThrowsInvalidQueryParameter(int limit) =>
        Assert.Equal(ErrorCodes.InvalidQueryParameter, Assert.Throws<ApiException>(() => NewestFirstCursor.Limit(limit)).Code);
}
