using System.Security.Cryptography;

namespace Millwright.Server.Hosting;

/// <summary>
/// Ids of stored objects: a type prefix and 20 random characters (~119 bits), e.g. <c>conn_…</c>, <c>tok_…</c>.
/// Random rather than sequential, so that an id reveals neither how many objects exist nor which comes next.
/// </summary>
public static class Ids
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string New(string prefix) => $"{prefix}_{RandomNumberGenerator.GetString(Alphabet, 20)}";
}
