using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Millwright.Client.Errors;
using Millwright.Client.Models;
using Millwright.Client.Sync;
using Millwright.Connectors.Core;
using Millwright.Connectors.Mapping;
using Millwright.Server.Features.Connections;
using Millwright.Server.Hosting.Telemetry;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Sync;

internal sealed partial class SyncEngine
{
    /// <summary>Attempts a page write again after another writer inserted one of its records first (PostgreSQL).</summary>
    private const int WriteAttempts = 3;

    /// <summary>Reads every entity; returns why the run had to stop early, or null when it got to the end.</summary>
    private async Task<RunAbort?> SyncConnectionAsync(RunState run, ConnectionRow connection, CancellationTokenSource lease)
    {
        Activity.Current?.SetTag(MillwrightTelemetry.SystemTag, connection.System);
        Activity.Current?.SetTag(MillwrightTelemetry.ConnectionIdTag, connection.Id);
        var connector = connectors.Find(connection.System);
        if (connector is null)
        {
            return new RunAbort(ErrorCodes.UnknownSystem, $"Millwright has no connector for the system '{connection.System}'.", ConnectionStatus.Degraded);
        }

        ConnectionContext context;
        try
        {
            context = protector.ContextFor(connection);
        }
        catch (CryptographicException)
        {
            return new RunAbort(ErrorCodes.InternalError,
                "The connection's credentials cannot be decrypted with this installation's key; supply them again.", ConnectionStatus.ReauthRequired);
        }

        foreach (var info in EntityInfo.All)
        {
            if (connector.Descriptor.Capabilities.GetValueOrDefault(info.Entity) is not { Read: true } capabilities)
            {
                continue;
            }

            if (!connector.DefaultMappings.TryGetValue(info.Entity, out var mapping))
            {
                run.AddError(info.Path, SyncErrorCodes.MappingInvalid, $"The connector offers {info.Path} but has no field mapping for it.");
                continue;
            }

            var abort = await SyncEntityAsync(run, connector, context, info, mapping, capabilities, lease);
            if (abort is not null)
            {
                return abort;
            }
        }

        return null;
    }

    private async Task<RunAbort?> SyncEntityAsync(
        RunState run, IConnector connector, ConnectionContext context, EntityInfo info, EntityMapping mapping,
        EntityCapabilities capabilities, CancellationTokenSource lease)
    {
        var cancellationToken = lease.Token;
        var o = options.Value;
        SyncCheckpointRow? checkpoint;
        using (var activity = MillwrightTelemetry.Store.StartActivity("store read checkpoint"))
        await using (var scope = scopes.CreateAsyncScope())
        {
            activity?.SetTag(MillwrightTelemetry.EntityTag, info.Path);
            checkpoint = await scope.ServiceProvider.GetRequiredService<MillwrightDb>().SyncCheckpoints.AsNoTracking()
                .FirstOrDefaultAsync(c => c.ConnectionId == run.ConnectionId && c.Entity == info.Path, cancellationToken);
        }

        var resuming = checkpoint?.RunId == run.Id;
        if (resuming && checkpoint!.PageCursor is null)
        {
            return null; // Finished before this run was interrupted.
        }

        var cursor = resuming ? checkpoint!.PageCursor : null;
        var pending = resuming ? checkpoint!.PendingWatermark : null;
        // The watermark only moves when an entity finishes, so a resumed pass filters exactly as it started.
        var watermark = checkpoint?.Watermark;
        var full = run.IsFull || !capabilities.Incremental || watermark is null;
        var pass = new EntityPass(info, mapping, full);
        var since = full ? null : watermark - o.WatermarkOverlap;
        var cursors = new HashSet<string>(StringComparer.Ordinal);
        if (cursor is not null)
        {
            cursors.Add(cursor);
        }

        var before = (run.Added, run.Updated, run.Deleted);
        while (true)
        {
            var result = await reader.ReadAsync(connector, context, new ReadRequest(info.Entity, cursor, since, o.PageSize), run.Id, cancellationToken);
            if (result.Failure is { } failure)
            {
                return Classify(run, info, failure);
            }

            var page = result.Value!;
            var next = page.NextCursor;
            if (next is not null && !cursors.Add(next))
            {
                // Following it would loop forever; the entity resumes from its watermark next run.
                run.AddError(info.Path, ErrorCodes.UpstreamInvalidResponse,
                    $"The system returned a page cursor it had already returned while listing {info.Path}; reading stopped to avoid a loop.");
                return null;
            }

            foreach (var record in page.Records)
            {
                if (record.RemoteUpdatedAt is { } changed && (pending is null || changed > pending))
                {
                    pending = changed;
                }
            }

            PageCounts? counts;
            try
            {
                counts = await WritePageAsync(run, pass, page, next, pending, cancellationToken);
            }
            catch (MappingException ex)
            {
                run.AddError(info.Path, SyncErrorCodes.MappingInvalid, ex.Message);
                return null;
            }

            if (counts is not { } c)
            {
                await lease.CancelAsync();
                cancellationToken.ThrowIfCancellationRequested();
                return null;
            }

            run.Added += c.Added;
            run.Updated += c.Updated;
            run.Deleted += c.Deleted;
            if (next is null)
            {
                LogEntityDone(run.Id, info.Path, full, run.Added - before.Added, run.Updated - before.Updated, run.Deleted - before.Deleted);
                return null;
            }

            cursor = next;
        }
    }

    private async Task<PageCounts?> WritePageAsync(
        RunState run, EntityPass pass, RawPage page, string? next, DateTimeOffset? pending, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var writer = scope.ServiceProvider.GetRequiredService<PageWriter>();
            try
            {
                return await writer.WriteAsync(run, pass, page, next, pending, cancellationToken);
            }
            catch (Exception ex) when (attempt < WriteAttempts && StoreErrors.IsUniqueViolation(ex))
            {
                // A write through the API stored one of these records between our lookup and our insert; a
                // fresh attempt finds it and updates it instead.
                LogWriteConflict(run.Id, pass.Info.Path, attempt);
            }
        }
    }

    private static RunAbort? Classify(RunState run, EntityInfo info, ConnectorFailure failure)
    {
        switch (failure.Category)
        {
            case FailureCategory.AuthFailed:
                run.AddError(info.Path, failure.Code, failure.Message);
                return new RunAbort(failure.Code, failure.Message, ConnectionStatus.ReauthRequired);
            case FailureCategory.Permanent:
                // This entity cannot be read; the others may well be.
                run.AddError(info.Path, failure.Code, failure.Message);
                return null;
            default:
                // Throttled or failing past the retry budget, or misconfigured: every other entity would fare the same.
                run.AddError(info.Path, failure.Code, failure.Message);
                return new RunAbort(failure.Code, failure.Message, ConnectionStatus.Degraded);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sync run {RunId}: {Entity} done (full: {Full}; +{Added} ~{Updated} -{Deleted})")]
    private partial void LogEntityDone(string runId, string entity, bool full, int added, int updated, int deleted);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sync run {RunId}: page of {Entity} met a concurrent insert (attempt {Attempt}); writing it again")]
    private partial void LogWriteConflict(string runId, string entity, int attempt);
}
