using System.Text.Json;
using System.Text.Json.Nodes;

namespace Millwright.Sandbox.Odoo;

/// <summary>
/// <c>create</c>, <c>write</c> and <c>unlink</c>: values converted and checked per field type (selection
/// values, date formats, existing many2one targets, x2many commands), defaults, the magic fields, the
/// maintenance side effects (<see cref="OdooMaintenance"/>) and the SQL constraints of the models.
/// </summary>
internal static partial class OdooOrm
{
    private static JsonNode Create(OdooEnv env, OdooModel model, JsonNode? valsList)
    {
        var single = valsList is JsonObject;
        var list = valsList switch
        {
            JsonObject one => [one],
            JsonArray many => many.Select(v => v as JsonObject ?? throw OdooFault.TypeError("create() expects a dict or a list of dicts")).ToList(),
            _ => throw OdooFault.TypeError("create() expects a dict or a list of dicts"),
        };
        var ids = list.Select(vals => CreateOne(env, model, vals).Id).ToList();
        return single ? JsonValue.Create(ids[0]) : new JsonArray([.. ids.Select(i => (JsonNode?)i)]);
    }

    public static OdooRow CreateOne(OdooEnv env, OdooModel model, JsonObject vals)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        var given = new HashSet<string>(StringComparer.Ordinal);
        var children = new List<(OdooField Field, JsonNode? Commands)>();
        foreach (var (name, value) in vals)
        {
            var field = Writable(model, name);
            if (field is null)
            {
                continue;
            }

            given.Add(name);
            if (field.Type == "one2many")
            {
                children.Add((field, value));
                continue;
            }

            values[name] = Convert(env, model, field, value, current: null);
        }

        foreach (var field in model.Fields.Values.Where(f => f.Stored && f.Compute is null && !values.ContainsKey(f.Name) && f.Name != "id"))
        {
            values[field.Name] = field.Default?.Invoke(env) ?? (field.Type == "boolean" ? false : null);
        }

        values["create_uid"] = env.Uid;
        values["write_uid"] = env.Uid;
        values["create_date"] = env.NowText;
        values["write_date"] = env.NowText;
        if (model.Name == "purchase.order" && values["name"] as string is null or "New")
        {
            values["name"] = $"P{env.Rows(model.Name).Count() + 1:00000}";
        }

        CheckRequired(model, values);
        CheckUnique(env, model, values, null);
        var row = env.Db.Insert(model.Name, null, values);
        if (model.Name == OdooMaintenance.RequestModel)
        {
            OdooMaintenance.OnCreateRequest(env, row, given);
        }

        foreach (var (field, commands) in children)
        {
            ApplyOneToMany(env, field, row, commands);
        }

