using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Millwright.Client.Connections;
using Millwright.Client.Errors;
using Millwright.Client.Models;
using Millwright.Connectors.Core;
using Millwright.Server.Features.Auth;
using Millwright.Server.Hosting;
using Millwright.Server.Hosting.Errors;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Connections;

internal static class ConnectionsEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("", CreateConnection)
            .WithName("CreateConnection")
            .WithSummary("Connect a customer's system")
            .WithDescription("""
                Validates the body against the system's descriptor (`GET /v1/systems`), then checks the settings and
                credentials against the system with one call **before storing anything**. On success the connection is
                stored (credentials encrypted) in the key's environment with status `syncing`, its first full sync
                starts, and a connection token with scopes `read` and `write` is returned — shown this once.
                Errors: 400 `UNKNOWN_SYSTEM`, 400 `INVALID_JSON` (including unknown members), 422 `VALIDATION_FAILED`
                with one detail per field (`settings.base_url`, `credentials.api_key`, `metadata.key`…),
                400 `CONNECTION_CREDENTIALS_INVALID` when the system rejects the credentials, 422 `VALIDATION_FAILED` when
                it cannot work with the settings (e.g. an organization the key cannot reach), 502 `UPSTREAM_UNAVAILABLE`
                when it fails or cannot be reached (including addresses Millwright does not call), 503
                `UPSTREAM_RATE_LIMITED` with `retry_after`, 504 `UPSTREAM_TIMEOUT`. `source` says whether the system
                (`connected_system`) or Millwright (`platform`) decided. Nothing is stored when any of these is returned.
                """)
            .ProducesErrors(400, 422, 502, 503, 504);

        group.MapGet("", ListConnections)
            .WithName("ListConnections")
            .WithSummary("List connections")
            .WithDescription("""
                Connections of the key's environment, newest first, `{data, next_cursor}`. `limit` 1–500 (default 50);
                `cursor` is the previous page's `next_cursor` and only valid with the same filters. Filters: `status`,
                `system`, and `metadata[key]=value` (repeatable; all must match).
                """)
            .ProducesErrors(400);

        group.MapGet("/{id}", GetConnection)
            .WithName("GetConnection")
            .WithSummary("Get a connection")
            .WithDescription("One connection of the key's environment; 404 for ids of other accounts or environments.")
            .ProducesErrors(404);

        group.MapPatch("/{id}", UpdateConnection)
            .WithName("UpdateConnection")
            .WithSummary("Change a connection's metadata, sync interval or rate limit")
            .WithDescription("""
                `metadata` is merged as a JSON merge patch (a key set to null is removed); a new `sync_interval_minutes`
                (5–10080) reschedules the syncs at once; `rate_limit_per_minute` (1–1000000, `0` for the account's default
                per connection) sets how many requests per minute may work on this connection. Omitted members stay unchanged.
                """)
            .ProducesErrors(400, 404, 422);

        group.MapPut("/{id}/credentials", UpdateCredentials)
            .WithName("UpdateConnectionCredentials")
            .WithSummary("Replace a connection's credentials")
            .WithDescription("""
                Checks the new credentials (with the stored settings, or the `settings` given here merged over them) against
                the system exactly like create, and stores them encrypted **only when the system accepts them**. A connection in
                `reauth_required` or `degraded` becomes `active` again (`syncing` if it never finished a sync) and a sync
                starts at once. Errors are those of create: 400 `CONNECTION_CREDENTIALS_INVALID`, 422 `VALIDATION_FAILED`,
                502 `UPSTREAM_UNAVAILABLE`, 503 `UPSTREAM_RATE_LIMITED`, 504 `UPSTREAM_TIMEOUT`; nothing changes when one is returned.
                """)
            .ProducesErrors(400, 404, 422, 502, 503, 504);

        group.MapDelete("/{id}", DeleteConnection)
            .WithName("DeleteConnection")
            .WithSummary("Delete a connection")
            .WithDescription("""
                Stops its syncs, revokes all its tokens at once (their next call is 401), forgets its credentials and
                deletes its records, sync runs and checkpoints. Afterwards the id answers 404.
                """)
            .ProducesErrors(404);
    }

    private static async Task<Created<ConnectionCreated>> CreateConnection(
        CreateConnectionBody body,
        HttpContext http,
        [FromServices] ConnectorRegistry registry,
        [FromServices] ConnectionCreator creator,
        CancellationToken cancellationToken)
    {
        var caller = http.GetCaller();
        var input = body.Validate(registry);
        var created = await creator.CreateAsync(caller.AccountId, caller.Environment, input, cancellationToken);
        return TypedResults.Created($"/v1/connections/{created.Connection.Id}", created);
    }

    private static async Task<Ok<Page<Connection>>> ListConnections(
        HttpContext http,
        [FromServices] MillwrightDb db,
        int? limit,
        string? cursor,
        string? status,
        string? system,
        CancellationToken cancellationToken)
    {
        var caller = http.GetCaller();
        var size = NewestFirstCursor.Limit(limit);
        if (status is not null && !ConnectionStatuses.All.Contains(status))
        {
            throw ApiException.BadQuery("status", $"status must be one of {string.Join(", ", ConnectionStatuses.All)}.");
        }

        var metadata = MetadataFilters(http.Request.Query);
        var queryKey = string.Join('\n', [status ?? "", system ?? "", .. metadata.Select(m => $"{m.Key}={m.Value}")]);
        var after = NewestFirstCursor.Decode(cursor, queryKey);

        var query = db.ConnectionsVisibleTo(caller);
        if (status is not null)
        {
            query = query.Where(c => c.Status == status);
        }

        if (system is not null)
        {
            query = query.Where(c => c.System == system);
        }

        foreach (var (key, value) in metadata)
        {
            var fragment = StoredMaps.MetadataFragment(key, value);
            query = query.Where(c => c.MetadataJson.Contains(fragment));
        }

        if (after is { } position)
        {
            query = query.Where(c => c.CreatedAt < position.CreatedAt
                || (c.CreatedAt == position.CreatedAt && string.Compare(c.Id, position.Id) < 0));
        }

        var rows = await query.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
            .Take(size + 1).ToListAsync(cancellationToken);
        var page = rows.Take(size).ToList();
        var next = rows.Count > size ? new NewestFirstCursor(page[^1].CreatedAt, page[^1].Id).Encode(queryKey) : null;
        return TypedResults.Ok(new Page<Connection>([.. page.Select(r => r.ToWire())], next));
    }

    private static async Task<Ok<Connection>> GetConnection(string id, HttpContext http, [FromServices] MillwrightDb db, CancellationToken cancellationToken)
    {
        var row = await db.ConnectionsVisibleTo(http.GetCaller()).FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw ApiException.NotFound($"Connection '{id}'");
        return TypedResults.Ok(row.ToWire());
    }

    private static async Task<Ok<Connection>> UpdateConnection(
        string id,
        UpdateConnectionBody body,
        HttpContext http,
        [FromServices] ConnectionUpdater updater,
        CancellationToken cancellationToken) =>
        TypedResults.Ok((await updater.UpdateAsync(http.GetCaller(), id, body, cancellationToken)).ToWire());

    private static async Task<Ok<Connection>> UpdateCredentials(
        string id,
        UpdateCredentialsBody body,
        HttpContext http,
        [FromServices] ConnectionCredentialsUpdater updater,
        CancellationToken cancellationToken)
    {
        var caller = http.GetCaller();
        var row = await updater.UpdateAsync(caller.AccountId, caller.Environment, id, body.Credentials, body.Settings, cancellationToken);
        return TypedResults.Ok(row.ToWire());
    }

    private static async Task<NoContent> DeleteConnection(
        string id,
        HttpContext http,
        [FromServices] ConnectionDeleter deleter,
        CancellationToken cancellationToken)
    {
        await deleter.DeleteAsync(http.GetCaller(), id, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary><c>metadata[key]=value</c> query parameters, ordered by key so that the cursor binding is stable.</summary>
    private static SortedDictionary<string, string> MetadataFilters(IQueryCollection query)
    {
        var filters = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in query)
        {
            if (name.StartsWith("metadata[", StringComparison.Ordinal) && name.EndsWith(']'))
            {
                var key = name["metadata[".Length..^1];
                if (key.Length == 0 || values.Count != 1)
                {
                    throw ApiException.BadQuery(name, "Filter metadata with metadata[key]=value, once per key.");
                }

                filters[key] = values[0] ?? "";
            }
        }

        return filters;
    }
}
