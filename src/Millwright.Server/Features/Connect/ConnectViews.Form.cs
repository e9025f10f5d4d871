using Millwright.Client.Models;
using Millwright.Connectors.Core;
using Millwright.Server.Hosting.Html;
using static Millwright.Server.Hosting.Html.Html;

namespace Millwright.Server.Features.Connect;

/// <summary>What the form shows besides the descriptor: values typed before (never secrets), problems per field, the check's failure.</summary>
internal sealed record ConnectFormState(
    IReadOnlyDictionary<string, string> Values,
    IReadOnlyDictionary<string, string> FieldErrors,
    ConnectFailure? Failure = null,
    string? RequestId = null)
{
    public static ConnectFormState Empty { get; } = new(new Dictionary<string, string>(), new Dictionary<string, string>());
}

internal static partial class ConnectViews
{
    /// <summary>Form field name of a descriptor field: <c>settings.base_url</c>, <c>credentials.api_key</c>.</summary>
    public static string FieldName(ConnectionField field) =>
        (field.Kind == ConnectionFieldKind.Setting ? "settings." : "credentials.") + field.Name;

    public static IResult Form(ConnectPage page, SystemDescriptor system, ConnectFormState state, bool reauth, bool canChooseAnother, int status = 200)
    {
        var fields = Join(system.Fields.Select(f => Field(f, state)));
        var failure = state.Failure is { } f
            ? H($"""
                <div class="notice error" role="alert" id="connect-error" data-kind="{f.Kind}" tabindex="-1">
                  <h2>{f.Headline}</h2>
                  <p>{f.Advice}</p>
                  {If(f.Detail is not null, H($"<p class=\"detail\">What {system.Name} said: {f.Detail}</p>"))}
                  {If(state.RequestId is not null, H($"<p class=\"muted\">Reference: {state.RequestId}</p>"))}
                </div>
                """)
            : If(state.FieldErrors.Count > 0, H($"""
                <div class="notice error" role="alert" id="connect-error" data-kind="fields" tabindex="-1"><h2>Some fields need attention</h2><p>See the marked fields below.</p></div>
                """));
        var back = If(canChooseAnother && !reauth, H($"<p><a href=\"{page.Link()}\">← Choose another system</a></p>"));
        var body = H($"""
            {back}
            <h1><span class="initials" aria-hidden="true">{Initials(system.Name)}</span> {(reauth ? "Reconnect" : "Connect")} {system.Name}</h1>
            {If(reauth, H($"<p>{system.Name} no longer accepts the saved credentials. Enter current ones; nothing else changes.</p>"))}
            {failure}
            <form method="post" action="{page.Link("/systems/" + system.Id)}" class="connect-form" novalidate>
              {fields}
              <button type="submit" id="connect-button">{(reauth ? "Save and reconnect" : "Connect")}</button>
              <p class="muted" id="checking" hidden>Checking with {system.Name}…</p>
            </form>
            {Access(system)}
            <p class="muted small">Your credentials are sent over an encrypted connection, checked with {system.Name} right away, and stored encrypted. They are never shown again.</p>
            """);
        return HtmlPage.Result($"Connect {system.Name}", Shell(page, body), page.Options(status));
    }

    /// <summary>Per entity what the app reads from the system and may create, update or delete in it (the facts of <c>GET /v1/systems</c>).</summary>
    private static Html Access(SystemDescriptor system)
    {
        var rows = Join(EntityInfo.All.Where(e => system.Capabilities.ContainsKey(e.Entity)).Select(e =>
        {
            var c = system.Capabilities[e.Entity];
            var label = char.ToUpperInvariant(e.Path[0]) + e.Path[1..].Replace('-', ' ');
            return H($"<tr data-entity=\"{e.Path}\"><th scope=\"row\">{label}</th><td>{Can(c.Read)}</td><td>{Can(c.Create)}</td><td>{Can(c.Update)}</td><td>{Can(c.Delete)}</td></tr>");
        }));
        return H($"""
            <details class="access" id="access">
              <summary>What the app can read and change in {system.Name}</summary>
              <table>
                <thead><tr><th scope="col">Data</th><th scope="col">Read</th><th scope="col">Create</th><th scope="col">Update</th><th scope="col">Delete</th></tr></thead>
                <tbody>{rows}</tbody>
              </table>
            </details>
            """);
    }

    private static string Can(bool can) => can ? "Yes" : "No";

    private static Html Field(ConnectionField field, ConnectFormState state)
    {
        var name = FieldName(field);
        var id = "f-" + field.Name;
        var error = state.FieldErrors.GetValueOrDefault(name);
        var value = field.Secret ? null : state.Values.GetValueOrDefault(name) ?? field.Default;
        var describedBy = error is null ? $"{id}-help" : $"{id}-help {id}-error";
        return H($"""
            <div class="field{(error is null ? "" : " invalid")}">
              <label for="{id}">{field.Label}{If(!field.Required, H($" <span class=\"muted\">(optional)</span>"))}</label>
              <input id="{id}" name="{name}" type="{(field.Secret ? "password" : "text")}" value="{value}"
                autocomplete="off" spellcheck="false" aria-describedby="{describedBy}"{If(field.Required, H($" required aria-required=\"true\""))}{If(error is not null, H($" aria-invalid=\"true\""))}>
              {If(error is not null, H($"<p class=\"field-error\" id=\"{id}-error\">{error}</p>"))}
              <p class="help" id="{id}-help">{field.Help}</p>
            </div>
            """);
    }
}
