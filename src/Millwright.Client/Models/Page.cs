namespace Millwright.Client.Models;

/// <summary>One page of a list.</summary>
/// <typeparam name="T">Record type.</typeparam>
/// <param name="Data">The records.</param>
/// <param name="NextCursor">Pass as <c>cursor</c> to get the next page; null on the last page.</param>
public sealed record Page<T>(IReadOnlyList<T> Data, string? NextCursor);
