using Millwright.Connectors.Core;

namespace Millwright.Tests.Connectors.Core;

public sealed class PagingCursorTests
{
    [Fact]
    public void Advance_SameVendorCursorAgain_IsDetected()
    {
        var first = PagingCursor.Start(null).Advance("abc")!;

        Assert.Null(first.Advance("abc"));
    }

    [Theory]
    [InlineData(2, 3)]
    [InlineData(5, 20)]
    [InlineData(40, 100)]
    [InlineData(300, 7)]
    public void Advance_LongCycle_IsDetectedWithinAFewLaps(int prefix, int cycle)
    {
        var cursor = PagingCursor.Start(null);
        for (var step = 0; step < prefix + (4 * cycle) + 64; step++)
        {
            var vendor = step < prefix ? $"p{step}" : $"c{(step - prefix) % cycle}";
            var next = PagingCursor.Decode(cursor.Encode())!.Advance(vendor);
            if (next is null)
            {
                Assert.True(step >= prefix + cycle, "a repeat was reported before any cursor repeated");
                return;
            }

            cursor = next;
        }

        Assert.Fail("the cycle was not detected");
    }

    [Fact]
    public void Advance_DistinctCursors_NeverReportARepeat_AndStaySmall()
    {
        var cursor = PagingCursor.Start(DateTimeOffset.UnixEpoch);
        for (var i = 0; i < 10_000; i++)
        {
            cursor = cursor.Advance($"page-{i}")!;
            Assert.NotNull(cursor);
        }

        Assert.InRange(cursor.Encode().Length, 1, 600);
        Assert.Equal(10_000, cursor.Page);
        Assert.Equal(DateTimeOffset.UnixEpoch, PagingCursor.Decode(cursor.Encode())!.ModifiedSince);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64 !!")]
    [InlineData("e30")]
    [InlineData("bm90IGpzb24")]
    public void Decode_Foreign_ReturnsNullOrEmptyState(string text)
    {
        var cursor = PagingCursor.Decode(text);

        Assert.True(cursor is null || cursor.Vendor is null);
    }
}
