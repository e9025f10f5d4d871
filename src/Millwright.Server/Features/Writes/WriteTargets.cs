using Millwright.Client.Errors;
using Millwright.Client.Models;
using Millwright.Connectors.Core;
using Millwright.Connectors.Mapping;
using Millwright.Server.Features.Mappings;
using Millwright.Server.Hosting.Errors;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Writes;

internal enum WriteOperation
{
    Create,
    Update,
    Delete,
}

/// <summary>What one connection can write to one entity: the connector, its declared capabilities and the mapping in force.</summary>
internal sealed record WriteTarget(
    ConnectionRow Connection, EntityInfo Info, IWritableConnector Connector, EntityCapabilities Capabilities, EntityMapping Mapping, WritePlan Plan);

/// <summary>Resolves the write target of a request, refusing with <c>OPERATION_NOT_SUPPORTED</c> what the system cannot do.</summary>
internal sealed class WriteTargets(ConnectorRegistry connectors, ConnectionMappings mappings)
{
    public async Task<WriteTarget> ResolveAsync(ConnectionRow connection, EntityInfo info, WriteOperation operation, CancellationToken cancellationToken)
    {
        var connector = connectors.Find(connection.System);
        var capabilities = connector?.Descriptor.Capabilities.GetValueOrDefault(info.Entity);
        var allowed = operation switch
        {
            WriteOperation.Create => capabilities?.Create,
            WriteOperation.Update => capabilities?.Update,
            _ => capabilities?.Delete,
        };
        if (connector is not IWritableConnector writable || capabilities is null || allowed != true
            || !connector.DefaultMappings.TryGetValue(info.Entity, out var defaults))
        {
            var name = connector?.Descriptor.Name ?? connection.System;
            var verb = operation switch { WriteOperation.Create => "create", WriteOperation.Update => "change", _ => "delete" };
            var hint = operation == WriteOperation.Delete && capabilities?.Update == true && capabilities.StatusTransitions.Count > 0
                ? $" Close it with PATCH {{\"status\": …}} instead ({string.Join(", ", capabilities.StatusTransitions)})."
                : "";
            throw new ApiException(StatusCodes.Status405MethodNotAllowed, ErrorCodes.OperationNotSupported,
                $"{name} cannot {verb} {info.Path.Replace('-', ' ')} through Millwright.{hint} GET /v1/systems lists what each system can do.",
                ErrorSource.ConnectedSystem);
        }

        var current = await mappings.CurrentAsync(connection.Id, cancellationToken);
        var mapping = current.Overrides.Apply(info, defaults);
        return new WriteTarget(connection, info, writable, capabilities, mapping, MappingEngine.WritePlan(mapping));
    }
}
