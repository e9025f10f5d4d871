namespace Millwright.Connectors.Mapping;

/// <summary>Why a field mapping cannot be used.</summary>
/// <param name="Target">The mapping's target field, as written.</param>
/// <param name="Position">0-based offset in the expression of the offending part; null when the target itself is wrong.</param>
/// <param name="Message">Plain-words explanation, safe to show to users.</param>
public sealed record MappingError(string Target, int? Position, string Message)
{
    public override string ToString() =>
        Position is { } at ? $"{Target}: {Message} (at position {at})" : $"{Target}: {Message}";
}

/// <summary>Thrown by <see cref="MappingEngine.Apply"/> for a mapping that does not validate.</summary>
public sealed class MappingException(IReadOnlyList<MappingError> errors)
    : Exception("The field mapping is invalid: " + string.Join("; ", errors))
{
    public IReadOnlyList<MappingError> Errors { get; } = errors;
}
