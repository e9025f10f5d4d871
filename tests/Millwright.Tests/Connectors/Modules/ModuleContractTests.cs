using Millwright.Client.Models;
using Millwright.Connectors.Core;
using Millwright.Server.Hosting.Modules;

namespace Millwright.Tests.Connectors.Modules;

/// <summary>
/// What every connector must do, checked for every module of the list against its own sandbox: a new vendor
/// gets these for free and cannot skip them. Vendor-specific behaviour is tested in each vendor's folder.
/// </summary>
public sealed class ModuleContractTests(ModuleFixture fixture) : IClassFixture<ModuleFixture>
{
    public static TheoryData<string> Systems => ModuleCases.Systems;

    [Theory]
    [MemberData(nameof(Systems))]
    public void Module_HasExactlyOneTestProfile(string system) =>
        Assert.Single(ModuleCases.ProfilesOf(system));

    [Theory]
    [MemberData(nameof(Systems))]
    public void Module_ConnectorAndSandboxHalvesAgree(string system)
    {
        var module = ModuleCases.Module(system);
        var fields = module.Connector.Descriptor.Fields;
        var request = module.DemoConnectionRequest(new Uri("http://127.0.0.1:5999/"));

        Assert.Equal(system, request.System);
        Assert.StartsWith("/sandbox/", module.Sandbox.Prefix, StringComparison.Ordinal);
        Assert.Single(VendorModules.All, m => m.Sandbox.Prefix == module.Sandbox.Prefix);
        Assert.StartsWith("Millwright:Sandbox:", module.Sandbox.ConfigurationSection, StringComparison.Ordinal);
        Assert.All(request.Settings.Keys, k => Assert.Contains(fields, f => f.Name == k && f.Kind == ConnectionFieldKind.Setting));
        Assert.All(request.Credentials.Keys, k => Assert.Contains(fields, f => f.Name == k && f.Kind == ConnectionFieldKind.Credential));
        Assert.All(fields.Where(f => f.Required), f => Assert.True(
            request.Settings.ContainsKey(f.Name) || request.Credentials.ContainsKey(f.Name), $"The demo connection lacks the required field {f.Name}."));
        Assert.All(module.Connector.DefaultMappings.Keys, e => Assert.True(module.Connector.Descriptor.Capabilities.ContainsKey(e), $"{e} is mapped but not offered."));
        Assert.All(module.Connector.Descriptor.Capabilities.Keys, e => Assert.True(module.Connector.DefaultMappings.ContainsKey(e), $"{e} is offered but not mapped."));
    }

    [Theory]
    [MemberData(nameof(Systems))]
    public async Task Check_DemoConnection_SucceedsAndNamesTheInstance(string system)
    {
        var module = await fixture.GetAsync(system);

        var check = await module.Connector.CheckAsync(module.Connection(), CancellationToken.None);

        Assert.True(check.IsSuccess, check.Failure?.Message);
        Assert.False(string.IsNullOrWhiteSpace(check.Value!.DisplayName));
    }