        return row;
    }

    private static JsonValue Write(OdooEnv env, OdooModel model, List<int> ids, JsonNode? vals)
    {
        if (vals is not JsonObject changes)
        {
            throw OdooFault.TypeError("write() expects a dict of values");
        }

        var rows = Existing(env, model, ids);
        var copies = new List<Dictionary<string, object?>>();
        foreach (var row in rows)
        {
            var given = new HashSet<string>(StringComparer.Ordinal);
            var oldStage = row.Ref("stage_id");
            var oldSchedule = row.Get("schedule_date") as string;
            var updated = new Dictionary<string, object?>(row.Values, StringComparer.Ordinal);
            foreach (var (name, value) in changes)
            {
                if (Writable(model, name) is not { } field)
                {
                    continue;
                }

                given.Add(name);
                if (field.Type == "one2many")
                {
                    ApplyOneToMany(env, field, row, value);
                    continue;
                }

                updated[name] = Convert(env, model, field, value, current: row.Get(name));
            }

            CheckRequired(model, updated);
            CheckUnique(env, model, updated, row.Id);
            foreach (var (name, value) in updated)
            {
                row.Values[name] = value;
            }

            row.Values["write_uid"] = env.Uid;
            row.Values["write_date"] = env.NowText;
            env.Db.Touch(row);
            if (model.Name == OdooMaintenance.RequestModel)
            {
                copies.AddRange(OdooMaintenance.OnWriteRequest(env, row, given, oldStage, oldSchedule));
            }
            else if (model.Name == OdooMaintenance.EquipmentModel)
            {
                OdooMaintenance.OnWriteEquipment(env, row, given);
            }
        }

        foreach (var copy in copies)
        {
            copy["create_uid"] = env.Uid;
            copy["write_uid"] = env.Uid;
            copy["create_date"] = env.NowText;
            copy["write_date"] = env.NowText;
            var created = env.Db.Insert(model.Name, null, copy);
            OdooMaintenance.OnCreateRequest(env, created, new HashSet<string>(copy.Keys, StringComparer.Ordinal));
        }

        return JsonValue.Create(true);
    }

    private static JsonValue Unlink(OdooEnv env, OdooModel model, List<int> ids)
    {
        var rows = Existing(env, model, ids);
        var doomed = rows.Select(r => r.Id).ToHashSet();
        foreach (var table in env.Db.Tables.Values)
        {
            foreach (var field in table.Model.Fields.Values.Where(f => f.Type == "many2one" && f.Relation == model.Name && f.Stored && f.Compute is null))
            {
                var cascade = field.Name == "order_id";
                foreach (var child in table.Rows.Values.Where(r => r.Ref(field.Name) is { } id && doomed.Contains(id)).ToList())
                {
                    if (cascade)
                    {
                        table.Rows.Remove(child.Id);
                    }
                    else if (field.Required || field.Name is "equipment_id" or "stage_id")
                    {
                        throw OdooFault.ValidationError("The operation cannot be completed: another model requires the record being deleted. If possible, archive it instead.\n\n"
                            + $"Model: {table.Model.Description} ({table.Model.Name}), Field: {field.String} ({field.Name})");
                    }
                    else
                    {
                        child.Values[field.Name] = null;
                    }
                }
            }

            foreach (var field in table.Model.Fields.Values.Where(f => f.Type == "many2many" && f.Relation == model.Name))
            {
                foreach (var row in table.Rows.Values.Where(r => r.Get(field.Name) is int[] list && list.Any(doomed.Contains)))
                {
                    row.Values[field.Name] = ((int[])row.Get(field.Name)!).Where(i => !doomed.Contains(i)).ToArray();
                }
            }
        }

        foreach (var id in doomed)
        {
            env.Db.Tables[model.Name].Rows.Remove(id);
        }

        return JsonValue.Create(true);
    }

    /// <summary>The field a value may be written to; null for read-only computed fields, which Odoo ignores.</summary>
    private static OdooField? Writable(OdooModel model, string name)
    {
        var field = model.Field(name) ?? throw OdooFault.ValueError($"Invalid field '{name}' on model '{model.Name}'");
        return field.Name is "id" or "display_name" or "create_uid" or "create_date" or "write_uid" or "write_date"
            || (field.Compute is not null && field.Type != "one2many") || field.Type is "properties" or "properties_definition"
            ? null
            : field;
    }

    private static object? Convert(OdooEnv env, OdooModel model, OdooField field, JsonNode? value, object? current)
    {
        var kind = value?.GetValueKind() ?? JsonValueKind.Null;
        var empty = kind is JsonValueKind.Null or JsonValueKind.False;
        switch (field.Type)
        {
            case "boolean":
                return kind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.Number => value!.GetValue<double>() != 0,
                    JsonValueKind.String => ((string?)value)!.Length > 0,
                    _ => false,
                };
            case "integer":
                return empty ? 0L : kind == JsonValueKind.Number ? (long)value!.GetValue<double>() : throw Wrong(model, field, value);
            case "float" or "monetary":
                return empty ? 0.0 : kind == JsonValueKind.Number ? value!.GetValue<double>() : throw Wrong(model, field, value);
            case "selection":
                if (empty)
                {
                    return null;
                }

                var selected = kind == JsonValueKind.String ? (string?)value : value!.ToJsonString();
                return field.Selection!.Any(s => s.Value == selected) ? selected : throw Wrong(model, field, value);
            case "date":
                return empty ? null : kind == JsonValueKind.String && OdooWire.ParseDate((string?)value) is { } date ? OdooWire.DateText(date)
                    : throw OdooFault.ValueError($"time data {OdooDomain.Repr(value)} does not match format '%Y-%m-%d'");
            case "datetime":
                {
                    if (empty)
                    {
                        return null;
                    }

                    var text = kind == JsonValueKind.String ? (string?)value : null;
                    if (text is { Length: 10 } && OdooWire.ParseDate(text) is not null)
                    {
                        return text + " 00:00:00";
                    }

                    return text is not null && OdooWire.ParseDatetime(text) is not null
                        ? text
                        : throw OdooFault.ValueError($"time data {OdooDomain.Repr(value)} does not match format '%Y-%m-%d %H:%M:%S'");
                }

            case "many2one":
                {
                    if (empty)
                    {
                        return null;
                    }

                    if (kind != JsonValueKind.Number || !value!.AsValue().TryGetValue<int>(out var id))
                    {
                        throw Wrong(model, field, value);
                    }

                    return env.Db.Table(field.Relation!) is { } target && target.Find(id) is null
                        ? throw OdooFault.ValidationError($"The operation cannot be completed: the record {field.Relation}({id},) referenced by {model.Name}.{field.Name} does not exist.")
                        : id;
                }

            case "many2many":
                return ManyToMany(env, model, field, value, current as int[] ?? []);
            case "binary" or "char" or "text" or "html":
                return empty ? null : kind == JsonValueKind.String ? ((string?)value is { Length: > 0 } s ? s : null) : value!.ToJsonString();
            default:
                throw Wrong(model, field, value);
        }
    }

    private static OdooFault Wrong(OdooModel model, OdooField field, JsonNode? value) =>
        OdooFault.ValueError($"Wrong value for {model.Name}.{field.Name}: {OdooDomain.Repr(value)}");

    /// <summary>Commands <c>(6, 0, ids)</c>, <c>(4, id)</c>, <c>(3, id)</c>, <c>(5,)</c>, or a bare list of ids.</summary>
    private static int[] ManyToMany(OdooEnv env, OdooModel model, OdooField field, JsonNode? value, int[] current)
    {
        if (value is not JsonArray commands)
        {
            return value is null || value.GetValueKind() == JsonValueKind.False ? [] : throw Wrong(model, field, value);
        }

        var result = current.ToList();
        foreach (var command in commands)
        {
            switch (command)
            {
                case JsonValue id when id.GetValueKind() == JsonValueKind.Number:
                    result = [.. Ids(commands)];
                    return Checked(env, model, field, result);
                case JsonArray { Count: > 0 } c when c[0] is JsonValue code && code.TryGetValue<int>(out var op):
                    switch (op)
                    {
                        case 6 when c.Count == 3:
                            result = Ids(c[2]);
                            break;
                        case 4 when c.Count >= 2:
                            result.AddRange(Ids(c[1]).Where(i => !result.Contains(i)));
                            break;
                        case 3 when c.Count >= 2:
                            result.RemoveAll(Ids(c[1]).Contains);
                            break;
                        case 5:
                            result.Clear();
                            break;
                        default:
                            throw OdooFault.ValueError($"Unsupported command {OdooDomain.Repr(c)} for {model.Name}.{field.Name}");
                    }

                    break;
                default:
                    throw Wrong(model, field, value);
            }
        }

        return Checked(env, model, field, result);
    }

    private static int[] Checked(OdooEnv env, OdooModel model, OdooField field, List<int> ids) =>
        ids.FirstOrDefault(i => env.Find(field.Relation!, i) is null) is var missing && missing != 0
            ? throw OdooFault.ValidationError($"The operation cannot be completed: the record {field.Relation}({missing},) referenced by {model.Name}.{field.Name} does not exist.")
            : [.. ids.Distinct()];

    /// <summary>One2many commands: <c>(0, 0, vals)</c> creates a child, <c>(1, id, vals)</c> updates one, <c>(2, id)</c> deletes one, <c>(4, id)</c> links one.</summary>
    private static void ApplyOneToMany(OdooEnv env, OdooField field, OdooRow parent, JsonNode? value)
    {
        var comodel = env.Db.Model(field.Relation!)!;
        foreach (var command in value as JsonArray ?? [])
        {
            if (command is not JsonArray { Count: > 0 } c || c[0] is not JsonValue code || !code.TryGetValue<int>(out var op))
            {
                throw OdooFault.ValueError($"Invalid one2many command {OdooDomain.Repr(command)}");
            }

            switch (op)
            {
                case 0 when c.Count == 3 && c[2] is JsonObject vals:
                    var child = vals.DeepClone().AsObject();
                    child[field.Inverse!] = parent.Id;
                    CreateOne(env, comodel, child);
                    break;
                case 1 when c.Count == 3 && c[2] is JsonObject changes:
                    Write(env, comodel, Ids(c[1]), changes);
                    break;
                case 2 when c.Count >= 2:
                    Unlink(env, comodel, Ids(c[1]));
                    break;
                case 4 when c.Count >= 2:
                    Write(env, comodel, Ids(c[1]), new JsonObject { [field.Inverse!] = parent.Id });
                    break;
                default:
                    throw OdooFault.ValueError($"Unsupported one2many command {OdooDomain.Repr(c)}");
            }
        }
    }

    private static void CheckRequired(OdooModel model, Dictionary<string, object?> values)
    {
        foreach (var field in model.Fields.Values.Where(f => f.Required && f.Stored && f.Compute is null))
        {
            if (values.GetValueOrDefault(field.Name) is null)
            {
                throw OdooFault.ValidationError("The operation cannot be completed:\n- Create/update: a mandatory field is not set.\n- Delete: another model requires the record being deleted. If possible, archive it instead.\n\n"
                    + $"Model: {model.Description} ({model.Name})\nField: {field.String} ({field.Name})");
            }
        }
    }

    /// <summary><c>_sql_constraints</c>: <c>serial_no</c> is unique on equipment (models file).</summary>
    private static void CheckUnique(OdooEnv env, OdooModel model, Dictionary<string, object?> values, int? self)
    {
        if (model.Name == OdooMaintenance.EquipmentModel && values.GetValueOrDefault("serial_no") is string serial
            && env.Rows(model.Name).Any(r => r.Id != self && string.Equals(r.Get("serial_no") as string, serial, StringComparison.Ordinal)))
        {
            throw OdooFault.ValidationError("The operation cannot be completed: Another asset already exists with this serial number!");
        }
    }
}
