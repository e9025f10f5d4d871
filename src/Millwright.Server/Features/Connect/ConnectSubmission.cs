using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Millwright.Client.Errors;
using Millwright.Connectors.Core;
using Millwright.Server.Features.Connections;
using Millwright.Server.Hosting;
using Millwright.Server.Hosting.Errors;
using Millwright.Server.Hosting.Html;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Connect;

/// <summary>
/// The form post: validate against the descriptor, claim the single-use session, check the credentials
/// through <see cref="ConnectionCreator"/> (so the connection is made exactly as <c>POST /v1/connections</c>
/// makes it, <c>connection.created</c> included), and on success complete the session and show progress.
/// Every refusal re-renders the form with the problem in plain words; nothing is stored on failure.
/// </summary>
internal static partial class ConnectSubmission
{
    public static async Task<IResult> SubmitAsync(
        string secret,
        string system,
        HttpContext http,
        [FromServices] LinkSessionStore store,
        [FromServices] ConnectorRegistry registry,
        [FromServices] MillwrightDb db,
        [FromServices] ConnectionCreator creator,
        [FromServices] ConnectReauth reauthorizer,
        [FromServices] ILogger<ConnectPage> logger,
        CancellationToken cancellationToken)
    {
        var (page, refusal) = await ConnectPages.OpenAsync(http, secret, store, completedIsFine: false, cancellationToken);
        if (page is null)
        {
            return refusal!;
        }

        var (descriptor, reauth, offered) = await ConnectPages.ResolveSystemAsync(page.Session, system, registry, db, cancellationToken);
        if (descriptor is null || !http.Request.HasFormContentType)
        {
            return Results.Redirect(page.Link());
        }

        var form = await http.Request.ReadFormAsync(cancellationToken);
        var values = descriptor.Fields.ToDictionary(ConnectViews.FieldName, f => form[ConnectViews.FieldName(f)].ToString(), StringComparer.Ordinal);
        var shown = descriptor.Fields.Where(f => !f.Secret).ToDictionary(ConnectViews.FieldName, f => values[ConnectViews.FieldName(f)], StringComparer.Ordinal);
        IResult Again(ConnectFormState state) => ConnectViews.Form(page, descriptor, state, reauth, offered > 1, StatusCodes.Status422UnprocessableEntity);

        var errors = new List<ErrorDetail>();
        var fields = ConnectionInput.CheckFields(
            descriptor,
            Pick(descriptor, values, ConnectionFieldKind.Setting),
            Pick(descriptor, values, ConnectionFieldKind.Credential),
            errors);
        if (errors.Count > 0)
        {
            return Again(new ConnectFormState(shown, errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.First().Message, StringComparer.Ordinal)));
        }

        if (!await store.TryClaimAsync(page.Session.Id, cancellationToken))
        {
            // Another tab finished (or is finishing) this session.
            return Results.Redirect(page.Link("/done"));
        }

        string connectionId;
        try
        {
            if (reauth)
            {
                connectionId = page.Session.ConnectionId!;
                await reauthorizer.UpdateAsync(page.Session, fields, cancellationToken);
            }
            else
            {
                var metadata = StoredMaps.ReadMap(page.Session.MetadataJson);
                var input = new ValidatedConnection(registry.Find(descriptor.Id)!, fields, metadata, ConnectionInput.DefaultSyncIntervalMinutes);
                var created = await creator.CreateAsync(page.Session.AccountId, page.Session.Environment, input, cancellationToken);
                connectionId = created.Connection.Id;
                // The integrator gets its token from the code exchange; this one's secret was never shown to anyone.
                await RevokeUnshownTokenAsync(db, created.Token.Id);
            }
        }
        catch (ApiException error)
        {
            await store.ReleaseAsync(page.Session.Id);
            var failure = ConnectFailures.Explain(error, descriptor.Name);
            LogRefused(logger, page.Session.Id, descriptor.Id, error.Code, failure.Kind);
            var fieldErrors = (error.Details ?? []).Where(d => values.ContainsKey(d.Field))
                .ToDictionary(d => d.Field, d => d.Message, StringComparer.Ordinal);
            return Again(new ConnectFormState(shown, fieldErrors, failure, RequestIdMiddleware.Get(http)));
        }
        catch
        {
            await store.ReleaseAsync(page.Session.Id);
            throw;
        }

        await store.CompleteAsync(page.Session.Id, connectionId);
        LogConnected(logger, page.Session.Id, connectionId, reauth);
        return HtmlPage.SeeOther(page.Link("/done"));
    }

    private static Dictionary<string, string?> Pick(SystemDescriptor system, Dictionary<string, string> values, ConnectionFieldKind kind) =>
        system.Fields.Where(f => f.Kind == kind).ToDictionary(f => f.Name, f => (string?)values[ConnectViews.FieldName(f)].Trim(), StringComparer.Ordinal);

    private static Task<int> RevokeUnshownTokenAsync(MillwrightDb db, string tokenId) =>
        db.ConnectionTokens.Where(t => t.Id == tokenId).ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, t => t.CreatedAt), CancellationToken.None);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connect session {SessionId}: {System} refused the check with {Code} ({Explanation})")]
    private static partial void LogRefused(ILogger logger, string sessionId, string system, string code, string explanation);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connect session {SessionId} completed with connection {ConnectionId} (re-authentication: {Reauth})")]
    private static partial void LogConnected(ILogger logger, string sessionId, string connectionId, bool reauth);
}
