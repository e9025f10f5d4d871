using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Millwright.Sandbox.Maximo;

/// <summary>
/// What Maximo does with <c>newreading</c>/<c>newreadingdate</c> on an asset meter (SOURCE.md, "Recording a reading on an asset
/// meter"): the reading becomes history (a METERREADING row for a continuous meter, a MEASUREMENT row with the value or, for a
/// characteristic meter, the observation for the others), the meter's last and previous readings and its life-to-date totals
/// move on, and the non-persistent attributes are not kept. A reading date must be later than the meter's last one, and a
/// continuous meter's reading cannot fall unless the row asks for a rollover (IBM docs, technote). The reason codes are the
/// sandbox's own (README, "Known differences").
/// </summary>
internal static class MxmMeterReadings
{
    public const string DateNotLaterReason = "BMXAA2594E";
    public const string ReadingFellReason = "BMXAA2595E";

    public static void Record(MxmObjectStructure os, JsonObject asset, MaximoSandboxData data, string now)
    {
        if (os.Child("assetmeter") is not { } child || asset["assetmeter"] is not JsonArray meters)
        {
            return;
        }

        foreach (var meter in meters.OfType<JsonObject>())
        {
            var value = MxmJson.Text(meter["newreading"]);
            var inspector = MxmJson.Text(meter["inspector"]) ?? MaximoSandboxSettings.DemoUser;
            var date = MxmJson.Date(meter["newreadingdate"]) ?? MxmJson.Date(JsonValue.Create(now))!.Value;
            foreach (var name in child.Transient)
            {
                meter.Remove(name);
            }

            if (value is null)
            {
                continue;
            }

            var meterName = MxmJson.Text(meter["metername"]) ?? "";
            var definition = data.Table(MxmStructures.Find("mxapimeter")!).Find(meterName)
                ?? throw MxmError.Invalid($"The meter {meterName} does not exist.");
            if (MxmJson.Date(meter["lastreadingdate"]) is { } last && date <= last)
            {
                throw new MxmError(StatusCodes.Status400BadRequest, DateNotLaterReason,
                    $"The reading date {MxmJson.Ts(date)} of meter {meterName} must be later than its last reading date {MxmJson.Ts(last)}.");
            }

            var type = MxmJson.Text(definition["metertype"]);
            if (type == "CHARACTERISTIC")
            {
                Append(meter, "measurement", Measurement(asset, meter, data, null, value, date, inspector));
            }
            else
            {
                if (!decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    throw MxmError.Invalid($"The reading {value} of meter {meterName} is not a number.");
                }

                if (type == "CONTINUOUS")
                {
                    var previous = decimal.TryParse(MxmJson.Text(meter["lastreading"]), NumberStyles.Float, CultureInfo.InvariantCulture, out var p) ? p : (decimal?)null;
                    var rollover = meter["dorollover"] is JsonValue r && r.TryGetValue<bool>(out var b) && b;
                    if (previous is { } before && number < before && !rollover)
                    {
                        throw new MxmError(StatusCodes.Status400BadRequest, ReadingFellReason,
                            $"The reading {value} of continuous meter {meterName} is less than the last reading {before}. Mark it as a rollover to accept it.");
                    }

                    var delta = previous is { } b2 && number >= b2 ? number - b2 : 0m;
                    Append(meter, "meterreading", new JsonObject
                    {
                        ["meterreadingid"] = data.NextId(),
                        ["reading"] = number,
                        ["readingdate"] = MxmJson.Ts(date),
                        ["delta"] = delta,
                        ["didrollover"] = rollover && previous is { } b3 && number < b3,
                        ["dorollover"] = rollover,
                        ["enterby"] = MaximoSandboxSettings.DemoUser,
                        ["enterdate"] = now,
                        ["inspector"] = inspector,
                        ["readingsource"] = "MANUAL",
                        ["readingtype"] = "ACTUAL",
                        ["modified"] = false,
                        ["measureunitid"] = meter["measureunitid"]?.DeepClone(),
                        ["assetid"] = asset["assetid"]?.DeepClone(),
                        ["orgid"] = asset["orgid"]?.DeepClone(),
                    });
                    foreach (var total in new[] { "sinceinstall", "sincelastrepair", "sincelastoverhaul", "sincelastinspect", "lifetodate" })
                    {
                        meter[total] = (MxmJson.Number(meter[total]) ?? 0m) + delta;
                    }

                    meter["dorollover"] = false;
                }
                else
                {
                    Append(meter, "measurement", Measurement(asset, meter, data, number, null, date, inspector));
                }
            }

            meter["previousreading"] = meter["lastreading"]?.DeepClone();
            meter["previousreadingdate"] = meter["lastreadingdate"]?.DeepClone();
            meter["lastreading"] = value;
            meter["lastreadingdate"] = MxmJson.Ts(date);
            meter["lastreadinginspctr"] = inspector;
            meter["changedate"] = now;
            meter["changeby"] = MaximoSandboxSettings.DemoUser;
        }
    }

    private static JsonObject Measurement(JsonObject asset, JsonObject meter, MaximoSandboxData data, decimal? value, string? observation, DateTimeOffset date, string inspector) => new()
    {
        ["measurementid"] = data.NextId(),
        ["measurementvalue"] = value,
        ["observation"] = observation,
        ["measuredate"] = MxmJson.Ts(date),
        ["pointnum"] = meter["pointnum"]?.DeepClone(),
        ["inspector"] = inspector,
        ["evaluatedforwogen"] = false,
        ["assetid"] = asset["assetid"]?.DeepClone(),
        ["location"] = asset["location"]?.DeepClone(),
        ["orgid"] = asset["orgid"]?.DeepClone(),
    };

    private static void Append(JsonObject meter, string child, JsonObject row)
    {
        if (meter[child] is not JsonArray rows)
        {
            meter[child] = rows = [];
        }

        rows.Add(row);
    }
}
