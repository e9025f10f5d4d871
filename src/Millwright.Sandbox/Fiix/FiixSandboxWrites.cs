using System.Text.Json;
using System.Text.Json.Nodes;

namespace Millwright.Sandbox.Fiix;

internal sealed partial class FxExecutor
{
    /// <summary><c>AddRequest</c>: every field given must be declared with a value of its type; the server stamps ids, dates and counters.</summary>
    private JsonObject Add(JsonObject request)
    {
        var (className, fields) = Class(request);
        var selection = Selection(className, fields, request["fields"]);
        var given = Object(request, className);
        var values = new JsonObject();
        foreach (var (name, value) in given)
        {
            if (name is "className" or "id" or "extraFields")
            {
                continue;
            }

            values[name] = Checked(className, fields, name, value);
        }

        Stamp(className, values, null);
        var id = Data.Add(className, values);
        var stored = Data.Find(className, id)!;
        AfterWrite(className, stored, null);
        return new JsonObject { ["object"] = Render(className, stored, selection), ["count"] = 1 };
    }

    /// <summary><c>ChangeRequest</c>: writes exactly the fields named in <c>changeFields</c> (a field named but absent from the object is cleared).</summary>
    private JsonObject Change(JsonObject request)
    {
        var (className, fields) = Class(request);
        var selection = Selection(className, fields, request["fields"]);
        var given = Object(request, className);
        var id = Long(given["id"]) ?? throw FxError.BadMessage("The object of a ChangeRequest needs its id.");
        var current = Data.Find(className, id) ?? throw new FxError(FxLeg.Process, FxError.NotFound, $"There is no {className} with id {id}.");
        var changeFields = Text(request["changeFields"]) is { } list ? Names(list).ToList() : [];
        if (changeFields.Count == 0)
        {
            throw FxError.BadMessage("A ChangeRequest needs changeFields: the comma-separated fields to write.");
        }

        var before = current.DeepClone().AsObject();
        var values = current.DeepClone().AsObject();
        foreach (var name in changeFields)
        {
            if (name == "id" || !fields.ContainsKey(name))
            {
                throw name == "id" ? FxError.Value("The id of an object cannot be changed.") : FxError.Field(className, name);
            }

            values[name] = Checked(className, fields, name, given[name]);
        }

        Stamp(className, values, before);
        Data.Put(className, values);
        var stored = Data.Find(className, id)!;
        AfterWrite(className, stored, before);
        return new JsonObject { ["object"] = Render(className, stored, selection), ["count"] = 1 };
    }

    /// <summary><c>RemoveRequest</c>: <c>count</c> 1 when the object existed, 0 when it did not.</summary>
    private JsonObject Remove(JsonObject request)
    {
        var (className, _) = Class(request);
        var id = Long(request["id"]) ?? throw FxError.BadMessage("A RemoveRequest needs the id of the object.");
        var existing = Data.Find(className, id);
        if (existing is null || !Data.Remove(className, id))
        {
            return new JsonObject { ["count"] = 0 };
        }

        if (className == "WorkOrder")
        {
            foreach (var child in new[] { "WorkOrderAsset", "WorkOrderUser", "WorkOrderPart" })
            {
                foreach (var row in Data.All(child).Where(r => Long(r["intWorkOrderID"]) == id).ToList())
                {
                    Data.Remove(child, Long(row["id"])!.Value);
                }
            }
        }

        AfterWrite(className, existing, existing);
        return new JsonObject { ["count"] = 1 };
    }

    private static JsonObject Object(JsonObject request, string className)
    {
        if (request["object"] is not JsonObject given)
        {
            throw FxError.BadMessage("The request needs an object.");
        }

        if (Text(given["className"]) is { } tagged && tagged != className)
        {
            throw FxError.BadMessage($"The object's className ({tagged}) is not the request's className ({className}).");
        }

        return given;
    }

    private static JsonNode? Checked(string className, IReadOnlyDictionary<string, FxType> fields, string name, JsonNode? value)
    {
        if (!fields.TryGetValue(name, out var type))
        {
            throw FxError.Field(className, name);
        }

        if (value is null || value.GetValueKind() == JsonValueKind.Null)
        {
            return null;
        }

        var kind = value.GetValueKind();
        var fits = type switch
        {
            FxType.String => kind == JsonValueKind.String,
            FxType.Double => kind == JsonValueKind.Number,
            _ => kind == JsonValueKind.Number && value.AsValue().TryGetValue<long>(out _),
        };
        if (!fits || (name.StartsWith("bol", StringComparison.Ordinal) && Long(value) is not (0 or 1)))
        {
            var expected = type switch
            {
                FxType.String => "text",
                FxType.Double => "a number",
                FxType.Date => "a date in epoch milliseconds",
                _ => name.StartsWith("bol", StringComparison.Ordinal) ? "0 or 1" : "a whole number",
            };
            throw FxError.Value($"{className}.{name} takes {expected}, not {value.ToJsonString()}.");
        }

        return value.DeepClone();
    }

