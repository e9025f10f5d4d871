using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using JsonResult = Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<System.Text.Json.Nodes.JsonObject>;

namespace Millwright.Sandbox.Sap;

internal static partial class SapSandboxApi
{
    /// <summary>A status change: the new row's changed values, or a refusal in words.</summary>
    private delegate (Dictionary<string, object?>? Changes, string? Refusal) Transition(IReadOnlyDictionary<string, object?> row,
        IReadOnlyDictionary<string, object?> parameters, DateTimeOffset now);

    /// <summary>The function imports the sandbox carries out; the others in the metadata answer 501.</summary>
    private static readonly Dictionary<string, Transition> Transitions = new(StringComparer.Ordinal)
    {
        ["ReleaseMaintenanceOrder"] = (row, _, _) => OrderStatus(row, ["CRTD"], "REL", "04"),
        ["SetMaintOrdToTechCompleted"] = (row, p, now) => With(OrderStatus(row, ["REL"], "TECO", "05"), new()
        {
            ["MainWorkCompletedDateTime"] = p.GetValueOrDefault("MaintOrderReferenceDateTime") ?? now,
            ["MaintOrderReferenceDateTime"] = p.GetValueOrDefault("MaintOrderReferenceDateTime") ?? now,
        }),
        ["ResetMaintOrdStsTechCompleted"] = (row, _, _) => With(OrderStatus(row, ["TECO"], "REL", "04"), new() { ["MainWorkCompletedDateTime"] = null }),
        ["SetMaintOrderStatusToClosed"] = (row, _, _) => OrderStatus(row, ["TECO"], "CLSD", "06"),
        ["ResetMaintOrderStatusClosed"] = (row, _, _) => OrderStatus(row, ["CLSD"], "TECO", "05"),
        ["SetMaintOrdStsToMrkdForDeltn"] = (row, _, _) => DeletionFlag(row, true),
        ["ResetMaintOrdStsMrkdForDeltn"] = (row, _, _) => DeletionFlag(row, false),
        ["SetMaintNotifToInProcess"] = (row, _, _) => NotificationPhase(row, ["1", "2"], "3", "In Process"),
        ["CompleteMaintNotification"] = (row, _, _) => NotificationPhase(row, ["1", "2", "3"], "4", "Completed"),
        ["SetEquipmentToInactive"] = (row, _, _) => Flag(row, "EquipmentIsInactive", true),
        ["ResetEquipmentFromInactive"] = (row, _, _) => Flag(row, "EquipmentIsInactive", false),
    };

    private static JsonResult FunctionImport(HttpContext http, SapSandbox sandbox, SapService service, string root, EdmFunctionImport function, string user)
    {
        if (!string.Equals(http.Request.Method, function.HttpMethod, StringComparison.OrdinalIgnoreCase))
        {
            throw new SapODataError(StatusCodes.Status405MethodNotAllowed, SapODataError.TechnicalError,
                $"Function import '{function.Name}' must be called with {function.HttpMethod}");
        }

        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var parameter in function.Parameters)
        {
            if (http.Request.Query[parameter.Name].FirstOrDefault() is not { } text)
            {
                continue;
            }

            if (!SapValues.TryConvert(parameter.Type, SapFilterLexer.ParseLiteral(text), out var value))
            {
                throw SapODataError.BadRequest($"Invalid value for parameter '{parameter.Name}' ({parameter.Type})");
            }

            parameters[parameter.Name] = value;
        }

        if (!Transitions.TryGetValue(function.Name, out var transition))
        {
            throw new SapODataError(StatusCodes.Status501NotImplemented, SapODataError.TechnicalError,
                $"Function import '{function.Name}' is not implemented in the sandbox");
        }

