using System.Text;

namespace Millwright.Connectors.Http;

/// <summary>Removes secrets from anything that may be logged or shown: URLs and free text.</summary>
internal static class Redaction
{
    private const string Mask = "***";

    private static readonly string[] SensitiveNames =
    [
        "key", "apikey", "api_key", "api-key", "token", "access_token", "refresh_token", "id_token", "password", "pass",
        "pwd", "secret", "client_secret", "signature", "sig", "code", "auth", "authorization", "session", "sessionid",
    ];

    /// <summary>The URL without user info, with the values of sensitive query parameters masked.</summary>
    public static string Url(Uri? uri)
    {
        if (uri is null)
        {
            return "";
        }

        if (!uri.IsAbsoluteUri)
        {
            return uri.OriginalString.Split('?')[0];
        }

        var builder = new StringBuilder();
        builder.Append(uri.Scheme).Append("://").Append(uri.Host);
        if (!uri.IsDefaultPort)
        {
            builder.Append(':').Append(uri.Port);
        }

        builder.Append(uri.AbsolutePath);
        var query = uri.Query.TrimStart('?');
        if (query.Length > 0)
        {
            builder.Append('?');
            var first = true;
            foreach (var pair in query.Split('&'))
            {
                var name = pair.Split('=')[0];
                builder.Append(first ? "" : "&").Append(name);
                first = false;
                if (pair.Length > name.Length)
                {
                    var decoded = Uri.UnescapeDataString(name);
                    var sensitive = SensitiveNames.Any(s => decoded.Contains(s, StringComparison.OrdinalIgnoreCase));
                    builder.Append('=').Append(sensitive ? Mask : pair[(name.Length + 1)..]);
                }
            }
        }

        return builder.ToString();
    }

    /// <summary><paramref name="text"/> with every occurrence of each secret masked, cut to <paramref name="maxLength"/>.</summary>
    public static string Scrub(string text, IEnumerable<string> secrets, int maxLength = 300)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var secret in secrets)
        {
            // Very short values would mask ordinary words; credentials are never that short.
            if (secret.Length >= 4)
            {
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
            }
        }

        return text.Length <= maxLength ? text : string.Concat(text.AsSpan(0, maxLength), "…");
    }
}
