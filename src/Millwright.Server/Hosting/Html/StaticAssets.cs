using System.Collections.Frozen;
using System.Security.Cryptography;

namespace Millwright.Server.Hosting.Html;

/// <summary>
/// The pages' own stylesheet and scripts (<c>wwwroot/</c>), compiled into the assembly and served from
/// memory: no CDN, nothing fetched from elsewhere, and they are there however the server was started
/// (no content root needed). ETags let browsers revalidate cheaply.
/// </summary>
internal static class StaticAssets
{
    private static readonly FrozenDictionary<string, (byte[] Body, string Type, string ETag)> Files = Load();

    public static IEndpointRouteBuilder MapStaticAssets(this IEndpointRouteBuilder app, params string[] paths)
    {
        foreach (var path in paths)
        {
            var (body, type, etag) = Files[path];
            app.MapGet(path, (HttpContext http) =>
            {
                http.Response.Headers.ETag = etag;
                http.Response.Headers.CacheControl = "no-cache";
                http.Response.Headers.XContentTypeOptions = "nosniff";
                // connect.js is loaded by integrators' pages on other origins.
                http.Response.Headers["Cross-Origin-Resource-Policy"] = "cross-origin";
                return http.Request.Headers.IfNoneMatch == etag ? Results.StatusCode(StatusCodes.Status304NotModified) : Results.Bytes(body, type);
            }).ExcludeFromDescription();
        }

        return app;
    }

    private static FrozenDictionary<string, (byte[], string, string)> Load()
    {
        var assembly = typeof(StaticAssets).Assembly;
        var result = new Dictionary<string, (byte[], string, string)>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("wwwroot/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var body = copy.ToArray();
            var type = Path.GetExtension(name) switch
            {
                ".css" => "text/css; charset=utf-8",
                ".js" => "text/javascript; charset=utf-8",
                _ => "application/octet-stream",
            };
            result[name["wwwroot".Length..]] = (body, type, $"\"{Convert.ToHexStringLower(SHA256.HashData(body))[..16]}\"");
        }

        return result.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
