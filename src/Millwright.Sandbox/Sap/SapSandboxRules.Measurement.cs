namespace Millwright.Sandbox.Sap;

/// <summary>
/// A measurement document as the application completes it: the measuring point must exist and be active; the document is numbered; the
/// point's characteristic, units and position are copied; the reading is given in the point's unit (<c>MeasurementReadingInEntryUoM</c>,
/// else <c>MeasurementReading</c> or, for counters, <c>MeasurementCounterReading</c>) and stored also in the SI unit; a counter reading may
/// not go below the last one (no overflow emulated), and its difference is derived; time and user are stamped.
/// </summary>
internal static partial class SapSandboxRules
{
    private const string PointService = "API_MEASURINGPOINT_0001";

    /// <summary>Factor and offset from a point's unit to its SI unit, as the seed's characteristics define them.</summary>
    private static readonly Dictionary<string, (double Factor, double Offset)> ToSi = new(StringComparer.Ordinal)
    {
        ["H"] = (3600, 0),
        ["CEL"] = (1, 273.15),
        ["MMS"] = (0.001, 0),
    };

    private static void CompleteMeasurement(SapSandboxData data, EdmEntitySet set, Dictionary<string, object?> row,
        IReadOnlyDictionary<string, object?> values, string user, DateTimeOffset now)
    {
        var point = row["MeasuringPoint"] is string { Length: > 0 } id ? data.Table(PointService, "MeasuringPoint").Find(SapValues.Literal(id)) : null;
        Require(point is not null, $"Measuring point '{row["MeasuringPoint"]}' does not exist");
        Require(point!["MeasuringPointIsInactive"] is false, $"Measuring point {point["MeasuringPoint"]} is inactive");
        var unit = (string)point["CharcValueUnit"]!;
        Require(values.GetValueOrDefault("MeasurementReadingEntryUoM") is null or "" || Equals(values["MeasurementReadingEntryUoM"], unit),
            $"Unit '{values.GetValueOrDefault("MeasurementReadingEntryUoM")}' cannot be converted to the unit {unit} of measuring point {point["MeasuringPoint"]}");
        var counter = point["MeasuringPointIsCounter"] is true;
        var value = values.GetValueOrDefault("MeasurementReadingInEntryUoM") as double?
            ?? (counter ? values.GetValueOrDefault("MeasurementCounterReading") as double? : null)
            ?? values.GetValueOrDefault("MeasurementReading") as double?;
        Require(value is not null, "Enter a measurement reading");
        var table = data.Table("API_MEASUREMENTDOCUMENT_0001", set.Name);
        var previous = table.Snapshot().Where(d => Equals(d["MeasuringPoint"], point["MeasuringPoint"]) && d["MsmtRdngIsReversed"] is false)
            .OrderBy(d => d["MeasurementReadingDateTime"] as DateTimeOffset?).LastOrDefault();
        if (counter && previous is not null)
        {
            Require(value >= (double)previous["MeasurementCounterReading"]!,
                $"Counter reading {value} is lower than the last reading {previous["MeasurementCounterReading"]} of measuring point {point["MeasuringPoint"]}");
        }

        var date = row["MsmtRdngDate"] as DateTime? ?? DateTime.SpecifyKind(now.UtcDateTime.Date, DateTimeKind.Utc);
        var time = values.ContainsKey("MsmtRdngTime") ? (TimeSpan)row["MsmtRdngTime"]! : now.TimeOfDay;
        var (factor, offset) = ToSi.GetValueOrDefault(unit, (1, 0));
        Number(table, row, "MeasurementDocument", 1);
        row["MsmtRdngDate"] = date;
        row["MsmtRdngTime"] = new TimeSpan(time.Hours, time.Minutes, time.Seconds);
        row["MeasurementReadingDateTime"] = new DateTimeOffset(date.Add(new TimeSpan(time.Hours, time.Minutes, time.Seconds)), TimeSpan.Zero);
        row["MsmtDocumentCreationDateTime"] = now;
        row["MeasuringPointPositionNumber"] = point["MeasuringPointPositionNumber"];
        row["Characteristic"] = point["MsrgPtInternalCharacteristic"];
        row["CharcValueUnit"] = unit;
        row["MsmtDocumentSIUnitOfMeasure"] = point["MeasuringPointSIUnitOfMeasure"];
        row["MeasuringPointTargetValue"] = point["MeasuringPointTargetValue"];
        row["MeasurementReadingInEntryUoM"] = value;
        row["MeasurementReadingEntryUoM"] = unit;
        row["MeasurementReading"] = value!.Value * factor + offset;
        row["MeasurementCounterReading"] = counter ? value : 0d;
        row["MsmtCounterReadingDifference"] = counter && previous is not null ? value!.Value - (double)previous["MeasurementCounterReading"]! : 0d;
        row["MeasurementDocumentHasLongText"] = false;
        if (row["MsmtRdngByUser"] is not string { Length: > 0 })
        {
            row["MsmtRdngByUser"] = user;
        }
    }
}