    [Theory]
    [MemberData(nameof(Systems))]
    public async Task Check_WrongSecret_IsAuthFailedWithoutEchoingIt(string system)
    {
        var module = await fixture.GetAsync(system);
        var secrets = ModuleCases.Module(system).Connector.Descriptor.Fields.Where(f => f.Secret).Select(f => f.Name).ToHashSet();

        var check = await module.Connector.CheckAsync(module.Connection((name, value) => secrets.Contains(name) ? "wrong-" + value : value), CancellationToken.None);

        Assert.False(check.IsSuccess);
        Assert.Equal(FailureCategory.AuthFailed, check.Failure!.Category);
        Assert.DoesNotContain("wrong-", check.Failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Systems))]
    public async Task ReadPage_EveryOfferedEntity_PagesToTheEndWithoutDuplicatesWhateverThePageSize(string system)
    {
        var module = await fixture.GetAsync(system);
        foreach (var entity in Offered(system))
        {
            var connection = module.Connection();
            var (small, pages) = await module.Harness.ReadAllPagesAsync(connection, entity, pageSize: 10);
            var large = await module.Harness.ReadAllAsync(connection, entity, pageSize: 200);

            Assert.All(small, r => Assert.False(string.IsNullOrWhiteSpace(r.RemoteId), $"{entity}: a record without a remote id"));
            Assert.True(small.Select(r => r.RemoteId).Distinct(StringComparer.Ordinal).Count() == small.Count, $"{entity}: a record came twice in pages of 10");
            Assert.True(large.Select(r => r.RemoteId).Distinct(StringComparer.Ordinal).Count() == large.Count, $"{entity}: a record came twice in pages of 200");
            Assert.Equal(large.Select(r => r.RemoteId).Order(StringComparer.Ordinal), small.Select(r => r.RemoteId).Order(StringComparer.Ordinal));
            Assert.True(pages >= 1);
        }
    }

    [Theory]
    [MemberData(nameof(Systems))]
    public async Task ReadPage_SameRecordsReadAgain_GetTheSameStableIds(string system)
    {
        var module = await fixture.GetAsync(system);
        var connection = module.Connection();
        foreach (var entity in Offered(system))
        {
            var first = (await module.Harness.ReadAllAsync(connection, entity)).Select(r => StableIds.For(connection.ConnectionId, entity, r.RemoteId)).ToList();
            var second = (await module.Harness.ReadAllAsync(connection, entity)).Select(r => StableIds.For(connection.ConnectionId, entity, r.RemoteId)).ToList();

            Assert.Equal(first.Order(StringComparer.Ordinal), second.Order(StringComparer.Ordinal));
            Assert.Equal(first.Count, first.Distinct(StringComparer.Ordinal).Count());
            Assert.All(first, id => Assert.StartsWith(EntityInfo.Of(entity).IdPrefix + "_", id, StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Systems))]
    public async Task ReadPage_Incremental_ReturnsEveryRecordChangedSinceTheCheckpointAndNotTheOlderOnes(string system)
    {
        var module = await fixture.GetAsync(system);
        var incremental = ModuleCases.Module(system).Connector.Descriptor.Capabilities.Where(c => c.Value.Incremental).Select(c => c.Key).ToList();
        Assert.NotEmpty(incremental);
        foreach (var entity in incremental)
        {
            var connection = module.Connection();
            var full = await module.Harness.ReadAllAsync(connection, entity);
            var stamps = full.Where(r => r.RemoteUpdatedAt is not null).Select(r => r.RemoteUpdatedAt!.Value).Order().ToList();
            Assert.True(stamps.Count > 1, $"{entity}: the sandbox should seed records with change times");
            var checkpoint = stamps[stamps.Count / 2];

            var changed = await module.Harness.ReadAllAsync(connection, entity, modifiedSince: checkpoint);
            var future = await module.Harness.ReadAllAsync(connection, entity, modifiedSince: stamps[^1].AddDays(1));

            var changedIds = changed.Select(r => r.RemoteId).ToHashSet(StringComparer.Ordinal);
            Assert.All(full.Where(r => r.RemoteUpdatedAt >= checkpoint), r => Assert.True(changedIds.Contains(r.RemoteId), $"{entity} {r.RemoteId}: changed after the checkpoint but not read"));
            Assert.All(changed, r => Assert.Contains(full, f => f.RemoteId == r.RemoteId));
            if (full.Any(r => r.RemoteUpdatedAt < checkpoint.AddHours(-1)))
            {
                Assert.True(changed.Count < full.Count, $"{entity}: an incremental read returned everything");
            }

            Assert.Empty(future);
        }
    }

    [Theory]
    [MemberData(nameof(Systems))]
    public async Task ReadPage_Faults_AreRetriedAwayOrClassified(string system)
    {
        var module = await fixture.GetAsync(system);
        var entity = Offered(system)[0];
        var faults = module.Host.Sandbox.Faults;
        try
        {
            faults.ForceStatus(500, 2);
            var recovered = await Read(module, entity);
            faults.Reset();
            faults.ForceStatus(503, 10);
            var down = await Read(module, entity);
            faults.Reset();
            faults.ForceStatus(429, 10, retryAfterSeconds: 1);
            var throttled = await Read(module, entity);
            faults.Reset();
            var healthy = await Read(module, entity);

            Assert.True(recovered.IsSuccess, recovered.Failure?.Message);
            Assert.Equal(FailureCategory.Transient, down.Failure!.Category);
            Assert.Equal(503, down.Failure.UpstreamStatus);
            Assert.Equal(FailureCategory.RateLimited, throttled.Failure!.Category);
            Assert.NotNull(throttled.Failure.RetryAfter);
            Assert.True(healthy.IsSuccess, healthy.Failure?.Message);
        }
        finally
        {
            faults.Reset();
            module.Host.Sandbox.Reset();
        }
    }

    private static Task<ConnectorResult<RawPage>> Read(ModuleUnderTest module, Entity entity) =>
        module.Connector.ReadPageAsync(module.Connection(), new ReadRequest(entity, null, null, 10), CancellationToken.None);

    private static List<Entity> Offered(string system)
    {
        var capabilities = ModuleCases.Module(system).Connector.Descriptor.Capabilities;
        return [.. EntityInfo.All.Select(e => e.Entity).Where(e => capabilities.TryGetValue(e, out var c) && c.Read)];
    }
}
