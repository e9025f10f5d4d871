namespace Millwright.Server.Hosting;

/// <summary>
/// ASP.NET's own per-request log lines ("Request starting GET /connect/&lt;secret&gt;?code=…") carry paths and
/// query strings, and Connect paths hold session secrets. They are held at Warning in code, not only in
/// appsettings.json, so no configuration (or a missing appsettings file) brings them back; Millwright's request
/// log records calls with secrets masked instead (Features/RequestLogs).
/// </summary>
internal static class RequestLineLogging
{
    private static readonly string[] Categories =
    [
        "Microsoft.AspNetCore.Hosting.Diagnostics",
        "Microsoft.AspNetCore.HttpLogging",
        "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Http.Result",
        "Microsoft.AspNetCore.StaticFiles",
    ];

    public static ILoggingBuilder AddRequestLineFilters(this ILoggingBuilder logging)
    {
        foreach (var category in Categories)
        {
            logging.AddFilter(category, level => level >= LogLevel.Warning);
        }

        return logging;
    }
}
