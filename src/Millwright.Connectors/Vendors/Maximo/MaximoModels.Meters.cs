using System.Text.Json.Nodes;

namespace Millwright.Connectors.Vendors.Maximo;

/// <summary>
/// Meters, readings, PM records and person groups (README.md, "Meters, PM records and person groups"). Asset meters are the
/// <c>assetmeter</c> rows of MXAPIASSET, their type comes from the meter itself (<c>rel.meter{metertype}</c>), as IBM's own
/// Technician app reads them (vendor-specs/ibm-maximo/SOURCE.md); readings are the rows' <c>meterreading</c> (continuous
/// meters) and <c>measurement</c> (gauge and characteristic meters) history. A row carries neither its asset nor its site, so
/// the expansion copies them from the asset.
/// </summary>
internal static class MaximoMeters
{
    public const string MeterSelect =
        "assetnum,siteid,orgid,location,assetmeter{assetmeterid,metername,linearassetmeterid,active,measureunitid,domainid,readingtype,pointnum,"
        + "lastreading,lastreadingdate,previousreading,previousreadingdate,average,lifetodate,changedate,rel.meter{description,metertype,measureunitid,domainid}}";

    public const string ReadingSelect =
        "assetnum,siteid,orgid,location,assetmeter{metername,linearassetmeterid,measureunitid,"
        + "meterreading{meterreadingid,reading,readingdate,delta,didrollover,enterby,enterdate,inspector,readingsource,readingtype,measureunitid},"
        + "measurement{measurementid,measurementvalue,observation,measuredate,inspector,pointnum}}";

    public const string PmSelect =
        "pmnum,description,siteid,orgid,status,assetnum,location,jpnum,persongroup,worktype,frequency,frequnit,usefrequency,"
        + "laststartdate,lastcompdate,nextdate,changedate,pmmeter{metername,frequency,lastpmwogenread,rel.meter{metertype,measureunitid}}";

    public const string PersonGroupSelect = "persongroup,description,persongroupteam{respparty,resppartyseq,groupdefault,orgdefault,sitedefault}";

    /// <summary>
    /// Assets with a meter changed since <paramref name="stamp"/> (a dotted <c>oslc.where</c> on the child), and of those only the
    /// changed meters (the child filter <c>asset.assetmeter.where</c>): REST API Guide, "Filtering" and "Child objects".
    /// </summary>
    public static string MetersSince(string stamp) =>
        "&oslc.where=" + Uri.EscapeDataString($"assetmeter.changedate>={stamp}") + "&asset.assetmeter.where=" + Uri.EscapeDataString($"changedate>={stamp}");

    /// <summary>Readings entered (continuous) or measured (gauge, characteristic) since <paramref name="stamp"/>; Maximo refuses a reading dated before a meter's last one.</summary>
    public static string ReadingsSince(string stamp) =>
        "&oslc.where=" + Uri.EscapeDataString($"assetmeter.meterreading.enterdate>={stamp} or assetmeter.measurement.measuredate>={stamp}")
        + "&assetmeter.meterreading.where=" + Uri.EscapeDataString($"enterdate>={stamp}")
        + "&assetmeter.measurement.where=" + Uri.EscapeDataString($"measuredate>={stamp}");

    /// <summary>Inherited attributes of an asset that a meter row lacks.</summary>
    private static readonly string[] FromAsset = ["assetnum", "siteid", "orgid", "location"];

    public static IEnumerable<JsonObject> Meters(JsonObject asset)
    {
        foreach (var row in Rows(asset, "assetmeter"))
        {
            var meter = Inherit(row, asset);
            Keys(meter);
            yield return meter;
        }
    }

    public static IEnumerable<JsonObject> Readings(JsonObject asset)
    {
        foreach (var meterRow in Rows(asset, "assetmeter"))
        {
            foreach (var child in new[] { "meterreading", "measurement" })
            {
                foreach (var row in Rows(meterRow, child))
                {
                    var reading = Inherit(row, asset);
                    reading["metername"] ??= meterRow["metername"]?.DeepClone();
                    reading["measureunitid"] ??= meterRow["measureunitid"]?.DeepClone();
                    Keys(reading);
                    yield return reading;
                }
            }
        }
    }

    /// <summary>A METERREADING's key is its id and site; a MEASUREMENT's its id alone (the schema's pk), so it is marked.</summary>
    public static string? ReadingId(JsonObject reading) =>
        MaximoComputed.Text(reading["meterreadingid"]) is { } id ? MaximoComputed.Text(reading["siteid"]) is { } site ? $"{site}/{id}" : null
        : MaximoComputed.Text(reading["measurementid"]) is { } measurement ? $"MEASUREMENT/{measurement}"
        : null;

    public static void Pm(JsonObject pm)
    {
        MaximoComputed.Key(pm, "asset", pm, "siteid", pm, "assetnum");
        MaximoComputed.Key(pm, "location", pm, "siteid", pm, "location");
        if (Rows(pm, "pmmeter").FirstOrDefault() is { } meter && MaximoComputed.Text(pm["assetnum"]) is { } asset)
        {
            MaximoComputed.Key(pm, "meter", pm, "siteid", new JsonObject { ["key"] = $"{asset}/{MaximoComputed.Text(meter["metername"])}" }, "key");
        }
    }

    private static void Keys(JsonObject record)
    {
        MaximoComputed.Key(record, "asset", record, "siteid", record, "assetnum");
        MaximoComputed.Key(record, "location", record, "siteid", record, "location");
        if (MaximoComputed.Text(record["assetnum"]) is { } asset && MaximoComputed.Text(record["metername"]) is { } meter)
        {
            MaximoComputed.Key(record, "meter", record, "siteid", new JsonObject { ["key"] = $"{asset}/{meter}" }, "key");
        }
    }

    private static JsonObject Inherit(JsonObject row, JsonObject asset)
    {
        var record = row.DeepClone().AsObject();
        foreach (var name in FromAsset)
        {
            if (asset[name] is { } value && !record.ContainsKey(name))
            {
                record[name] = value.DeepClone();
            }
        }

        return record;
    }

    private static IEnumerable<JsonObject> Rows(JsonObject parent, string child) => (parent[child] as JsonArray)?.OfType<JsonObject>() ?? [];
}
