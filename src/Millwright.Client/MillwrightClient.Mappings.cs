using System.Globalization;
using System.Text.Json;
using Millwright.Client.Mappings;
using Millwright.Client.Models;

namespace Millwright.Client;

// Field mappings of a connection (secret key) and the JSON Schema of its records.
public sealed partial class MillwrightClient
{
    /// <summary>
    /// Every unified field of every entity with the expression that fills it (the connector's default or the
    /// connection's own), and the source fields found in the connection's stored raw records. Secret key.
    /// </summary>
    public Task<FieldMappings> GetFieldMappingsAsync(string connectionId, CancellationToken cancellationToken = default) =>
        SendAsync<FieldMappings>(HttpMethod.Get, MappingsPath(connectionId), null, cancellationToken);

    /// <summary>
    /// Replaces all of the connection's own mappings (what is not given uses the default) and re-maps its
    /// stored records before returning. Invalid expressions throw <c>VALIDATION_FAILED</c> (422) whose details
    /// point at the line and position. Secret key.
    /// </summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="mappings">Entity path → target → expression.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<FieldMappingVersion> ReplaceFieldMappingsAsync(
        string connectionId, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string?>?> mappings, CancellationToken cancellationToken = default) =>
        SendAsync<FieldMappingVersion>(HttpMethod.Put, MappingsPath(connectionId), new FieldMappingsRequest(mappings), cancellationToken);

    /// <summary>
    /// Changes some of the connection's own mappings (merge patch: an expression sets a field, null resets
    /// it to the default, a null entity resets the entity) and re-maps its stored records before returning. Secret key.
    /// </summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="mappings">Entity path → target → expression or null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<FieldMappingVersion> UpdateFieldMappingsAsync(
        string connectionId, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string?>?> mappings, CancellationToken cancellationToken = default) =>
        SendAsync<FieldMappingVersion>(HttpMethod.Patch, MappingsPath(connectionId), new FieldMappingsRequest(mappings), cancellationToken);

    /// <summary>The versions of the connection's own mappings, newest first. Secret key.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="limit">Page size, 1–500 (default 50).</param>
    /// <param name="cursor"><see cref="Page{T}.NextCursor"/> of the previous page.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<Page<FieldMappingVersion>> ListFieldMappingVersionsAsync(
        string connectionId, int? limit = null, string? cursor = null, CancellationToken cancellationToken = default) =>
        SendAsync<Page<FieldMappingVersion>>(HttpMethod.Get, WithQuery(MappingsPath(connectionId) + "/history",
        [
            new("limit", limit?.ToString(CultureInfo.InvariantCulture)),
            new("cursor", cursor),
        ]), null, cancellationToken);

    /// <summary>Makes an earlier version current again (as a new version; 0 = the defaults) and re-maps the stored records. Secret key.</summary>
    public Task<FieldMappingVersion> RollbackFieldMappingsAsync(string connectionId, int version, CancellationToken cancellationToken = default) =>
        SendAsync<FieldMappingVersion>(HttpMethod.Post, MappingsPath(connectionId) + "/rollback", new FieldMappingsRollbackRequest(version), cancellationToken);

    /// <summary>Applies a proposed change to a few stored records and returns them before and after; saves nothing. Secret key.</summary>
    public Task<FieldMappingsPreview> PreviewFieldMappingsAsync(string connectionId, FieldMappingsPreviewRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<FieldMappingsPreview>(HttpMethod.Post, MappingsPath(connectionId) + "/preview", request, cancellationToken);

    /// <summary>
    /// The JSON Schema (2020-12) of the connection's records of <paramref name="entity"/>, custom fields
    /// included. A connection token, or a secret key with <see cref="ForConnection"/>.
    /// </summary>
    public Task<JsonElement> GetSchemaAsync(Entity entity, CancellationToken cancellationToken = default) =>
        SendAsync<JsonElement>(HttpMethod.Get, $"v1/{EntityInfo.Of(entity).Path}/schema", null, cancellationToken);

    private static string MappingsPath(string connectionId) => $"v1/connections/{Uri.EscapeDataString(connectionId)}/field-mappings";
}