    /// <summary>What the server sets on every write (dates to the second, as Fiix stores them).</summary>
    private void Stamp(string className, JsonObject values, JsonObject? before)
    {
        var now = sandbox.NowMs();
        var fields = FxClasses.All[className];
        if (fields.ContainsKey("intUpdated"))
        {
            values["intUpdated"] = (Long(before?["intUpdated"]) ?? 0) + 1;
        }

        switch (className)
        {
            case "WorkOrder":
                values["dtmDateLastModified"] = now;
                if (before is null)
                {
                    values["dtmDateCreated"] ??= now;
                    values["intWorkOrderStatusID"] ??= FiixSandboxSeed.WorkOrderStatuses.First(s => s.Control == FiixSandboxSeed.OpenControl).Id;
                    values["strCode"] ??= (Data.All("WorkOrder").Select(w => long.TryParse((string?)w["strCode"], out var n) ? n : 0).DefaultIfEmpty(10000).Max() + 1)
                        .ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                var status = Long(values["intWorkOrderStatusID"]);
                if (status is { } statusId && Data.Find("WorkOrderStatus", statusId) is not { } statusRow)
                {
                    throw FxError.Value($"There is no WorkOrderStatus with id {statusId}.");
                }

                var closed = status is { } s && Long(Data.Find("WorkOrderStatus", s)!["intControlID"]) == FiixSandboxSeed.ClosedControl;
                if (closed && values["dtmDateCompleted"] is null)
                {
                    values["dtmDateCompleted"] = now;
                }

                break;
            case "ScheduledMaintenance":
                values["dtmUpdatedDate"] = now;
                if (before is null)
                {
                    values["dtmCreateDate"] ??= now;
                }

                break;
            case "MeterReading" when before is null:
                values["dtmDateSubmitted"] ??= now;
                break;
            case "PurchaseOrderLineItem" when before is null:
                values["dtmDateCreated"] ??= now;
                break;
        }
    }

    /// <summary>
    /// Keeps derived values true after a write: a work order's asset and assignee lists follow its
    /// WorkOrderAsset and WorkOrderUser rows (and the change touches the work order), a part's stock count
    /// follows its Stock rows.
    /// </summary>
    private void AfterWrite(string className, JsonObject stored, JsonObject? before)
    {
        switch (className)
        {
            case "WorkOrderAsset" or "WorkOrderUser" or "WorkOrderPart":
                foreach (var workOrder in new[] { Long(stored["intWorkOrderID"]), Long(before?["intWorkOrderID"]) }.OfType<long>().Distinct())
                {
                    RefreshWorkOrder(workOrder);
                }

                break;
            case "Stock":
                foreach (var part in new[] { Long(stored["intAssetID"]), Long(before?["intAssetID"]) }.OfType<long>().Distinct())
                {
                    if (Data.Find("Asset", part) is { } asset)
                    {
                        var copy = asset.DeepClone().AsObject();
                        copy["qtyStockCount"] = Data.All("Stock").Where(s => Long(s["intAssetID"]) == part).Sum(s => s["qtyOnHand"]?.GetValue<double>() ?? 0);
                        copy["intUpdated"] = (Long(asset["intUpdated"]) ?? 0) + 1;
                        Data.Put("Asset", copy);
                    }
                }

                break;
        }
    }

    private void RefreshWorkOrder(long id)
    {
        if (Data.Find("WorkOrder", id) is not { } workOrder)
        {
            return;
        }

        var copy = workOrder.DeepClone().AsObject();
        var assets = Data.All("WorkOrderAsset").Where(r => Long(r["intWorkOrderID"]) == id).Select(r => Long(r["intAssetID"])).OfType<long>().ToList();
        var users = Data.All("WorkOrderUser").Where(r => Long(r["intWorkOrderID"]) == id).Select(r => Long(r["intUserID"])).OfType<long>().ToList();
        copy["strAssetIds"] = string.Join(",", assets);
        copy["strAssets"] = string.Join(", ", assets.Select(a => (string?)Data.Find("Asset", a)?["strName"]));
        copy["strAssignedUserIds"] = string.Join(",", users);
        copy["strAssignedUsers"] = string.Join(", ", users.Select(u => (string?)Data.Find("User", u)?["strFullName"]));
        copy["dtmDateLastModified"] = sandbox.NowMs();
        copy["intUpdated"] = (Long(workOrder["intUpdated"]) ?? 0) + 1;
        Data.Put("WorkOrder", copy);
    }
}
