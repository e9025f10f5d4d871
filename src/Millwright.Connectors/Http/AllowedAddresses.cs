namespace Millwright.Connectors.Http;

/// <summary>
/// Endpoints (<c>host:port</c>) an operator allows explicitly although the address policy refuses them: a
/// vendor system on the plant's private network, a local emulator. Matched on the URL's host and port as
/// written (case-insensitive; IPv6 in brackets), never on what a name resolves to, so an allowed entry cannot
/// be borrowed by another name that resolves to the same address.
/// </summary>
public sealed class AllowedAddresses
{
    private readonly HashSet<string> endpoints;

    public AllowedAddresses(IEnumerable<string>? entries)
    {
        endpoints = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in entries ?? [])
        {
            if (!string.IsNullOrWhiteSpace(entry))
            {
                endpoints.Add(Normalize(entry.Trim()));
            }
        }
    }

    public bool IsEmpty => endpoints.Count == 0;

    /// <summary>Whether <c>host:port</c> of <paramref name="uri"/> is allowed.</summary>
    public bool Contains(Uri uri) => uri.IsAbsoluteUri && Contains(uri.Host, uri.Port);

    public bool Contains(string host, int port) => endpoints.Count > 0 && endpoints.Contains(Key(host, port));

    /// <summary>True when every entry is <c>host:port</c> with a port of 1–65535.</summary>
    public static bool IsValid(IEnumerable<string>? entries) =>
        (entries ?? []).Where(e => !string.IsNullOrWhiteSpace(e)).All(e => Uri.TryCreate("http://" + e.Trim(), UriKind.Absolute, out var uri)
            && uri.AbsolutePath == "/" && uri.Query.Length == 0 && uri.UserInfo.Length == 0
            && e.Trim().EndsWith(":" + uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

    private static string Normalize(string entry) =>
        Uri.TryCreate("http://" + entry, UriKind.Absolute, out var uri) ? Key(uri.Host, uri.Port) : entry;

    private static string Key(string host, int port) => $"{host.Trim('[', ']')}:{port}";
}
