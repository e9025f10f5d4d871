using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Millwright.Tests.Support;
using StandardWebhooks;

namespace Millwright.Tests.Server.Webhooks;

/// <summary>One request a receiver got, and what the StandardWebhooks library said about its signature.</summary>
internal sealed record ReceivedWebhook(string Id, string Timestamp, string Signature, string Body, string? VerificationError, int AnsweredWith)
{
    public bool Verified => VerificationError is null;
}

/// <summary>
/// A real HTTP receiver on loopback Kestrel. It verifies every request with the StandardWebhooks package
/// (against each of <see cref="Secrets"/>, each separately) and answers what <see cref="Respond"/> says.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedWebhook> received = new();
    private LoopbackHost? host;
    private int arrived;

    public Uri Url => new(host!.BaseAddress, "hooks");

    /// <summary>Secrets to verify with; a request verifies when each one of them verifies it.</summary>
    public IReadOnlyList<string> Secrets { get; set; } = [];

    /// <summary>Status code and headers to answer with (200 by default).</summary>
    public Func<int, (int Status, IReadOnlyDictionary<string, string>? Headers)> Respond { get; set; } = _ => (200, null);

    public IReadOnlyList<ReceivedWebhook> Received => [.. received];

    /// <summary>While set, a request waits for it before being answered (and listed in <see cref="Received"/>), even when its sender gives up.</summary>
    public Task? Hold { get; set; }

    /// <summary>Requests whose body was read, answered or not yet.</summary>
    public int Arrived => Volatile.Read(ref arrived);

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        receiver.host = await LoopbackHost.StartAsync(app => app.MapPost("/hooks", receiver.HandleAsync));
        return receiver;
    }

    /// <summary>Waits until <paramref name="count"/> requests matching <paramref name="predicate"/> arrived.</summary>
    public async Task<List<ReceivedWebhook>> WaitForAsync(Func<ReceivedWebhook, bool> predicate, int count = 1, TimeSpan? timeout = null)
    {
        var deadline = Environment.TickCount64 + (long)(timeout ?? TimeSpan.FromSeconds(60)).TotalMilliseconds;
        while (true)
        {
            var matching = received.Where(predicate).ToList();
            if (matching.Count >= count)
            {
                return matching;
            }

            if (Environment.TickCount64 > deadline)
            {
                throw new TimeoutException($"Got {matching.Count} of {count} webhooks ({received.Count} in all).");
            }

            await Task.Delay(25);
        }
    }

    private async Task HandleAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync();
        Interlocked.Increment(ref arrived);
        if (Hold is { } hold)
        {
            await hold;
        }

        string? error = Secrets.Count == 0 ? "no secret to verify with" : null;
        foreach (var secret in Secrets)
        {
            try
            {
                new StandardWebhook(secret).Verify(body, http.Request.Headers);
            }
            catch (Exception ex)
            {
                error = ex.Message;
            }
        }

        var (status, headers) = Respond(received.Count);
        received.Enqueue(new ReceivedWebhook(
            http.Request.Headers["webhook-id"].ToString(), http.Request.Headers["webhook-timestamp"].ToString(),
            http.Request.Headers["webhook-signature"].ToString(), body, error, status));
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            http.Response.Headers[name] = value;
        }

        http.Response.StatusCode = status;
        await http.Response.WriteAsync(status is >= 200 and < 300 ? "thanks" : "receiver says no");
    }

    public async ValueTask DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }
}
