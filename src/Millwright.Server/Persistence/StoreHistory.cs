using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Millwright.Server.Persistence;

/// <summary>
/// Refuses, before anything is migrated, a store whose migration history this build does not know.
/// EF would otherwise apply this build's migrations on top of a foreign schema and fail halfway (or,
/// worse, succeed against tables of another shape). Two cases are told apart by the migration ids,
/// which start with their creation time: ids older than this build's first migration come from the
/// pre-release schema that was squashed into one <c>Initial</c> (ADR 0017) and cannot be upgraded;
/// anything else was applied by another (newer) version, and stores are never migrated backwards.
/// </summary>
internal static class StoreHistory
{
    public static async Task EnsureKnownAsync(MillwrightDb db, CancellationToken cancellationToken)
    {
        var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
        var applied = await db.Database.GetAppliedMigrationsAsync(cancellationToken);
        var unknown = applied.Where(id => !known.Contains(id)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count == 0)
        {
            return;
        }

        var first = known.Min(StringComparer.Ordinal)!;
        var store = Describe(db.Database.GetDbConnection(), db.Database.IsNpgsql());
        var ids = string.Join(", ", unknown);
        throw new IncompatibleStoreException(unknown.TrueForAll(id => string.CompareOrdinal(id, first) < 0)
            ? $"{store.Name} was created by a pre-release build of Millwright (migrations {ids}). That schema " +
              "cannot be upgraded, and no release ever used it, so there is nothing to keep: " +
              $"stop Millwright, {store.Remedy}, and start it again to get a new, empty store."
            : $"{store.Name} has migrations this build of Millwright does not know ({ids}): a newer version " +
              "has upgraded it. Run that version (or a later one) on this store; stores are never migrated backwards.");
    }

    private static (string Name, string Remedy) Describe(DbConnection connection, bool postgres)
    {
        if (postgres)
        {
            return ($"The PostgreSQL database \"{connection.Database}\" on {connection.DataSource}",
                $"drop that database (DROP DATABASE \"{connection.Database}\";) or point MILLWRIGHT_DATABASE at an empty one");
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(connection.DataSource)) ?? connection.DataSource;
        return ($"The store in the data folder {folder}",
            "delete that folder (or start with --data <another folder>)");
    }
}

/// <summary>
/// The store cannot be used by this build; the message says what to do. Startup fails with it, and the
/// process exits non-zero: a refusal is not a crash, so it prints as its message alone, without a stack trace.
/// </summary>
internal sealed class IncompatibleStoreException(string message) : Exception(message)
{
    public override string ToString() => $"{GetType().FullName}: {Message}";
}
