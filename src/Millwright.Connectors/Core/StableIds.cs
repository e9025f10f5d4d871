using System.Security.Cryptography;
using System.Text;
using Millwright.Client.Models;

namespace Millwright.Connectors.Core;

/// <summary>
/// Millwright record ids are derived, not allocated: hash(connection, entity, remote id). The same
/// remote record therefore always gets the same id, and a mapping can fill a reference
/// (<c>asset_id</c>) without looking the referenced record up or waiting for it to be synced.
/// </summary>
public static class StableIds
{
    public static string For(string connectionId, Entity entity, string remoteId)
    {
        var info = EntityInfo.Of(entity);
        var input = Encoding.UTF8.GetBytes($"{connectionId}\n{info.Path}\n{remoteId}");
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        // 96 bits: collisions within one connection are not a practical concern.
        return $"{info.IdPrefix}_{Convert.ToHexStringLower(hash[..12])}";
    }
}
