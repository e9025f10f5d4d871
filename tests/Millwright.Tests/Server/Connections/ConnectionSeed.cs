using Microsoft.Extensions.DependencyInjection;
using Millwright.Client.Connections;
using Millwright.Server.Features.Accounts;
using Millwright.Server.Features.Auth;
using Millwright.Server.Features.Connections;
using Millwright.Server.Features.Secrets;
using Millwright.Server.Hosting;
using Millwright.Server.Persistence;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Connections;

/// <summary>
/// Writes connection rows straight into the store, for tests about listing, paging and tokens that need
/// many connections: creating each through the API would check credentials and start a full sync.
/// Tests of creation itself go through <c>POST /v1/connections</c> against the sandbox.
/// </summary>
internal sealed record ConnectionSeed(MillwrightHost Host, ProvisionedAccount Account)
{
    public string Environment { get; init; } = AccountEnvironments.Test;

    public string System { get; init; } = "maintainx";

    public string Status { get; init; } = ConnectionStatuses.Active;

    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Stores the connection with one read+write token; returns its id and token.</summary>
    public async Task<(string Id, string Token)> AddAsync()
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<MillwrightDb>();
        var created = StoreTime.Truncate(CreatedAt ?? services.GetRequiredService<TimeProvider>().GetUtcNow());
        var id = Ids.New("conn");
        var row = new ConnectionRow
        {
            Id = id,
            AccountId = Account.AccountId,
            Environment = Environment,
            System = System,
            Status = Status,
            SettingsJson = StoredMaps.WriteMap(new Dictionary<string, string> { ["base_url"] = "https://api.example.test/v1" }),
            CredentialsCipher = services.GetRequiredService<CredentialProtector>().Protect(id, new Dictionary<string, string> { ["api_key"] = "seeded-secret" }),
            MetadataJson = StoredMaps.WriteMap(Metadata),
            CreatedAt = created,
            UpdatedAt = created,
        };
        db.Connections.Add(row);
        var token = services.GetRequiredService<ConnectionTokenIssuer>().Issue(row, "seed", Scopes.All, null);
        await db.SaveChangesAsync();
        return (id, token.Token);
    }
}
