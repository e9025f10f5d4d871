using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Cluster;

/// <summary>One POST the receiver got: the event id (<c>webhook-id</c>), when it arrived, when it ended and how.</summary>
internal sealed class ReceivedPost(string eventId, DateTimeOffset arrived)
{
    public string EventId { get; } = eventId;

    public DateTimeOffset Arrived { get; } = arrived;

    /// <summary>When the answer was written, or when the sender went away (its node was killed).</summary>
    public DateTimeOffset? Ended { get; set; }

    /// <summary>Status answered; null when the sender disconnected before the answer.</summary>
    public int? AnsweredWith { get; set; }
}

/// <summary>
/// A webhook receiver on loopback that takes <see cref="AnswerDelay"/> to answer each POST, so that deliveries are
/// in flight long enough to kill a node in the middle of them, and records every POST. The first POST of every
/// fifth event it sees is answered 500, so some deliveries are retried: a retry is a new attempt, not a duplicate.
/// </summary>
internal sealed class SlowWebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedPost> received = new();
    private readonly HashSet<string> seen = new(StringComparer.Ordinal);
    private LoopbackHost? host;

    public TimeSpan AnswerDelay { get; init; } = TimeSpan.FromSeconds(1);

    public Uri BaseAddress => host!.BaseAddress;

    public Uri Url => new(host!.BaseAddress, "hooks");

    public IReadOnlyList<ReceivedPost> Received => [.. received];

    /// <summary>Event ids of the POSTs waiting for their answer that arrived less than <paramref name="age"/> ago.</summary>
    public HashSet<string> InFlightSince(TimeSpan age)
    {
        var since = TimeProvider.System.GetUtcNow() - age;
        return [.. received.Where(p => p.Ended is null && p.Arrived > since).Select(p => p.EventId)];
    }

    public static async Task<SlowWebhookReceiver> StartAsync(TimeSpan answerDelay)
    {
        var receiver = new SlowWebhookReceiver { AnswerDelay = answerDelay };
        // Allowed explicitly through the nodes' settings (Millwright:Upstream:AllowedAddresses), as an operator would.
        receiver.host = await LoopbackHost.StartAsync(app => app.MapPost("/hooks", receiver.HandleAsync), allowed: false);
        return receiver;
    }

    private async Task HandleAsync(HttpContext http)
    {
        var post = new ReceivedPost(http.Request.Headers["webhook-id"].ToString(), TimeProvider.System.GetUtcNow());
        received.Enqueue(post);
        try
        {
            using var reader = new StreamReader(http.Request.Body);
            await reader.ReadToEndAsync(http.RequestAborted);
            bool fail;
            lock (seen)
            {
                fail = seen.Add(post.EventId) && seen.Count % 5 == 0;
            }

            await Task.Delay(AnswerDelay, http.RequestAborted);
            var status = fail ? StatusCodes.Status500InternalServerError : StatusCodes.Status200OK;
            http.Response.StatusCode = status;
            post.AnsweredWith = status;
            await http.Response.WriteAsync(fail ? "not now" : "thanks", http.RequestAborted);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The sending node died (kill -9): no answer.
            post.AnsweredWith = null;
        }
        finally
        {
            post.Ended = TimeProvider.System.GetUtcNow();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }
}
