namespace Millwright.Connectors.Core;

/// <summary>All registered connectors by system id.</summary>
public sealed class ConnectorRegistry
{
    private readonly Dictionary<string, IConnector> bySystem;

    public ConnectorRegistry(IEnumerable<IConnector> connectors)
    {
        bySystem = connectors.ToDictionary(c => c.Descriptor.Id, StringComparer.Ordinal);
        foreach (var connector in bySystem.Values)
        {
            // A declared write the connector cannot perform would be a 500 at the first request: fail at start-up instead.
            var writes = connector.Descriptor.Capabilities.Where(c => c.Value.Create || c.Value.Update || c.Value.Delete).Select(c => c.Key).ToList();
            if (writes.Count > 0 && connector is not IWritableConnector)
            {
                throw new InvalidOperationException(
                    $"The {connector.Descriptor.Id} descriptor declares writes for {string.Join(", ", writes)} but its connector does not implement {nameof(IWritableConnector)}.");
            }
        }
    }

    public IReadOnlyCollection<IConnector> All => bySystem.Values;

    public IConnector? Find(string systemId) => bySystem.GetValueOrDefault(systemId);
}
