namespace Millwright.Connectors.Core;

/// <summary>All registered connectors by system id.</summary>
public sealed class ConnectorRegistry(IEnumerable<IConnector> connectors)
{
    private readonly Dictionary<string, IConnector> bySystem =
        connectors.ToDictionary(c => c.Descriptor.Id, StringComparer.Ordinal);

    public IReadOnlyCollection<IConnector> All => bySystem.Values;

    public IConnector? Find(string systemId) => bySystem.GetValueOrDefault(systemId);
}
