using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Millwright.Server.Features.Secrets;

namespace Millwright.Server.Hosting.Modules;

/// <summary>
/// Names and secrets of the accounts' own sandboxes (issue 20, item 4; ADR 0026). An account's tenant id is its
/// account id and a tag, <c>acct_….&lt;tag&gt;</c>, where the tag is an HMAC under a key derived from the installation's
/// encryption key: every node derives the same names and secrets, nothing is stored, and a made-up tenant id is
/// recognised without a store lookup (so no request can make the server build a sandbox for an account that
/// does not hold that id). Each vendor of a tenant accepts only its own derived secret, and the tenant's fault
/// knobs only its control key.
/// </summary>
internal sealed class SandboxTenants(CredentialProtector protector)
{
    /// <summary>Hex characters of a tenant id's tag (64 bits).</summary>
    private const int TagLength = 16;

    private readonly byte[] key = protector.DeriveKey("sandbox-tenants");

    /// <summary>The tenant id of <paramref name="accountId"/>, a path segment: <c>/sandbox/&lt;tenant&gt;/&lt;vendor&gt;/</c>.</summary>
    public string TenantOf(string accountId) => $"{accountId}.{Derive("tenant", accountId, TagLength)}";

    /// <summary>
    /// True when <paramref name="segment"/> is a tenant id this installation issued (its tag checks out, in any
    /// case); <paramref name="tenant"/> is then that id as issued.
    /// </summary>
    public bool IsTenant(string segment, [NotNullWhen(true)] out string? tenant)
    {
        tenant = null;
        var dot = segment.LastIndexOf('.');
        if (dot <= 0 || segment.Length - dot - 1 != TagLength)
        {
            return false;
        }

        var issued = TenantOf(segment[..dot]);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(issued), Encoding.ASCII.GetBytes(segment[..dot] + segment[dot..].ToLowerInvariant())))
        {
            return false;
        }

        tenant = issued;
        return true;
    }

    /// <summary>
    /// The only credential <paramref name="tenant"/>'s sandbox of <paramref name="systemId"/> accepts (API key,
    /// password or signing key, by vendor): 40 hex characters, the shape of an Odoo API key.
    /// </summary>
    public string SecretOf(string tenant, string systemId) => Derive("secret:" + systemId, tenant, 40);

    /// <summary>The bearer key of <paramref name="tenant"/>'s fault and control endpoints (<c>…/_sandbox/…</c>).</summary>
    public string ControlKeyOf(string tenant) => "sbx_" + Derive("control", tenant, 40);

    /// <summary>The tenant's mount of <paramref name="module"/> under <paramref name="baseUrl"/> (ending in <c>/</c>).</summary>
    public static Uri MountUrl(Uri baseUrl, string tenant, VendorModule module) =>
        new(baseUrl, $"sandbox/{tenant}/{module.SandboxSegment}/");

    /// <summary>Reads <c>/sandbox/&lt;tenant&gt;/&lt;segment&gt;/…</c>; the tenant is not verified here.</summary>
    public static bool TryReadPath(PathString path, [NotNullWhen(true)] out string? tenant, [NotNullWhen(true)] out string? segment)
    {
        tenant = segment = null;
        var value = path.Value;
        if (value is null || !value.StartsWith("/sandbox/", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var parts = value.Split('/', 5);
        if (parts.Length < 4 || !parts[2].Contains('.', StringComparison.Ordinal) || parts[3].Length == 0)
        {
            return false;
        }

        (tenant, segment) = (parts[2], parts[3]);
        return true;
    }

    private string Derive(string purpose, string value, int length) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{purpose}|{value}")))[..length];
}
