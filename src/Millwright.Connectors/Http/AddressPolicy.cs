using System.Net;
using System.Net.Sockets;

namespace Millwright.Connectors.Http;

/// <summary>
/// Which IP addresses a connection may reach. Customer-supplied URLs must never reach Millwright's own
/// network: private, link-local (cloud metadata at 169.254.169.254), multicast, reserved and unspecified
/// addresses are refused; loopback only for <c>test</c> connections (the sandbox runs there).
/// </summary>
internal static class AddressPolicy
{
    public static bool IsAllowed(IPAddress address, bool allowLoopback)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address))
        {
            return allowLoopback;
        }

        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => IsPublicV4(address.GetAddressBytes()),
            AddressFamily.InterNetworkV6 => IsPublicV6(address, allowLoopback),
            _ => false,
        };
    }

    private static bool IsPublicV4(byte[] b) => b switch
    {
        [0, ..] => false,                                   // "this network"
        [10, ..] => false,                                  // private
        [100, >= 64 and <= 127, ..] => false,               // carrier-grade NAT
        [127, ..] => false,                                 // loopback (handled above)
        [169, 254, ..] => false,                            // link-local, cloud metadata
        [172, >= 16 and <= 31, ..] => false,                // private
        [192, 0, 0, _] => false,                            // IETF protocol assignments
        [192, 168, ..] => false,                            // private
        [198, 18 or 19, ..] => false,                       // benchmarking
        [>= 224, ..] => false,                              // multicast, reserved, broadcast
        _ => true,
    };

    private static bool IsPublicV6(IPAddress address, bool allowLoopback)
    {
        if (address.Equals(IPAddress.IPv6Any) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal
            || address.IsIPv6Multicast || address.IsIPv6UniqueLocal)
        {
            return false;
        }

        var b = address.GetAddressBytes();

        // ::/96 (IPv4-compatible, deprecated: [::127.0.0.1], [::10.0.0.1], [::169.254.169.254]) and
        // ::ffff:0:0/96 (IPv4-translated, [::ffff:0:a00:1] = 10.0.0.1): some stacks route them to the IPv4
        // address inside, and no public service is reached that way, so they are refused outright. So are
        // 64:ff9b:1::/48 (local-use NAT64), 100::/64 (discard) and 2001:db8::/32 (documentation).
        if (b.AsSpan(0, 8).IndexOfAnyExcept((byte)0) < 0 && ((b[8] == 0 && b[9] == 0 && b[10] == 0 && b[11] == 0)
            || (b[8] == 0xff && b[9] == 0xff && b[10] == 0 && b[11] == 0)))
        {
            return false;
        }

        if ((b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b[4] == 0x00 && b[5] == 0x01)
            || (b[0] == 0x01 && b[1] == 0x00 && b.AsSpan(2, 6).IndexOfAnyExcept((byte)0) < 0)
            || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8))
        {
            return false;
        }

        // Addresses that embed an IPv4 address (NAT64 64:ff9b::/96, 6to4 2002::/16) are judged by it.
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b)
        {
            return IsAllowed(new IPAddress(b.AsSpan(12, 4)), allowLoopback);
        }

        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return IsAllowed(new IPAddress(b.AsSpan(2, 4)), allowLoopback);
        }

        return true;
    }
}

/// <summary>The host resolved only to addresses Millwright refuses to call.</summary>
internal sealed class UpstreamAddressBlockedException(string host)
    : Exception($"'{host}' resolves to a private, link-local or otherwise internal network address, which Millwright does not call.")
{
    public string Host { get; } = host;
}
