using System.Text.Json;
using System.Text.Json.Nodes;

namespace Millwright.Sandbox.Fiix;

/// <summary>
/// Executes one message against the tenant (the caller holds the tenant lock): the CRUD requests, the
/// RPCs <c>Ping</c> and <c>GetPermissions</c>, and batches. A failure of one request of a batch is that
/// response's <c>error</c>; with <c>singleTransaction</c> every change of the batch is rolled back and the
/// batch stops there.
/// </summary>
internal sealed partial class FxExecutor(FiixSandbox sandbox)
{
    private FiixSandboxData Data => sandbox.Data;

    /// <summary>The server version every response names (the unofficial .NET port models API 2.48.1).</summary>
    public static JsonObject Version() => new() { ["major"] = 2, ["minor"] = 48, ["patch"] = 1 };

    public JsonObject Execute(JsonObject request)
    {
        var messageClass = (string)request["_maCn"]!;
        if (messageClass == "BatchRequest")
        {
            return Batch(request);
        }

        return Simple(request, messageClass);
    }

    private JsonObject Simple(JsonObject request, string messageClass)
    {
        var responseClass = messageClass.EndsWith("Request", StringComparison.Ordinal) ? messageClass[..^"Request".Length] + "Response" : "Response";
        var response = new JsonObject { ["_maCn"] = responseClass, ["serverVersion"] = Version() };
        try
        {
            var payload = messageClass switch
            {
                "FindRequest" => Find(request),
                "FindByIdRequest" => FindById(request),
                "AddRequest" => Add(request),
                "ChangeRequest" => Change(request),
                "RemoveRequest" => Remove(request),
                "RpcRequest" or "RPCRequest" => Rpc(request),
                _ => throw FxError.BadMessage($"Unknown message class '{messageClass}'."),
            };
            foreach (var (name, value) in payload)
            {
                response[name] = value?.DeepClone();
            }
        }
        catch (FxError error)
        {
            response["error"] = error.ToJson();
        }

        return response;
    }

    private JsonObject Batch(JsonObject request)
    {
        if (request["requests"] is not JsonArray requests)
        {
            throw FxError.BadMessage("A BatchRequest needs requests: a list of simple requests.");
        }

        var transactional = request["singleTransaction"]?.GetValueKind() == JsonValueKind.True;
        var snapshot = transactional ? Data.Snapshot() : null;
        var responses = new JsonArray();
        var response = new JsonObject { ["_maCn"] = "BatchResponse", ["serverVersion"] = Version(), ["responses"] = responses };
        foreach (var item in requests)
        {
            if (item is not JsonObject inner || inner["_maCn"] is not JsonValue tag || tag.GetValueKind() != JsonValueKind.String || (string)tag! == "BatchRequest")
            {
                throw FxError.BadMessage("Every request of a batch must be a simple request object with _maCn (batches do not nest).");
            }

            var result = Simple(inner, (string)tag!);
            responses.Add(result);
            if (result["error"] is JsonObject error && snapshot is not null)
            {
                Data.Restore(snapshot);
                response["error"] = new JsonObject
                {
                    ["leg"] = FxLeg.Process,
                    ["code"] = error["code"]?.DeepClone(),
                    ["message"] = $"Request {responses.Count} of the batch failed, so no change of the batch was kept: {(string?)error["message"]}",
                    ["stackTrace"] = null,
                    ["object"] = null,
                };
                break;
            }
        }

        return response;
    }

    private JsonObject Rpc(JsonObject request)
    {
        var name = request["name"] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? (string)value! : null;
        switch (name)
        {
            case "Ping":
                return new JsonObject { ["object"] = new JsonObject() };
            case "GetPermissions":
                var sites = new JsonObject();
                foreach (var site in Data.All("Asset").Where(a => Long(a["bolIsSite"]) == 1))
                {
                    sites[Long(site["id"])!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new JsonArray(1);
                }

                var resources = new JsonObject();
                foreach (var className in FxClasses.All.Keys)
                {
                    resources[className] = resources.Count + 1;
                }

                return new JsonObject
                {
                    ["object"] = new JsonObject
                    {
                        ["isAdministrator"] = true,
                        ["resourceIdsByName"] = resources,
                        ["groupIdsBySiteId"] = sites,
                        ["permissionsByGroupId"] = new JsonObject
                        {
                            ["1"] = new JsonArray("[ao]", "[co]", "[ro]", "[fo]", "[rf]", "[wf]", "[ir]"),
                        },
                    },
                };
            default:
                throw new FxError(FxLeg.Process, FxError.UnknownRpc, $"Unknown RPC '{name}'. This tenant answers Ping and GetPermissions.");
        }
    }

    internal static long? Long(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<long>(out var number) ? number : null;
}
