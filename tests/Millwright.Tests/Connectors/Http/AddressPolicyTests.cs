using System.Net;
using Millwright.Connectors.Http;

namespace Millwright.Tests.Connectors.Http;

public sealed class AddressPolicyTests
{
    [Theory]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("fe80::1")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("ff02::1")]
    [InlineData("::")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    [InlineData("2002:0a00:0001::1")]
    [InlineData("::127.0.0.1")]
    [InlineData("::10.0.0.1")]
    [InlineData("::169.254.169.254")]
    [InlineData("::ffff:0:a00:1")]
    [InlineData("::ffff:0:7f00:1")]
    [InlineData("64:ff9b:1::a00:1")]
    public void IsAllowed_InternalAddress_IsRefusedEvenForTest(string address)
    {
        Assert.False(AddressPolicy.IsAllowed(IPAddress.Parse(address), allowLoopback: true));
        Assert.False(AddressPolicy.IsAllowed(IPAddress.Parse(address), allowLoopback: false));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    public void IsAllowed_Loopback_OnlyForTestConnections(string address)
    {
        Assert.True(AddressPolicy.IsAllowed(IPAddress.Parse(address), allowLoopback: true));
        Assert.False(AddressPolicy.IsAllowed(IPAddress.Parse(address), allowLoopback: false));
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("2606:4700:4700::1111")]
    public void IsAllowed_PublicAddress_IsAllowed(string address)
    {
        Assert.True(AddressPolicy.IsAllowed(IPAddress.Parse(address), allowLoopback: false));
    }

    [Fact]
    public async Task ConnectAsync_LiveToLoopback_IsBlockedBeforeAnySocketOpens()
    {
        await Assert.ThrowsAsync<UpstreamAddressBlockedException>(() =>
            GuardedPrimaryHandler.ConnectAsync(new DnsEndPoint("127.0.0.1", 9), allowLoopback: false, CancellationToken.None).AsTask());
        await Assert.ThrowsAsync<UpstreamAddressBlockedException>(() =>
            GuardedPrimaryHandler.ConnectAsync(new DnsEndPoint("localhost", 9), allowLoopback: false, CancellationToken.None).AsTask());
    }
}
