using static Millwright.Sandbox.Maximo.MxmType;

namespace Millwright.Sandbox.Maximo;

/// <summary>
/// Meters, preventive maintenance and person groups. ASSETMETER, METERREADING and MEASUREMENT take their attribute names and
/// JSON types from the server's own MXAPIASSET schema (`../shared/vendor-specs/ibm-maximo/jsonschema-mxapiasset-full.json`;
/// tests check the records against it, lengths included). METER, PM, PMMETER, PERSONGROUP and PERSONGROUPTEAM have no
/// published schema: their names come from IBM's technotes and app code as SOURCE.md lists them.
/// </summary>
internal static partial class MxmStructures
{
    private static MxmChild AssetMeters() => new("assetmeter", Attrs(
        ("assetmeterid", Integer), ("metername", Text), ("linearassetmeterid", Integer), ("orgid", Text), ("active", YesNo),
        ("measureunitid", Text), ("readingtype", Text), ("domainid", Text), ("pointnum", Text), ("sequence", Integer), ("remarks", Text),
        ("lastreading", Text), ("lastreadingdate", Timestamp), ("lastreadinginspctr", Text), ("previousreading", Text), ("previousreadingdate", Timestamp),
        ("newreading", Text), ("newreadingdate", Timestamp), ("inspector", Text),
        ("isdelta", YesNo), ("dorollover", YesNo), ("rollover", Number), ("average", Number), ("avgcalcmethod", Text), ("slidingwindowsize", Integer),
        ("sinceinstall", Number), ("sincelastrepair", Number), ("sincelastoverhaul", Number), ("sincelastinspect", Number), ("lifetodate", Number),
        ("changeby", Text), ("changedate", Timestamp)))
    {
        Children =
        [
            new("meterreading", Attrs(
                ("meterreadingid", Integer), ("reading", Number), ("readingdate", Timestamp), ("delta", Number), ("didrollover", YesNo), ("dorollover", YesNo),
                ("enterby", Text), ("enterdate", Timestamp), ("inspector", Text), ("readingsource", Text), ("readingtype", Text), ("reason", Text),
                ("modified", YesNo), ("measureunitid", Text), ("assetid", Integer), ("orgid", Text))),
            new("measurement", Attrs(
                ("measurementid", Integer), ("measurementvalue", Number), ("measuredate", Timestamp), ("observation", Text), ("pointnum", Text),
                ("inspector", Text), ("workorderid", Integer), ("evaluatedforwogen", YesNo), ("assetid", Integer), ("location", Text), ("orgid", Text))),
        ],
        Relationships = [new("meter", "mxapimeter", [("metername", "metername")])],
        MatchKey = ["metername", "linearassetmeterid"],
        // The published meter-reading route writes these; the schema marks them not persistent.
        Transient = new HashSet<string>(StringComparer.Ordinal) { "newreading", "newreadingdate", "inspector" },
    };

    private static MxmObjectStructure Meters() => new(
        "mxapimeter", "METER", ["metername"], "meterid",
        Attrs(
            ("metername", Text), ("description", Text), ("metertype", Text), ("measureunitid", Text), ("domainid", Text), ("readingtype", Text),
            ("meterid", Integer)),
        Domains(("metertype", MeterType)),
        [],
        []);

    private static MxmObjectStructure PreventiveMaintenance() => new(
        "mxapipm", "PM", ["siteid", "pmnum"], "pmuid",
        Attrs(
            ("pmnum", Text), ("description", Text), ("siteid", Text), ("orgid", Text), ("status", Text), ("assetnum", Text), ("location", Text),
            ("jpnum", Text), ("persongroup", Text), ("worktype", Text), ("wostatus", Text), ("frequnit", Text), ("changeby", Text),
            ("pmuid", Integer), ("frequency", Integer), ("leadtime", Integer),
            ("usefrequency", YesNo), ("usetargetdate", YesNo),
            ("laststartdate", Timestamp), ("lastcompdate", Timestamp), ("nextdate", Timestamp), ("statusdate", Timestamp), ("changedate", Timestamp)),
        Domains(("status", PmStatus), ("frequnit", FrequencyUnit)),
        [new("pmmeter", Attrs(("pmmeterid", Integer), ("metername", Text), ("frequency", Number), ("lastpmwogenread", Number), ("lastpmwogenreaddt", Timestamp)))
        {
            Relationships = [new("meter", "mxapimeter", [("metername", "metername")])],
        }],
        [new("asset", "mxapiasset", [("siteid", "siteid"), ("assetnum", "assetnum")]),
         new("location", "mxapilocations", [("siteid", "siteid"), ("location", "location")])],
        DefaultStatus: "DRAFT");

    private static MxmObjectStructure PersonGroups() => new(
        "mxapipersongroup", "PERSONGROUP", ["persongroup"], "persongroupid",
        Attrs(("persongroup", Text), ("description", Text), ("persongroupid", Integer)),
        Domains(),
        [new("persongroupteam", Attrs(
            ("persongroupteamid", Integer), ("respparty", Text), ("resppartygroup", Text), ("resppartyseq", Integer),
            ("groupdefault", YesNo), ("orgdefault", YesNo), ("sitedefault", YesNo), ("usefororg", Text), ("useforsite", Text)))],
        []);
}
