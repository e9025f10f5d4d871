using System.Text.Json;
using Millwright.Server.Features.Auth;
using Millwright.Server.Features.Connections;
using Millwright.Server.Features.RateLimits;
using Millwright.Server.Hosting;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Audit;

/// <summary>Who an audit event is attributed to.</summary>
internal readonly record struct AuditActor(string Type, string? Id)
{
    public const string SecretKey = "secret_key";
    public const string ConnectionToken = "connection_token";
    public const string Operator = "operator";
    public const string Anonymous = "anonymous";

    /// <summary>The command line run by whoever operates the installation.</summary>
    public static readonly AuditActor Cli = new(Operator, "cli");
}

/// <summary>What an audit event is about, and where.</summary>
internal readonly record struct AuditSubject(string? AccountId, string? Environment, string Type, string Id);

/// <summary>
/// Writes audit events into the caller's unit of work, so that an event and the change it records are saved
/// together (<see cref="Add"/>), or on their own (<see cref="RecordAsync"/>) for refusals that change nothing.
/// Inside a request the actor (the authenticated key or token), the request id and the client address come
/// from the request; the command line passes <see cref="AuditActor.Cli"/>.
/// </summary>
internal sealed class AuditLog(MillwrightDb db, TimeProvider time, IHttpContextAccessor accessor)
{
    public const string ApiKeySubject = "api_key";
    public const string ConnectionTokenSubject = "connection_token";
    public const string DashboardSessionSubject = "dashboard_session";
    public const string ClientAddressSubject = "client_address";

    public AuditEventRow Add(string type, AuditSubject subject, AuditActor? actor = null, IReadOnlyDictionary<string, string>? details = null)
    {
        var http = accessor.HttpContext;
        var row = new AuditEventRow
        {
            Id = Ids.New("aud"),
            AccountId = subject.AccountId,
            Environment = subject.Environment,
            Type = type,
            ActorType = (actor ?? ActorOf(http)).Type,
            ActorId = (actor ?? ActorOf(http)).Id,
            SubjectType = subject.Type,
            SubjectId = subject.Id,
            RequestId = http is null ? null : RequestIdMiddleware.Get(http),
            IpAddress = http is null ? null : ClientAddress.Of(http),
            DetailsJson = JsonSerializer.Serialize(details ?? new Dictionary<string, string>(), AuditJson.Default.IReadOnlyDictionaryStringString),
            CreatedAt = StoreTime.Now(time),
        };
        db.AuditEvents.Add(row);
        return row;
    }

    public async Task RecordAsync(string type, AuditSubject subject, AuditActor? actor, IReadOnlyDictionary<string, string>? details, CancellationToken cancellationToken)
    {
        Add(type, subject, actor, details);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The request's caller, as resolved once into <see cref="ICallerFeature"/>; anonymous before (or without) it.</summary>
    private static AuditActor ActorOf(HttpContext? http) => http?.Features.Get<ICallerFeature>()?.Caller is { } caller
        ? new AuditActor(caller.Kind == CallerKind.SecretKey ? AuditActor.SecretKey : AuditActor.ConnectionToken, caller.CredentialId)
        : new AuditActor(AuditActor.Anonymous, null);
}

[System.Text.Json.Serialization.JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
internal sealed partial class AuditJson : System.Text.Json.Serialization.JsonSerializerContext;
