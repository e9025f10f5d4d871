using System.Text.Json.Nodes;
using Millwright.Server.Features.Records.Query;

namespace Millwright.Server.Features.Records;

/// <summary>Example records for the API reference, generated from the schema so they never drift from it.</summary>
internal static class RecordExamples
{
    private static readonly Dictionary<string, string> Texts = new(StringComparer.Ordinal)
    {
        ["name"] = "Boiler feed pump P-101",
        ["title"] = "Replace mechanical seal on P-101",
        ["description"] = "Seal leaking at the drive end; isolate and drain before work.",
        ["code"] = "P-101",
        ["number"] = "10234",
        ["type"] = "corrective",
        ["serial_number"] = "SN-88213-B",
        ["manufacturer"] = "Grundfos",
        ["model"] = "CR 32-4",
        ["barcode"] = "0012345678905",
        ["category"] = "Pumps",
        ["unit"] = "h",
        ["interval_unit"] = "month",
        ["email"] = "maintenance@plant.example",
        ["phone"] = "+1 555 0100",
        ["website"] = "https://supplier.example",
        ["address"] = "1 Mill Road, Springfield",
        ["role"] = "technician",
        ["currency"] = "USD",
    };

    public static JsonObject Record(EntitySchema schema)
    {
        var record = new JsonObject
        {
            ["id"] = Id(schema.Info.IdPrefix, 1),
            ["remote_id"] = "48213",
            ["created_at"] = "2026-01-12T09:15:02.5Z",
            ["updated_at"] = "2026-02-03T14:40:11.25Z",
            ["deleted_at"] = null,
            ["remote_created_at"] = "2026-01-12T09:14:40Z",
            ["remote_updated_at"] = "2026-02-03T14:39:58Z",
        };
        foreach (var field in schema.Fields.Where(f => f.Source == FieldSource.Data))
        {
            record[field.Name] = Value(field);
        }

        // The system's own values beside the unified ones, as a connector would keep them.
        foreach (var unified in new[] { "status", "priority" })
        {
            if (record.ContainsKey(unified) && record.ContainsKey("remote_" + unified))
            {
                record["remote_" + unified] = record[unified]!.GetValue<string>().ToUpperInvariant();
            }
        }

        record["custom_fields"] = new JsonObject { ["criticality"] = "A" };
        return record;
    }

    private static JsonNode? Value(FieldDef field) => field.Kind switch
    {
        _ when field.References is { } target && field.Kind == FieldKind.StringArray => new JsonArray(Id(target.IdPrefix, 2)),
        _ when field.References is { } target => Id(target.IdPrefix, 3),
        FieldKind.String => Texts.GetValueOrDefault(field.Name, field.Name.Replace('_', ' ')),
        FieldKind.Enum when field.Name == "priority" => "high",
        FieldKind.Enum => field.EnumValues[Math.Min(1, field.EnumValues.Count - 1)],
        FieldKind.Number when field.IsInteger => 12,
        FieldKind.Number => 12.5m,
        FieldKind.Boolean => true,
        FieldKind.DateTime => "2026-02-10T16:00:00Z",
        _ => new JsonArray(),
    };

    private static string Id(string prefix, int seed) => $"{prefix}_{seed}f3c9a27d41b8e6f0a1c2d3e";
}
