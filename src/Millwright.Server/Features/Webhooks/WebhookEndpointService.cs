using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Millwright.Client.Errors;
using Millwright.Client.Models;
using Millwright.Client.Webhooks;
using Millwright.Server.Features.Auth;
using Millwright.Server.Hosting;
using Millwright.Server.Hosting.Errors;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Webhooks;

/// <summary>
/// Webhook endpoints of the caller's account and environment: every rule about them (URL checks, event
/// filters, scoping) lives here, for <see cref="WebhookEndpointsApi"/> and the dashboard alike.
/// </summary>
internal sealed class WebhookEndpointService(
    MillwrightDb db, WebhookSecrets secrets, WebhookOutbox outbox, WebhookSignal signal, TimeProvider time, IOptions<WebhookOptions> options,
    IOptions<Millwright.Connectors.Http.UpstreamHttpOptions> upstream)
{
    private const int MaxGraceSeconds = 7 * 24 * 3600;

    /// <summary>The endpoint, tracked; 404 when it is not the caller's.</summary>
    public async Task<WebhookEndpointRow> FindAsync(Caller caller, string id, CancellationToken cancellationToken) =>
        await EndpointsOf(caller).FirstOrDefaultAsync(e => e.Id == id, cancellationToken)
            ?? throw ApiException.NotFound($"Webhook endpoint '{id}'");

    /// <summary>A new endpoint; the answer carries its signing secret, this once.</summary>
    public async Task<WebhookEndpoint> CreateAsync(Caller caller, CreateWebhookEndpointBody body, CancellationToken cancellationToken)
    {
        var url = await WebhookUrls.ValidateAsync(body.Url, caller.Environment, new(upstream.Value.AllowedAddresses), cancellationToken);
        var events = EventFilter.Normalize(body.Events);
        var description = CheckDescription(body.Description);
        if (body.ConnectionId is { } connectionId && !await db.ConnectionsVisibleTo(caller).AnyAsync(c => c.Id == connectionId, cancellationToken))
        {
            throw ApiException.Validation("connection_id", $"Connection '{connectionId}' does not exist in this environment.");
        }

        // Checked before the insert, not atomically with it: two racing creations may pass one over the cap,
        // which is harmless; the cap bounds fan-out, it is not a quota that is billed.
        var max = options.Value.MaxEndpointsPerAccount;
        if (await EndpointsOf(caller).CountAsync(cancellationToken) >= max)
        {
            throw LimitReached(max);
        }

        var now = time.GetUtcNow();
        var id = Ids.New(WebhookValues.EndpointPrefix);
        var secret = WebhookSecrets.NewSecret();
        var row = new WebhookEndpointRow
        {
            Id = id,
            AccountId = caller.AccountId,
            Environment = caller.Environment,
            Url = url,
            Description = description,
            Events = events,
            ConnectionId = body.ConnectionId,
            SecretCipher = secrets.Seal(id, secret),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.WebhookEndpoints.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return row.ToWire(secret);
    }

    public async Task<Page<WebhookEndpoint>> ListAsync(Caller caller, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var size = NewestFirstCursor.Limit(limit);
        var query = EndpointsOf(caller);
        if (NewestFirstCursor.Decode(cursor, "webhook-endpoints") is { } after)
        {
            query = query.Where(e => e.CreatedAt < after.CreatedAt || (e.CreatedAt == after.CreatedAt && string.Compare(e.Id, after.Id) < 0));
        }

        var rows = await query.OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id).Take(size + 1).ToListAsync(cancellationToken);
        var page = rows.Take(size).ToList();
        var next = rows.Count > size ? new NewestFirstCursor(page[^1].CreatedAt, page[^1].Id).Encode("webhook-endpoints") : null;
        return new Page<WebhookEndpoint>([.. page.Select(r => r.ToWire())], next);
    }

    public async Task<WebhookEndpoint> GetAsync(Caller caller, string id, CancellationToken cancellationToken) =>
        (await FindAsync(caller, id, cancellationToken)).ToWire();

    public async Task<WebhookEndpoint> UpdateAsync(Caller caller, string id, UpdateWebhookEndpointBody body, CancellationToken cancellationToken)
    {
        var row = await FindAsync(caller, id, cancellationToken);
        if (body.Url is not null)
        {
            row.Url = await WebhookUrls.ValidateAsync(body.Url, caller.Environment, new(upstream.Value.AllowedAddresses), cancellationToken);
        }

        if (body.Events is not null)
        {
            row.Events = EventFilter.Normalize(body.Events);
        }

        if (body.Description is not null)
        {
            row.Description = CheckDescription(body.Description);
        }

        if (body.Enabled is { } enabled && enabled != row.Enabled)
        {
            row.Enabled = enabled;
            row.DisabledReason = null;
            row.FailingSince = null;
        }

        row.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return row.ToWire();
    }

    /// <summary>Deletes the endpoint with its deliveries and attempts.</summary>
    public async Task DeleteAsync(Caller caller, string id, CancellationToken cancellationToken)
    {
        var row = await FindAsync(caller, id, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.WebhookAttempts.Where(a => db.WebhookDeliveries.Any(d => d.Id == a.DeliveryId && d.EndpointId == row.Id)).ExecuteDeleteAsync(cancellationToken);
        await db.WebhookDeliveries.Where(d => d.EndpointId == row.Id).ExecuteDeleteAsync(cancellationToken);
        await db.WebhookEndpoints.Where(e => e.Id == row.Id).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>A new signing secret (returned this once); the old one keeps signing for the grace period.</summary>
    public async Task<WebhookEndpoint> RotateSecretAsync(Caller caller, string id, int? gracePeriodSeconds, CancellationToken cancellationToken)
    {
        var row = await FindAsync(caller, id, cancellationToken);
        var grace = gracePeriodSeconds is { } seconds
            ? seconds is >= 0 and <= MaxGraceSeconds
                ? TimeSpan.FromSeconds(seconds)
                : throw ApiException.Validation("grace_period_seconds", $"grace_period_seconds must be between 0 and {MaxGraceSeconds}.")
            : options.Value.DefaultGracePeriod;
        var now = time.GetUtcNow();
        var secret = WebhookSecrets.NewSecret();
        row.PreviousSecretCipher = grace > TimeSpan.Zero ? row.SecretCipher : null;
        row.PreviousSecretExpiresAt = grace > TimeSpan.Zero ? now + grace : null;
        row.SecretCipher = secrets.Seal(row.Id, secret);
        row.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return row.ToWire(secret);
    }

    /// <summary>Stores a test event and queues its delivery to this endpoint only, now.</summary>
    public async Task<WebhookDelivery> SendTestAsync(Caller caller, string id, CancellationToken cancellationToken)
    {
        var endpoint = await FindAsync(caller, id, cancellationToken);
        if (!endpoint.Enabled)
        {
            throw Disabled(id);
        }

        var data = new WebhookTestData(endpoint.Id, "A test event from Millwright. Verify its signature and answer 2xx.");
        var events = await outbox.AddAsync(db, caller.AccountId, caller.Environment,
            [new NewEvent(WebhookEventTypes.WebhookEndpointTest, null, EventPayloads.Object(data))], cancellationToken);
        var delivery = outbox.NewDelivery(events[0], endpoint.Id, time.GetUtcNow());
        db.WebhookDeliveries.Add(delivery);
        await db.SaveChangesAsync(cancellationToken);
        signal.Notify();
        return delivery.ToWire([]);
    }

    /// <summary>409 <c>WEBHOOK_ENDPOINT_DISABLED</c>: nothing is sent to a disabled endpoint.</summary>
    public static ApiException Disabled(string id) =>
        new(StatusCodes.Status409Conflict, ErrorCodes.WebhookEndpointDisabled,
            $"Webhook endpoint '{id}' is disabled; enable it with PATCH {{\"enabled\": true}} first.");

    /// <summary>409 <c>LIMIT_REACHED</c>: the account already has <paramref name="max"/> endpoints in this environment.</summary>
    private static ApiException LimitReached(int max) =>
        new(StatusCodes.Status409Conflict, ErrorCodes.LimitReached,
            $"This account already has {max} webhook endpoints in this environment, the most allowed; delete one first.",
            details: [new ErrorDetail("webhook_endpoints", $"At most {max} webhook endpoints per account and environment.")]);

    private IQueryable<WebhookEndpointRow> EndpointsOf(Caller caller) =>
        db.WebhookEndpoints.Where(e => e.AccountId == caller.AccountId && e.Environment == caller.Environment);

    private static string? CheckDescription(string? description) => description is { Length: > 500 }
        ? throw ApiException.Validation("description", "description must be at most 500 characters.")
        : description;
}
