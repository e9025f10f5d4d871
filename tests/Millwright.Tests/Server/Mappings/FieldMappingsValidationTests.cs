using System.Net;
using System.Text.Json.Nodes;
using Millwright.Client;
using Millwright.Client.Errors;

namespace Millwright.Tests.Server.Mappings;

using Change = Dictionary<string, IReadOnlyDictionary<string, string?>?>;

/// <summary>Bad mappings are refused with a pointer to the offending part, and change nothing.</summary>
public sealed class FieldMappingsValidationTests(MappingsFixture fixture) : IClassFixture<MappingsFixture>
{
    [Theory]
    [InlineData("status", "status | map(OPEN: finished)", "/mappings/work-orders/status", 19, "'finished' is not a valid status")]
    [InlineData("title", "concat(title,", "/mappings/work-orders/title", 13, "")]
    [InlineData("due_at", "true", "/mappings/work-orders/due_at", 0, "takes a date-time")]
    [InlineData("title", "title | shout", "/mappings/work-orders/title", 8, "Unknown transform 'shout'")]
    [InlineData("colour", "title", "/mappings/work-orders/colour", null, "is not a field of work-orders")]
    [InlineData("created_at", "createdAt | date", "/mappings/work-orders/created_at", null, "filled by the sync engine")]
    [InlineData("custom_fields.a.b", "title", "/mappings/work-orders/custom_fields.a.b", null, "custom field needs a name")]
    public async Task ReplaceFieldMappings_InvalidLine_Returns422WithPointerAndStoresNothing(
        string target, string expression, string field, int? position, string message)
    {
        var connectionId = await fixture.SyncedConnectionAsync();
        var stored = await fixture.StoredDataAsync(connectionId);

        var error = await Assert.ThrowsAsync<MillwrightApiException>(() => fixture.Client.ReplaceFieldMappingsAsync(connectionId,
            new Change { ["work-orders"] = new Dictionary<string, string?> { [target] = expression } }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Status);
        Assert.Equal(ErrorCodes.ValidationFailed, error.Code);
        var detail = Assert.Single(error.Error!.Details!);
        Assert.Equal(field, detail.Field);
        Assert.Equal(position, detail.Position);
        Assert.Contains(message, detail.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await fixture.Client.GetFieldMappingsAsync(connectionId)).Version);
        Assert.Equal(stored, await fixture.StoredDataAsync(connectionId));
    }

    [Fact]
    public async Task UpdateFieldMappings_UnknownOrUnofferedEntity_Returns422PerEntity()
    {
        var connectionId = await fixture.ConnectionAsync();

        var error = await Assert.ThrowsAsync<MillwrightApiException>(() => fixture.Client.UpdateFieldMappingsAsync(connectionId, new Change
        {
            ["widgets"] = new Dictionary<string, string?> { ["name"] = "name" },
            ["work-orders"] = new Dictionary<string, string?> { ["title"] = "(title" },
        }));

        Assert.Equal(ErrorCodes.ValidationFailed, error.Code);
        Assert.Equal(["/mappings/widgets", "/mappings/work-orders/title"], error.Error!.Details!.Select(d => d.Field).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RollbackFieldMappings_UnknownVersion_Returns422()
    {
        var connectionId = await fixture.ConnectionAsync();

        var error = await Assert.ThrowsAsync<MillwrightApiException>(() => fixture.Client.RollbackFieldMappingsAsync(connectionId, 3));

        Assert.Equal(ErrorCodes.ValidationFailed, error.Code);
        Assert.Equal("/version", Assert.Single(error.Error!.Details!).Field);
    }

    [Fact]
    public async Task FieldMappingEndpoints_BadCallers_AreRefused()
    {
        var connectionId = await fixture.ConnectionAsync();
        var other = await fixture.Host.CreateAccountAsync("Other");
        using var otherHttp = fixture.Host.Http(other.TestSecretKey);
        using var anonymous = fixture.Host.Http();

        Assert.Equal(HttpStatusCode.NotFound, (await otherHttp.GetAsync($"/v1/connections/{connectionId}/field-mappings")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/v1/connections/{connectionId}/field-mappings")).StatusCode);
        var noBody = await fixture.SendAsync(HttpMethod.Put, $"/v1/connections/{connectionId}/field-mappings", new JsonObject());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noBody.StatusCode);
        var unknownMember = await fixture.SendAsync(HttpMethod.Patch, $"/v1/connections/{connectionId}/field-mappings", new JsonObject { ["mapping"] = new JsonObject() });
        Assert.Equal(HttpStatusCode.BadRequest, unknownMember.StatusCode);
        var badLimit = await fixture.SendAsync(HttpMethod.Post, $"/v1/connections/{connectionId}/field-mappings/preview",
            new JsonObject { ["mappings"] = new JsonObject(), ["limit"] = 99 });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badLimit.StatusCode);
    }

    [Theory]
    [InlineData("title | number | mul(79228162514264337593543950335) | string")]
    [InlineData("title | number | div(0.0000000000000000000000000001) | string")]
    [InlineData("title | number | div(0) | string")]
    public async Task FieldMappings_ScaleFactorOutOfRange_Returns422OnPreviewAndPatch(string expression)
    {
        var connectionId = await fixture.SyncedConnectionAsync();
        var mappings = new JsonObject { ["work-orders"] = new JsonObject { ["title"] = expression } };

        var preview = await fixture.SendAsync(HttpMethod.Post, $"/v1/connections/{connectionId}/field-mappings/preview", new JsonObject { ["mappings"] = mappings.DeepClone() });
        var patch = await fixture.SendAsync(HttpMethod.Patch, $"/v1/connections/{connectionId}/field-mappings", new JsonObject { ["mappings"] = mappings.DeepClone() });

        foreach (var response in new[] { preview, patch })
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Equal(ErrorCodes.ValidationFailed, (string?)body["error"]!["code"]);
            Assert.Equal("/mappings/work-orders/title", (string?)body["error"]!["details"]![0]!["field"]);
        }

        Assert.Equal(0, (await fixture.Client.GetFieldMappingsAsync(connectionId)).Version);
    }
}
