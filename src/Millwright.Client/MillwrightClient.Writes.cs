using Millwright.Client.Models;
using Millwright.Client.Writes;

namespace Millwright.Client;

public sealed partial class MillwrightClient
{
    /// <summary>
    /// Creates a record in the connected system (<c>POST /v1/{entity}</c>) and returns it as stored. <paramref name="fields"/>
    /// holds unified fields (an anonymous object, a dictionary or a JsonObject; names in snake_case or PascalCase);
    /// what the connection accepts is <c>GET /v1/{entity}/schema?operation=create</c>.
    /// </summary>
    /// <typeparam name="T">The record type, e.g. <see cref="WorkOrder"/> or <see cref="MeterReading"/>.</typeparam>
    public Task<T> CreateAsync<T>(object fields, WriteOptions? options = null, CancellationToken cancellationToken = default)
        where T : UnifiedRecord =>
        SendAsync<T>(HttpMethod.Post, PathOf<T>(), fields, options?.IdempotencyKey, cancellationToken);

    /// <summary>Changes a record in the connected system (<c>PATCH /v1/{entity}/{id}</c>); <c>status</c> performs the system's transition.</summary>
    public Task<T> UpdateAsync<T>(string id, object changes, WriteOptions? options = null, CancellationToken cancellationToken = default)
        where T : UnifiedRecord =>
        SendAsync<T>(HttpMethod.Patch, $"{PathOf<T>()}/{Uri.EscapeDataString(id)}", changes, options?.IdempotencyKey, cancellationToken);

    /// <summary>Deletes a record in the connected system (<c>DELETE /v1/{entity}/{id}</c>), where the system truly deletes.</summary>
    public Task DeleteAsync<T>(string id, CancellationToken cancellationToken = default)
        where T : UnifiedRecord =>
        SendAsync(HttpMethod.Delete, $"{PathOf<T>()}/{Uri.EscapeDataString(id)}", null, cancellationToken);

    /// <summary>Calls the connected system's own API with the stored credentials (<c>POST /v1/passthrough</c>).</summary>
    public Task<PassthroughResult> PassthroughAsync(PassthroughCall call, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        SendAsync<PassthroughResult>(HttpMethod.Post, "v1/passthrough", call, options?.IdempotencyKey, cancellationToken);
}
