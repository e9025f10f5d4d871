using Microsoft.EntityFrameworkCore;
using Millwright.Client.Errors;
using Millwright.Server.Features.Auth;
using Millwright.Server.Features.RateLimits;
using Millwright.Server.Features.Sync;
using Millwright.Server.Hosting.Errors;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Connections;

/// <summary>Changes what an account may change about a connection: metadata, the sync interval and its inbound rate limit.</summary>
internal sealed partial class ConnectionUpdater(
    MillwrightDb db, ISyncScheduler scheduler, TimeProvider time, ILogger<ConnectionUpdater> logger)
{
    public async Task<ConnectionRow> UpdateAsync(Caller caller, string id, UpdateConnectionBody body, CancellationToken cancellationToken)
    {
        var row = await db.ConnectionsVisibleTo(caller).AsTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw ApiException.NotFound($"Connection '{id}'");

        var errors = new List<ErrorDetail>();
        var patch = ConnectionInput.ReadStrings(body.Metadata, "metadata", errors, allowNulls: true);
        var merged = new Dictionary<string, string?>(StoredMaps.ReadMap(row.MetadataJson).Select(p => KeyValuePair.Create(p.Key, (string?)p.Value)), StringComparer.Ordinal);
        foreach (var (key, value) in patch)
        {
            if (value is null)
            {
                merged.Remove(key);
            }
            else
            {
                merged[key] = value;
            }
        }

        var metadata = ConnectionInput.CheckMetadata(merged, errors);
        var interval = ConnectionInput.CheckSyncInterval(body.SyncIntervalMinutes ?? row.SyncIntervalMinutes, errors);
        var rateLimit = row.RateLimitPerMinute;
        if (body.RateLimitPerMinute is { } requested)
        {
            if (requested is < 0 or > RateLimitOptions.MaxPerMinute)
            {
                errors.Add(new ErrorDetail("rate_limit_per_minute", $"rate_limit_per_minute must be 1 to {RateLimitOptions.MaxPerMinute} (or 0 for the default)."));
            }
            else
            {
                rateLimit = requested == 0 ? null : requested;
            }
        }

        ConnectionInput.ThrowIfAny(errors);

        var rescheduled = interval != row.SyncIntervalMinutes;
        row.MetadataJson = StoredMaps.WriteMap(metadata);
        row.SyncIntervalMinutes = interval;
        row.RateLimitPerMinute = rateLimit;
        row.UpdatedAt = StoreTime.Now(time);
        await db.SaveChangesAsync(cancellationToken);
        if (rescheduled)
        {
            // Saved already: finish the reschedule even if the client hangs up.
            await scheduler.ScheduleAsync(row.Id, interval, CancellationToken.None);
            LogRescheduled(row.Id, interval);
        }

        return row;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connection {ConnectionId} now syncs every {Minutes} minutes")]
    private partial void LogRescheduled(string connectionId, int minutes);
}
