using System.Text.Json.Nodes;

namespace Millwright.Sandbox.Maximo;

/// <summary>What a write may set, and what Maximo fills in itself (ids, autokeys, dates, rowstamp, defaults).</summary>
internal static class MxmWriteRules
{
    /// <summary>Attributes numbered by an autokey when a create leaves them out.</summary>
    private static readonly HashSet<string> AutoKeys = new(StringComparer.Ordinal) { "wonum", "ticketid", "ponum" };

    public static void Apply(MxmObjectStructure os, JsonObject record, JsonObject body, bool creating, bool merge)
    {
        foreach (var (rawName, value) in body)
        {
            var name = rawName.ToLowerInvariant();
            if (name is "href" or "_rowstamp" || name.EndsWith("_description", StringComparison.Ordinal))
            {
                continue; // read-only; Maximo ignores them in a body
            }

            if (os.Child(name) is { } child)
            {
                record[name] = Rows(os, child, value, merge ? record[name] as JsonArray : null);
                continue;
            }

            if (!os.Attributes.TryGetValue(name, out var type))
            {
                throw MxmError.BadAttribute(os.Name, name);
            }

            if (name == os.IdAttribute || (!creating && os.KeyAttributes.Contains(name) && MxmJson.Text(value) != MxmJson.Text(record[name])))
            {
                throw MxmError.Invalid($"The attribute {name.ToUpperInvariant()} is read-only.");
            }

            if (!MxmJson.Fits(value, type))
            {
                throw MxmError.Invalid($"The value {value?.ToJsonString()} is not valid for {name.ToUpperInvariant()} ({type}).");
            }

            if (os.Domains.TryGetValue(name, out var domain) && MxmJson.Text(value) is { } code && !domain.ContainsKey(code))
            {
                throw MxmError.Invalid($"{code} is not a valid value for {name.ToUpperInvariant()}. Valid values: {string.Join(", ", domain.Keys)}.");
            }

            record[name] = type == MxmType.Timestamp && MxmJson.Date(value) is { } date ? MxmJson.Ts(date) : value?.DeepClone();
        }
    }

    /// <summary>Fills what a create leaves out and checks the key is complete.</summary>
    public static void Complete(MxmObjectStructure os, JsonObject record, MaximoSandboxData data, string now)
    {
        var site = MaximoSandboxSeed.Sites[0].Id;
        SetIfMissing(os, record, "siteid", site);
        SetIfMissing(os, record, "orgid", MaximoSandboxSettings.OrganizationId);
        SetIfMissing(os, record, "itemsetid", MaximoSandboxSettings.ItemSetId);
        SetIfMissing(os, record, "class", "SR");
        SetIfMissing(os, record, "woclass", "WORKORDER");
        SetIfMissing(os, record, "revisionnum", 0);
        SetIfMissing(os, record, "reportdate", now);
        SetIfMissing(os, record, "orderdate", now);
        SetIfMissing(os, record, "statusdate", now);
        SetIfMissing(os, record, "reportedby", MaximoSandboxSettings.DemoUser);
        if (os.DefaultStatus is { } status)
        {
            SetIfMissing(os, record, "status", status);
        }

        foreach (var key in os.KeyAttributes)
        {
            if (MxmJson.Text(record[key]) is not { Length: > 0 })
            {
                if (!AutoKeys.Contains(key))
                {
                    throw MxmError.Invalid($"The attribute {key.ToUpperInvariant()} is required.");
                }

                record[key] = data.NextNumber();
            }
        }

        if (os.MainObject == "WORKORDER")
        {
            SetIfMissing(os, record, "wogroup", MxmJson.Text(record["wonum"]) ?? "");
        }

        record[os.IdAttribute] = data.NextId();
        Touch(os, record, data, now);
    }

    /// <summary>Stamps a change: <c>changedate</c>, <c>changeby</c>, a new <c>_rowstamp</c>.</summary>
    public static void Touch(MxmObjectStructure os, JsonObject record, MaximoSandboxData data, string now)
    {
        if (os.Attributes.ContainsKey("changedate"))
        {
            record["changedate"] = now;
        }

        if (os.Attributes.ContainsKey("changeby"))
        {
            record["changeby"] = MaximoSandboxSettings.DemoUser;
        }

        record["_rowstamp"] = data.NextRowstamp();
    }

    private static void SetIfMissing(MxmObjectStructure os, JsonObject record, string name, JsonNode value)
    {
        if (os.Attributes.ContainsKey(name) && record[name] is null)
        {
            record[name] = value;
        }
    }

    private static JsonArray Rows(MxmObjectStructure os, MxmChild child, JsonNode? value, JsonArray? existing)
    {
        if (value is not JsonArray rows)
        {
            throw MxmError.Invalid($"{child.Name.ToUpperInvariant()} must be an array of objects.");
        }

        var result = existing?.DeepClone().AsArray() ?? [];
        foreach (var row in rows)
        {
            if (row is not JsonObject obj)
            {
                throw MxmError.Invalid($"{child.Name.ToUpperInvariant()} must be an array of objects.");
            }

            var clean = new JsonObject();
            foreach (var (rawName, attribute) in obj)
            {
                var name = rawName.ToLowerInvariant();
                if (!child.Attributes.TryGetValue(name, out var type))
                {
                    throw MxmError.BadAttribute(os.Name + "." + child.Name, name);
                }

                if (!MxmJson.Fits(attribute, type))
                {
                    throw MxmError.Invalid($"The value {attribute?.ToJsonString()} is not valid for {child.Name.ToUpperInvariant()}.{name.ToUpperInvariant()}.");
                }

                clean[name] = attribute?.DeepClone();
            }

            // MERGE matches a sent row to a stored one by the key attributes it sends (REST API Guide, create_and_update).
            var sentKey = child.MatchKey.Where(clean.ContainsKey).ToList();
            if (existing is not null && sentKey.Count > 0 && sentKey[0] == child.MatchKey[0]
                && result.OfType<JsonObject>().FirstOrDefault(r => sentKey.All(k => MxmJson.Text(r[k]) == MxmJson.Text(clean[k]))) is { } stored)
            {
                foreach (var (name, attribute) in clean)
                {
                    stored[name] = attribute?.DeepClone();
                }

                continue;
            }

            result.Add(clean);
        }

        return result;
    }
}
