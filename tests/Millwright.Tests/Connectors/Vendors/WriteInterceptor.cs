using System.Collections.Concurrent;

namespace Millwright.Tests.Connectors.Vendors;

/// <summary>
/// The innermost handler of a vendor client in write tests: records each call (<c>METHOD path</c>) and lets a test act at the
/// moment a request leaves (change the record meanwhile, drop the CSRF session, inject a fault) or after the system answered
/// (hold the answer back, as a system that applied a write but did not answer in time).
/// </summary>
internal sealed class WriteInterceptor : DelegatingHandler
{
    public ConcurrentQueue<string> Calls { get; } = new();

    /// <summary>Runs before a request is sent; returns nothing.</summary>
    public Func<HttpRequestMessage, Task>? Before { get; set; }

    /// <summary>Runs after the system answered, before the answer reaches the connector.</summary>
    public Func<HttpRequestMessage, HttpResponseMessage, CancellationToken, Task>? After { get; set; }

    public int Count(string method) => Calls.Count(c => c.StartsWith(method + " ", StringComparison.Ordinal));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"{request.Method} {request.RequestUri!.AbsolutePath}");
        if (Before is { } before)
        {
            await before(request);
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (After is { } after)
        {
            await after(request, response, cancellationToken);
        }

        return response;
    }
}
