using System.Text.Json.Nodes;
using Millwright.Client.Models;
using Millwright.Connectors.Core;
using Millwright.Connectors.Mapping;

namespace Millwright.Tests.Connectors.Mapping;

/// <summary>Small builders for mapping tests.</summary>
internal static class MappingTestKit
{
    public const string ConnectionId = "conn_test";

    public static RawRecord Raw(string json) => new("1", JsonNode.Parse(json)!.AsObject(), null, null, null);

    public static EntityMapping MappingOf(Entity entity, params (string Target, string Expression)[] fields) =>
        new(entity, [.. fields.Select(f => new FieldMapping(f.Target, f.Expression))]);

    /// <summary>Evaluates one expression into a custom field (no type coercion) and returns its JSON.</summary>
    public static JsonNode? Eval(string expression, string json) =>
        MappingEngine.Apply(MappingOf(Entity.Assets, ("custom_fields.value", expression)), Raw(json), ConnectionId)["custom_fields"]!["value"];

    public static string? EvalJson(string expression, string json) => Eval(expression, json)?.ToJsonString();

    public static JsonObject Apply(Entity entity, string json, params (string Target, string Expression)[] fields) =>
        MappingEngine.Apply(MappingOf(entity, fields), Raw(json), ConnectionId);

    public static MappingError SingleError(Entity entity, string target, string expression) =>
        Assert.Single(MappingEngine.Validate(MappingOf(entity, (target, expression))));
}
