using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Millwright.Client.Errors;
using Millwright.Server.Hosting.Errors;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Writes;

/// <summary>A stored answer to replay.</summary>
internal sealed record StoredAnswer(int Status, string Body, string? Location);

/// <summary>
/// <c>Idempotency-Key</c> per account and environment for 24 hours, in the store so that every node sees it.
/// <see cref="ClaimAsync"/> inserts the key first: of two concurrent requests (on any nodes) the primary key lets one
/// insert win and call the system; the other waits for its answer and replays it. Answers that should not stick
/// (throttling, outages, unknown outcomes, refusals before the call) release the key so that a retry runs again.
/// Own DbContext scope: a failed insert must not poison the request's context.
/// </summary>
internal sealed class IdempotencyKeys(IServiceScopeFactory scopes, TimeProvider time)
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const int MaxKeyLength = 255;
    private const string Running = "running";
    private const string Done = "done";
    private static readonly TimeSpan Retention = TimeSpan.FromHours(24);
    private static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);
    private const int MaxPolls = 300;

    public static string HashOf(string connectionId, string method, string path, string body) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', connectionId, method, path, body))));

    /// <summary>Null when this request owns the key now; the first answer when one was stored.</summary>
    /// <exception cref="ApiException"><c>IDEMPOTENCY_KEY_REUSED</c>, or <c>IDEMPOTENCY_KEY_IN_USE</c> when the owner takes too long.</exception>
    public async Task<StoredAnswer?> ClaimAsync(string accountId, string environment, string key, string hash, CancellationToken cancellationToken)
    {
        for (var poll = 0; poll < MaxPolls; poll++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MillwrightDb>();
            var now = time.GetUtcNow();
            db.IdempotencyKeys.Add(new IdempotencyKeyRow
            {
                AccountId = accountId,
                Environment = environment,
                Key = key,
                RequestHash = hash,
                State = Running,
                CreatedAt = now,
                ExpiresAt = now + Retention,
                LockedUntil = now + ClaimLease,
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                if (Random.Shared.Next(64) == 0)
                {
                    // Expired keys are swept now and then by the writers, so the table holds about one day of keys.
                    await db.IdempotencyKeys.Where(k => k.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
                }

                return null;
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
            }

            var existing = await db.IdempotencyKeys.AsNoTracking()
                .FirstOrDefaultAsync(k => k.AccountId == accountId && k.Environment == environment && k.Key == key, cancellationToken);
            if (existing is null)
            {
                continue;
            }

            if (existing.ExpiresAt <= now)
            {
                await db.IdempotencyKeys.Where(k => k.AccountId == accountId && k.Environment == environment && k.Key == key && k.ExpiresAt <= now)
                    .ExecuteDeleteAsync(cancellationToken);
                continue;
            }

            if (existing.RequestHash != hash)
            {
                throw new ApiException(StatusCodes.Status422UnprocessableEntity, ErrorCodes.IdempotencyKeyReused,
                    $"The Idempotency-Key was used within the last 24 hours for a request with another method, path or body; use a new key for a new request.",
                    details: [new ErrorDetail(Header, "used for another request")]);
            }

            if (existing.State == Done)
            {
                return new StoredAnswer(existing.ResponseStatus ?? StatusCodes.Status200OK, existing.ResponseBody ?? "", existing.ResponseLocation);
            }

            if (existing.LockedUntil <= now)
            {
                // The owner's node died mid-request: take the claim over, if no one else did first.
                var taken = await db.IdempotencyKeys
                    .Where(k => k.AccountId == accountId && k.Environment == environment && k.Key == key && k.State == Running && k.LockedUntil == existing.LockedUntil)
                    .ExecuteUpdateAsync(s => s.SetProperty(k => k.LockedUntil, now + ClaimLease), cancellationToken);
                if (taken == 1)
                {
                    return null;
                }
            }

            await Task.Delay(Poll, cancellationToken);
        }

        throw new ApiException(StatusCodes.Status409Conflict, ErrorCodes.IdempotencyKeyInUse,
            "A request with this Idempotency-Key is still being processed; retry with the same key to get its answer.", retryAfterSeconds: 1);
    }

    /// <summary>Stores the owner's answer for replay.</summary>
    public async Task CompleteAsync(string accountId, string environment, string key, StoredAnswer answer, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MillwrightDb>();
        await db.IdempotencyKeys.Where(k => k.AccountId == accountId && k.Environment == environment && k.Key == key)
            .ExecuteUpdateAsync(s => s
                .SetProperty(k => k.State, Done)
                .SetProperty(k => k.ResponseStatus, answer.Status)
                .SetProperty(k => k.ResponseBody, answer.Body)
                .SetProperty(k => k.ResponseLocation, answer.Location), cancellationToken);
    }

    /// <summary>Gives the key up, so that a retry with it runs again.</summary>
    public async Task ReleaseAsync(string accountId, string environment, string key)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MillwrightDb>();
        // Not the request's token: a caller that hung up must not leave its key claimed.
        await db.IdempotencyKeys.Where(k => k.AccountId == accountId && k.Environment == environment && k.Key == key && k.State == Running)
            .ExecuteDeleteAsync(CancellationToken.None);
    }
}
