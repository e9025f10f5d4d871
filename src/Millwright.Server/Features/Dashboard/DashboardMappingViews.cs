using System.Globalization;
using Millwright.Client.Mappings;
using Millwright.Server.Hosting.Html;
using static Millwright.Server.Features.Dashboard.DashboardLayout;
using static Millwright.Server.Hosting.Html.Html;

namespace Millwright.Server.Features.Dashboard;

/// <summary>The pieces of the field mappings page.</summary>
internal static class DashboardMappingViews
{
    public static Html EditForm(string csrf, string id, FieldMappings current, Edit? edit)
    {
        var entities = Join(current.Entities.Select(e => H($"<option value=\"{e.Entity}\"{If(e.Entity == edit?.Entity, H($" selected"))}>{e.Entity}</option>")));
        var preview = edit?.Preview is { } p ? Preview(p) : Empty;
        return H($"""
            <div class="panel">
              <h2>Change one field</h2>
              <form method="post" action="/dashboard/connections/{id}/mappings" class="row">
                {Token(csrf)}
                <div class="field"><label for="mapping-entity">Entity</label><select id="mapping-entity" name="entity">{entities}</select></div>
                <div class="field"><label for="mapping-target">Field</label><input id="mapping-target" name="target" type="text" required value="{edit?.Target ?? ""}" placeholder="custom_fields.cost_center"></div>
                <div class="field"><label for="mapping-expression">Expression (empty resets to the default)</label><input id="mapping-expression" name="expression" type="text" value="{edit?.Expression ?? ""}"></div>
                <button type="submit" name="action" value="preview" class="secondary">Preview</button>
                {If(edit?.Preview is not null, H($"<button type=\"submit\" name=\"action\" value=\"save\">Save mapping</button>"))}
              </form>
              {preview}
            </div>
            """);
    }

    private static Html Preview(FieldMappingsPreview preview)
    {
        var rows = Join(preview.Entities.SelectMany(e => e.Records.Select(r => H($"""
            <tr><td>{e.Entity}</td><td><code>{r.RemoteId}</code></td><td>{(r.ChangedFields.Count == 0 ? "no change" : string.Join(", ", r.ChangedFields))}</td>
            <td><pre class="body">{Changed(r, r.Before)}</pre></td><td><pre class="body">{Changed(r, r.After)}</pre></td></tr>
            """))));
        return H($"""
            <section id="mapping-preview" aria-label="Preview">
              <h3>Preview (nothing saved yet)</h3>
              <table><thead><tr><th scope="col">Entity</th><th scope="col">Record</th><th scope="col">Changed fields</th><th scope="col">Before</th><th scope="col">After</th></tr></thead>
              <tbody>{rows}</tbody></table>
            </section>
            """);
    }

    /// <summary>The changed fields' values of one side of a preview.</summary>
    private static string Changed(RecordPreview record, System.Text.Json.JsonElement side) => string.Join("\n", record.ChangedFields.Select(f => $"{f}: {Value(side, f)}"));

    private static string Value(System.Text.Json.JsonElement element, string path)
    {
        foreach (var part in path.Split('.'))
        {
            if (element.ValueKind != System.Text.Json.JsonValueKind.Object || !element.TryGetProperty(part, out element))
            {
                return "—";
            }
        }

        return element.ToString();
    }

    public static Html Entity(EntityFieldMappings entity)
    {
        var fields = Join(entity.Fields.Select(f => H($"""
            <tr data-target="{f.Target}"><td><code>{f.Target}</code></td><td>{f.Type}</td><td><code>{f.Expression ?? "—"}</code></td>
            <td><span class="status status-{(f.Source == "connection" ? "active" : "pending")}">{f.Source}</span></td></tr>
            """)));
        var unmapped = entity.SourceFields.Where(f => !f.Mapped).ToList();
        var sources = Join(unmapped.Select(f => H($"""
            <tr><td><code>{f.Path}</code></td><td>{string.Join(", ", f.Types)}</td><td>{string.Join(" · ", f.Examples.Select(e => e.ToString()))}</td><td>{(f.FillRate * 100).ToString("0", CultureInfo.InvariantCulture)}%</td></tr>
            """)));
        return H($"""
            <div class="panel" data-entity="{entity.Entity}">
              <h2>{entity.Entity}</h2>
              <table class="mapping-fields"><thead><tr><th scope="col">Field</th><th scope="col">Type</th><th scope="col">Expression</th><th scope="col">From</th></tr></thead>
              <tbody>{fields}</tbody></table>
              <h3>Unmapped source fields</h3>
              <p class="small muted">From {entity.RecordsSampled} of {entity.RecordsStored} stored records.</p>
              {(unmapped.Count == 0 ? H($"<p class=\"muted\">Every source field is read by a mapping.</p>") : H($"""
                <table class="source-fields"><thead><tr><th scope="col">Path</th><th scope="col">Types</th><th scope="col">Examples</th><th scope="col">Filled</th></tr></thead>
                <tbody>{sources}</tbody></table>
                """))}
            </div>
            """);
    }

    public static Html History(IReadOnlyList<FieldMappingVersion> history)
    {
        var rows = Join(history.Select(v => H($"""
            <tr data-version="{v.Version}"><td>{v.Version}</td><td>{v.Change}</td><td>{When(v.CreatedAt)}</td><td>{v.RemappedRecords}</td>
            <td>{string.Join("; ", v.Mappings.SelectMany(e => e.Value.Select(f => $"{e.Key}.{f.Key} = {f.Value}")))}</td></tr>
            """)));
        return H($"""
            <div class="panel">
              <h2>History</h2>
              {(history.Count == 0 ? H($"<p class=\"muted\" id=\"no-history\">Defaults only: no change yet.</p>") : H($"""
                <table id="mapping-history"><thead><tr><th scope="col">Version</th><th scope="col">Change</th><th scope="col">When</th><th scope="col">Records re-mapped</th><th scope="col">The connection's own lines</th></tr></thead>
                <tbody>{rows}</tbody></table>
                """))}
            </div>
            """);
    }
}
