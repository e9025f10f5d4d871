using System.Text.Json.Nodes;
using Millwright.Client.Errors;
using Millwright.Client.Models;
using Millwright.Connectors.Core;
using Millwright.Server.Features.Connections;
using Millwright.Server.Hosting.Errors;

namespace Millwright.Tests.Server.Connections;

public sealed class ConnectionInputTests
{
    // A descriptor shaped like a typical API-key system; validation only reads descriptors.
    private static readonly SystemDescriptor System = new(
        "acme",
        "Acme CMMS",
        "cmms",
        [
            new ConnectionField("base_url", "Instance URL", ConnectionFieldKind.Setting, Required: true, Secret: false, "Your instance URL.", Default: "https://api.acme.example/v1"),
            new ConnectionField("organization_id", "Organization", ConnectionFieldKind.Setting, Required: false, Secret: false, "Only for multi-org users."),
            new ConnectionField("site_code", "Site", ConnectionFieldKind.Setting, Required: true, Secret: false, "Plant code."),
            new ConnectionField("api_key", "API key", ConnectionFieldKind.Credential, Required: true, Secret: true, "Settings → API."),
        ],
        new Dictionary<Entity, EntityCapabilities> { [Entity.Assets] = EntityCapabilities.ReadOnlyIncremental },
        100);

    [Fact]
    public void CheckFields_AllGiven_ReturnsThemSplitByKind()
    {
        var errors = new List<ErrorDetail>();
        var fields = ConnectionInput.CheckFields(System, Strings(("base_url", "https://x.example"), ("site_code", "P1")), Strings(("api_key", "k")), errors);
        Assert.Empty(errors);
        Assert.Equal("https://x.example", fields.Settings["base_url"]);
        Assert.Equal("k", fields.Credentials["api_key"]);
        Assert.False(fields.Settings.ContainsKey("api_key"));
    }

    [Fact]
    public void CheckFields_OptionalWithDefaultMissing_FillsDefault()
    {
        var errors = new List<ErrorDetail>();
        var fields = ConnectionInput.CheckFields(System, Strings(("site_code", "P1")), Strings(("api_key", "k")), errors);
        Assert.Empty(errors);
        Assert.Equal("https://api.acme.example/v1", fields.Settings["base_url"]);
        Assert.False(fields.Settings.ContainsKey("organization_id"));
    }

    [Fact]
    public void CheckFields_RequiredMissingOrBlank_NamesEachField()
    {
        var errors = new List<ErrorDetail>();
        ConnectionInput.CheckFields(System, Strings(("site_code", "  ")), Strings(), errors);
        Assert.Equal(["credentials.api_key", "settings.site_code"], errors.Select(e => e.Field).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void CheckFields_UnknownField_IsRefusedWithItsPath()
    {
        var errors = new List<ErrorDetail>();
        ConnectionInput.CheckFields(System, Strings(("site_code", "P1"), ("colour", "red")), Strings(("api_key", "k")), errors);
        var error = Assert.Single(errors);
        Assert.Equal("settings.colour", error.Field);
    }

    [Fact]
    public void CheckFields_CredentialSentAsSetting_SaysWhereItBelongsWithoutEchoingIt()
    {
        var errors = new List<ErrorDetail>();
        ConnectionInput.CheckFields(System, Strings(("site_code", "P1"), ("api_key", "super-secret-value")), Strings(), errors);
        var misplaced = Assert.Single(errors, e => e.Field == "settings.api_key");
        Assert.Contains("credentials", misplaced.Message);
        Assert.DoesNotContain(errors, e => e.Message.Contains("super-secret-value", StringComparison.Ordinal));
    }

    [Fact]
    public void ReadStrings_NonStringValues_AreRefusedPerField()
    {
        var errors = new List<ErrorDetail>();
        var node = JsonNode.Parse("""{"a":"ok","b":1,"c":true,"d":{"x":"y"},"e":null}""");
        var values = ConnectionInput.ReadStrings(node, "settings", errors);
        Assert.Equal("ok", values["a"]);
        Assert.Equal(["settings.b", "settings.c", "settings.d", "settings.e"], errors.Select(e => e.Field));
    }

    [Fact]
    public void ReadStrings_NullsAllowed_KeepsNullsForRemoval()
    {
        var errors = new List<ErrorDetail>();
        var values = ConnectionInput.ReadStrings(JsonNode.Parse("""{"gone":null}"""), "metadata", errors, allowNulls: true);
        Assert.Empty(errors);
        Assert.Null(values["gone"]);
    }

    [Fact]
    public void CheckMetadata_TooManyOrTooLong_IsRefused()
    {
        var errors = new List<ErrorDetail>();
        var many = Enumerable.Range(0, ConnectionInput.MaxMetadataKeys + 1).ToDictionary(i => $"k{i}", i => (string?)"v");
        ConnectionInput.CheckMetadata(many, errors);
        Assert.Contains(errors, e => e.Field == "metadata");

        errors.Clear();
        ConnectionInput.CheckMetadata(Strings((new string('k', 41), "v"), ("long", new string('v', 501))), errors);
        Assert.Equal(2, errors.Count);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(10081)]
    public void CheckSyncInterval_OutOfRange_IsRefused(int minutes)
    {
        var errors = new List<ErrorDetail>();
        ConnectionInput.CheckSyncInterval(minutes, errors);
        Assert.Equal("sync_interval_minutes", Assert.Single(errors).Field);
    }

    [Fact]
    public void CheckSyncInterval_Omitted_IsFifteenMinutes()
    {
        var errors = new List<ErrorDetail>();
        Assert.Equal(15, ConnectionInput.CheckSyncInterval(null, errors));
        Assert.Empty(errors);
    }

    [Fact]
    public void ThrowIfAny_WithProblems_Throws422WithAllDetails()
    {
        var error = Assert.Throws<ApiException>(() => ConnectionInput.ThrowIfAny([new("settings.a", "x"), new("credentials.b", "y")]));
        Assert.Equal(422, error.Status);
        Assert.Equal(ErrorCodes.ValidationFailed, error.Code);
        Assert.Equal(2, error.Details!.Count);
    }

    private static Dictionary<string, string?> Strings(params (string Key, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => (string?)p.Value, StringComparer.Ordinal);
}
