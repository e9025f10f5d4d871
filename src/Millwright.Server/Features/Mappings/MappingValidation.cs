using Millwright.Client.Errors;
using Millwright.Client.Models;
using Millwright.Connectors.Core;
using Millwright.Connectors.Mapping;
using Millwright.Server.Hosting.Errors;

namespace Millwright.Server.Features.Mappings;

/// <summary>
/// Checks a connection's overrides against its connector: known entities the connector maps, and every
/// entity's effective mapping valid (syntax, targets, types). Each problem points at its line as a JSON
/// pointer (<c>/mappings/work-orders/status</c>) plus the position in the expression.
/// </summary>
internal static class MappingValidation
{
    public const int MaxFieldsPerEntity = 200;

    public static List<ErrorDetail> Problems(IConnector connector, MappingOverrides overrides, string root = "/mappings")
    {
        var problems = new List<ErrorDetail>();
        foreach (var (path, fields) in overrides.Entities)
        {
            var pointer = $"{root}/{Escape(path)}";
            var info = EntityInfo.FromPath(path);
            if (info is null || !connector.DefaultMappings.TryGetValue(info.Entity, out var defaults))
            {
                var offered = string.Join(", ", Offered(connector).Select(e => e.Path));
                problems.Add(new(pointer, info is null
                    ? $"'{path}' is not an entity; the entities {connector.Descriptor.Name} maps are {offered}."
                    : $"{connector.Descriptor.Name} does not offer {path}; it maps {offered}."));
                continue;
            }

            if (fields.Count > MaxFieldsPerEntity)
            {
                problems.Add(new(pointer, $"At most {MaxFieldsPerEntity} field mappings per entity."));
                continue;
            }

            foreach (var error in MappingEngine.Validate(overrides.Apply(info, defaults)))
            {
                problems.Add(new ErrorDetail($"{pointer}/{Escape(error.Target)}", error.Message) { Position = error.Position });
            }
        }

        return problems;
    }

    /// <summary>Throws 422 <c>VALIDATION_FAILED</c> with every problem, when there are any.</summary>
    public static void ThrowIfInvalid(IConnector connector, MappingOverrides overrides, string root = "/mappings")
    {
        var problems = Problems(connector, overrides, root);
        if (problems.Count > 0)
        {
            var first = problems[0];
            var at = first.Position is { } p ? $" (at position {p})" : "";
            throw new ApiException(StatusCodes.Status422UnprocessableEntity, ErrorCodes.ValidationFailed,
                $"The field mapping is not valid: {first.Field}: {first.Message}{at}" + (problems.Count > 1 ? $" (and {problems.Count - 1} more problems)" : ""),
                details: problems);
        }
    }

    public static IEnumerable<EntityInfo> Offered(IConnector connector) =>
        EntityInfo.All.Where(e => connector.DefaultMappings.ContainsKey(e.Entity));

    /// <summary>JSON pointer escaping (RFC 6901).</summary>
    public static string Escape(string segment) => segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
