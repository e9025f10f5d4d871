using System.Net;
using System.Net.Sockets;

namespace Millwright.Server.Features.RateLimits;

/// <summary>
/// The client address that failure limits and the audit log are keyed by: the connection's remote address
/// (behind a proxy, the proxy must be configured to pass the client's; see docs/security.md). IPv4-mapped
/// IPv6 addresses count as their IPv4 address, and IPv6 clients by their /64 network, because one host
/// commonly holds a whole /64 and could otherwise change address at every attempt.
/// </summary>
internal static class ClientAddress
{
    public static string Of(HttpContext http)
    {
        var address = http.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6 || IPAddress.IsLoopback(address))
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
