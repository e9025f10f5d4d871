using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Connections;

/// <summary>
/// Extension point for features that react to a connection's life (webhook events, issue 7). Register
/// implementations in DI; whoever creates, deletes or changes the status of a connection calls every one
/// through <see cref="ConnectionEvents"/>.
/// </summary>
internal interface IConnectionObserver
{
    /// <summary>
    /// Called inside the transaction that changes the connection, before it commits, so that what an
    /// observer adds to <paramref name="db"/> (an outbox of events) commits or rolls back with the change.
    /// </summary>
    Task OnChangedAsync(MillwrightDb db, ConnectionChange change, CancellationToken cancellationToken);
}

internal enum ConnectionChangeKind
{
    Created,
    StatusChanged,
    Deleted,
}

/// <summary>What happened to a connection.</summary>
/// <param name="Connection">The row as stored after the change.</param>
/// <param name="StatusBefore">For <see cref="ConnectionChangeKind.StatusChanged"/>: the status it had.</param>
/// <param name="Reason">Error code or plain reason, when the change has one (e.g. <c>CONNECTION_CREDENTIALS_INVALID</c>).</param>
internal sealed record ConnectionChange(ConnectionChangeKind Kind, ConnectionRow Connection, DateTimeOffset At, string? StatusBefore = null, string? Reason = null);

/// <summary>Calls every registered <see cref="IConnectionObserver"/>.</summary>
internal sealed class ConnectionEvents(IEnumerable<IConnectionObserver> observers)
{
    public async Task RaiseAsync(MillwrightDb db, ConnectionChange change, CancellationToken cancellationToken)
    {
        foreach (var observer in observers)
        {
            await observer.OnChangedAsync(db, change, cancellationToken);
        }
    }

    /// <summary>Raises <see cref="ConnectionChangeKind.StatusChanged"/> when the status really changed.</summary>
    public Task StatusChangedAsync(MillwrightDb db, ConnectionRow connection, string? before, DateTimeOffset at, string? reason, CancellationToken cancellationToken) =>
        before is null || before == connection.Status
            ? Task.CompletedTask
            : RaiseAsync(db, new ConnectionChange(ConnectionChangeKind.StatusChanged, connection, at, before, reason), cancellationToken);
}
