using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Millwright.Tests.Server.Cluster;

/// <summary>
/// Holds every request to a host that carries <see cref="Header"/> until the test calls <see cref="Release"/>: a
/// vendor call that answers exactly when the test wants it to (after a node got SIGTERM), however slow the machine.
/// Requests without the header pass at once.
/// </summary>
internal sealed class RequestGate
{
    public const string Header = "X-Test-Hold";

    private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int held;

    /// <summary>Requests with the header that reached the host (held, or passed once released).</summary>
    public int Held => Volatile.Read(ref held);

    /// <summary>Adds the gate in front of the host's endpoints.</summary>
    public void UseIn(WebApplication app) => app.Use(async (context, next) =>
    {
        if (context.Request.Headers.ContainsKey(Header))
        {
            Interlocked.Increment(ref held);
            await released.Task.WaitAsync(context.RequestAborted);
        }

        await next(context);
    });

    public void Release() => released.TrySetResult();
}
