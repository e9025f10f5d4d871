using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Millwright.Client.Errors;
using Millwright.Client.Mappings;
using Millwright.Client.Models;
using Millwright.Connectors.Core;
using Millwright.Server.Features.Auth;
using Millwright.Server.Features.Connections;
using Millwright.Server.Hosting;
using Millwright.Server.Hosting.Errors;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Mappings;

/// <summary>
/// A connection's field mappings as the caller may see and change them: view, change (replace, patch,
/// rollback), history and preview. Scoping (the connection must be visible to the caller and have a
/// connector) and validation live here, for <see cref="FieldMappingsEndpoints"/> and the dashboard alike.
/// </summary>
internal sealed class FieldMappingService(
    MillwrightDb db, ConnectorRegistry connectors, ConnectionMappings mappings, FieldMappingsView view, MappingPreview preview, MappingChanger changer)
{
    public async Task<FieldMappings> GetAsync(Caller caller, string id, CancellationToken cancellationToken)
    {
        var (connection, connector) = await RequireConnectionAsync(caller, id, cancellationToken);
        var current = await mappings.CurrentAsync(connection.Id, cancellationToken);
        return await view.BuildAsync(connection, connector, current, cancellationToken);
    }

    /// <summary>The body becomes all of the connection's own mappings.</summary>
    public Task<FieldMappingVersion> ReplaceAsync(Caller caller, string id, FieldMappingsRequest? body, string requestId, CancellationToken cancellationToken) =>
        ChangeAsync(caller, id, "replace", _ => Task.FromResult((Parse(body?.Mappings), (int?)null)), requestId, cancellationToken);

    /// <summary>The body is merged into the connection's own mappings (RFC 7396).</summary>
    public Task<FieldMappingVersion> UpdateAsync(Caller caller, string id, FieldMappingsRequest? body, string requestId, CancellationToken cancellationToken) =>
        ChangeAsync(caller, id, "patch", current => Task.FromResult((current.Overrides.Patch(Entities(body?.Mappings)), (int?)null)), requestId, cancellationToken);

    /// <summary>An earlier version becomes current again, as a new version.</summary>
    public Task<FieldMappingVersion> RollbackAsync(Caller caller, string id, FieldMappingsRollbackRequest? body, string requestId, CancellationToken cancellationToken) =>
        ChangeAsync(caller, id, "rollback", async current =>
        {
            if (body is null || body.Version < 0 || body.Version > current.Version)
            {
                throw ApiException.Validation("/version", $"version must be one of 0 (the defaults) to {current.Version} (the current version).");
            }

            if (body.Version == 0)
            {
                return (MappingOverrides.Empty, (int?)0);
            }

            var json = await db.FieldMappingVersions.AsNoTracking()
                .Where(v => v.ConnectionId == id && v.Version == body.Version).Select(v => v.OverridesJson).FirstAsync(cancellationToken);
            return (MappingOverrides.FromJson(json), (int?)body.Version);
        }, requestId, cancellationToken);

    /// <summary>Versions of the connection's own mappings, newest first.</summary>
    public async Task<Page<FieldMappingVersion>> ListVersionsAsync(Caller caller, string id, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var take = NewestFirstCursor.Limit(limit);
        var after = NewestFirstCursor.Decode(cursor, $"field-mappings|{id}");
        await RequireConnectionAsync(caller, id, cancellationToken);
        var query = db.FieldMappingVersions.AsNoTracking().Where(v => v.ConnectionId == id);
        if (after is { } position && int.TryParse(position.Id, CultureInfo.InvariantCulture, out var before))
        {
            query = query.Where(v => v.Version < before);
        }

        var rows = await query.OrderByDescending(v => v.Version).Take(take + 1).ToListAsync(cancellationToken);
        var next = rows.Count > take
            ? new NewestFirstCursor(rows[take - 1].CreatedAt, rows[take - 1].Version.ToString(CultureInfo.InvariantCulture)).Encode($"field-mappings|{id}")
            : null;
        return new Page<FieldMappingVersion>([.. rows.Take(take).Select(ToWire)], next);
    }

    /// <summary>A proposed change applied to a few stored records; saves nothing.</summary>
    public async Task<FieldMappingsPreview> PreviewAsync(Caller caller, string id, FieldMappingsPreviewRequest? body, CancellationToken cancellationToken)
    {
        var (connection, connector) = await RequireConnectionAsync(caller, id, cancellationToken);
        if (body?.Limit is { } l && l is < 1 or > MappingPreview.MaxLimit)
        {
            throw ApiException.Validation("/limit", $"limit must be 1 to {MappingPreview.MaxLimit}.");
        }

        var current = await mappings.CurrentAsync(connection.Id, cancellationToken);
        var proposed = body!.Replace ? Parse(body.Mappings) : current.Overrides.Patch(Entities(body.Mappings));
        MappingValidation.ThrowIfInvalid(connector, proposed);
        return await preview.BuildAsync(connection, connector, current.Overrides, proposed, body.Limit ?? MappingPreview.DefaultLimit, cancellationToken);
    }

    private async Task<FieldMappingVersion> ChangeAsync(
        Caller caller, string id, string change, MappingChange apply, string requestId, CancellationToken cancellationToken)
    {
        var (connection, connector) = await RequireConnectionAsync(caller, id, cancellationToken);
        var (row, current) = await changer.ChangeAsync(connection, connector, change, apply, requestId, cancellationToken);
        if (row is not null)
        {
            return ToWire(row);
        }

        // Nothing changed: answer with the version in force.
        var existing = current.Version == 0 ? null
            : await db.FieldMappingVersions.AsNoTracking().FirstAsync(v => v.ConnectionId == id && v.Version == current.Version, cancellationToken);
        return existing is null
            ? new FieldMappingVersion { Version = 0, Change = "default", Mappings = new Dictionary<string, IReadOnlyDictionary<string, string>>(), RemappedRecords = 0, CreatedAt = connection.CreatedAt }
            : ToWire(existing);
    }

    private static Dictionary<string, Dictionary<string, string?>?> Entities(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string?>?>? mappings) =>
        mappings?.ToDictionary(e => e.Key, e => e.Value?.ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal), StringComparer.Ordinal)
        ?? throw ApiException.Validation("/mappings", "mappings is required: an object of entity path → target → expression.");

    private static MappingOverrides Parse(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string?>?>? mappings) => MappingOverrides.From(Entities(mappings));

    private static FieldMappingVersion ToWire(FieldMappingVersionRow row) => new()
    {
        Version = row.Version,
        Change = row.Change,
        RestoredVersion = row.RestoredVersion,
        Mappings = MappingOverrides.FromJson(row.OverridesJson).Entities.ToDictionary(e => e.Key, e => (IReadOnlyDictionary<string, string>)e.Value, StringComparer.Ordinal),
        RemappedRecords = row.RemappedRecords,
        RequestId = row.RequestId,
        CreatedAt = row.CreatedAt,
    };

    /// <summary>The connection must be visible to the caller and have a connector that maps it.</summary>
    private async Task<(ConnectionRow, IConnector)> RequireConnectionAsync(Caller caller, string id, CancellationToken cancellationToken)
    {
        var connection = await db.ConnectionsVisibleTo(caller).AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw ApiException.NotFound($"Connection '{id}'");
        var connector = connectors.Find(connection.System)
            ?? throw new ApiException(StatusCodes.Status400BadRequest, ErrorCodes.UnknownSystem, $"Millwright has no connector for the system '{connection.System}'.");
        return (connection, connector);
    }
}
