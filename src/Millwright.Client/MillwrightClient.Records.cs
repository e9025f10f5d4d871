using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Millwright.Client.Models;

namespace Millwright.Client;

/// <summary>Unified data: <c>GET /v1/{entity}</c> and <c>GET /v1/{entity}/{id}</c>.</summary>
public sealed partial class MillwrightClient
{
    /// <summary>One page of records of the entity whose record type is <typeparamref name="T"/>.</summary>
    public Task<Page<T>> ListAsync<T>(ListQuery? query = null, CancellationToken cancellationToken = default)
        where T : UnifiedRecord =>
        SendAsync<Page<T>>(HttpMethod.Get, WithQuery(PathOf<T>(), (query ?? new ListQuery()).ToParameters()), cancellationToken: cancellationToken);

    /// <summary>Every record matching <paramref name="query"/>, fetching pages as the enumeration goes.</summary>
    public async IAsyncEnumerable<T> ListAllAsync<T>(ListQuery? query = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where T : UnifiedRecord
    {
        var next = query ?? new ListQuery();
        while (true)
        {
            var page = await ListAsync<T>(next, cancellationToken).ConfigureAwait(false);
            foreach (var record in page.Data)
            {
                yield return record;
            }

            if (page.NextCursor is null)
            {
                yield break;
            }

            next = next with { Cursor = page.NextCursor };
        }
    }

    /// <summary>One record by its Millwright id; a missing, deleted or foreign id throws with code <c>NOT_FOUND</c>.</summary>
    public Task<T> GetAsync<T>(string id, bool includeRaw = false, bool includeDeleted = false, CancellationToken cancellationToken = default)
        where T : UnifiedRecord =>
        SendAsync<T>(HttpMethod.Get, WithQuery($"{PathOf<T>()}/{Uri.EscapeDataString(id)}", Flags(includeRaw, includeDeleted, [])), cancellationToken: cancellationToken);

    /// <summary>One page as JSON objects, for what the record types do not carry (expanded references).</summary>
    public Task<Page<JsonObject>> ListJsonAsync(Entity entity, ListQuery? query = null, CancellationToken cancellationToken = default) =>
        SendAsync<Page<JsonObject>>(HttpMethod.Get, WithQuery($"v1/{EntityInfo.Of(entity).Path}", (query ?? new ListQuery()).ToParameters()), cancellationToken: cancellationToken);

    /// <summary>One record as a JSON object, optionally with references expanded.</summary>
    public Task<JsonObject> GetJsonAsync(Entity entity, string id, IReadOnlyList<string>? expand = null, bool includeRaw = false,
        bool includeDeleted = false, CancellationToken cancellationToken = default) =>
        SendAsync<JsonObject>(HttpMethod.Get, WithQuery($"v1/{EntityInfo.Of(entity).Path}/{Uri.EscapeDataString(id)}", Flags(includeRaw, includeDeleted, expand ?? [])),
            cancellationToken: cancellationToken);

    private static string PathOf<T>() =>
        (EntityInfo.All.FirstOrDefault(e => e.RecordType == typeof(T)) is { } entity ? $"v1/{entity.Path}" : null)
        ?? throw new ArgumentException($"{typeof(T).Name} is not a unified entity record type.", nameof(T));

    private static IEnumerable<KeyValuePair<string, string?>> Flags(bool includeRaw, bool includeDeleted, IReadOnlyList<string> expand) =>
    [
        new("include_raw", includeRaw ? "true" : null),
        new("include_deleted", includeDeleted ? "true" : null),
        new("expand", expand.Count > 0 ? string.Join(',', expand) : null),
    ];
}