        // The entity acted on: the set holding the parameters' key (every action-for type of these services has one).
        var set = service.Sets.Values.FirstOrDefault(s => s.Type.Keys.All(parameters.ContainsKey) && s.Type.Keys.Contains(function.Parameters[0].Name))
            ?? throw SapODataError.BadRequest($"Function import '{function.Name}' needs the parameters {string.Join(", ", function.Parameters.Select(p => p.Name))}; a key parameter is missing");
        var table = sandbox.Data.Table(service.Name, set.Name);
        var key = SapTable.KeyOf(set.Type, parameters);
        var row = table.Find(key) ?? throw new SapODataError(StatusCodes.Status404NotFound, SapODataError.BusinessError,
            $"{set.Name} {string.Join(" / ", set.Type.Keys.Select(k => parameters[k]))} does not exist");
        CheckEtag(http, set.Type, row);
        var now = sandbox.Now();
        var updated = table.Update(key, current =>
        {
            var (changes, refusal) = transition(current, parameters, now);
            return changes is null
                ? throw new SapODataError(StatusCodes.Status400BadRequest, SapODataError.BusinessError, $"{set.Name} {key}: {refusal}")
                : Stamp(set.Type, new Dictionary<string, object?>(current), changes, user, now);
        })!;
        if (SapValues.Etag(set.Type, updated) is { } etag)
        {
            http.Response.Headers.ETag = etag;
        }

        JsonNode result = function.EntitySet is null
            ? new JsonObject
            {
                [function.Name] = new JsonObject { ["__metadata"] = new JsonObject { ["type"] = function.ReturnType }, ["IsInvalid"] = false },
            }
            : SapSandboxJson.Entity(sandbox.Data, service, root, set, updated, null);
        return Ok(result);
    }

    /// <summary>Replaces the lifecycle status (the first word of <c>SystemStatusText</c>) when it is one of <paramref name="from"/>.</summary>
    private static (Dictionary<string, object?>?, string?) OrderStatus(IReadOnlyDictionary<string, object?> row, string[] from, string to, string phase)
    {
        var text = (string?)row["SystemStatusText"] ?? "";
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Contains("DLFL") || words.Length == 0 || !from.Contains(words[0]))
        {
            return (null, $"status {(words.Length == 0 ? "(none)" : string.Join(' ', words))} does not allow this business transaction");
        }

        var rest = string.Join(' ', words.Skip(1));
        return (new() { ["SystemStatusText"] = $"{to.PadRight(4)} {rest}".TrimEnd(), ["MaintOrdProcessPhaseCode"] = phase }, null);
    }

    /// <summary>The deletion flag <c>DLFL</c>, written after the lifecycle status; a released order must be completed technically first.</summary>
    private static (Dictionary<string, object?>?, string?) DeletionFlag(IReadOnlyDictionary<string, object?> row, bool set)
    {
        var words = ((string?)row["SystemStatusText"] ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var flagged = words.Contains("DLFL");
        if (words.Count == 0 || flagged == set || (set && words[0] == "REL"))
        {
            return (null, $"status {string.Join(' ', words)} does not allow this business transaction");
        }

        if (set)
        {
            words.Insert(1, "DLFL");
        }
        else
        {
            words.Remove("DLFL");
        }

        return (new() { ["SystemStatusText"] = $"{words[0].PadRight(4)} {string.Join(' ', words.Skip(1))}".TrimEnd() }, null);
    }

    private static (Dictionary<string, object?>?, string?) NotificationPhase(IReadOnlyDictionary<string, object?> row, string[] from, string to, string text) =>
        from.Contains((string?)row["NotifProcessingPhase"])
            ? (new() { ["NotifProcessingPhase"] = to, ["NotifProcessingPhaseDesc"] = text }, null)
            : (null, $"processing phase {row["NotifProcessingPhase"]} does not allow this business transaction");

    private static (Dictionary<string, object?>?, string?) Flag(IReadOnlyDictionary<string, object?> row, string name, bool value) =>
        row[name] is bool current && current != value ? (new() { [name] = value }, null) : (null, $"{name} is already {value.ToString().ToLowerInvariant()}");

    private static (Dictionary<string, object?>?, string?) With((Dictionary<string, object?>? Changes, string? Refusal) result, Dictionary<string, object?> more)
    {
        if (result.Changes is null)
        {
            return result;
        }

        foreach (var (name, value) in more)
        {
            result.Changes[name] = value;
        }

        return result;
    }
}
