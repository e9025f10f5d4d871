using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Millwright.Server.Persistence;

/// <summary>Plain ADO.NET commands on the context's open transaction (the hot write paths that bypass change tracking).</summary>
internal static class PlainCommands
{
    /// <summary>A command on <paramref name="db"/>'s current transaction; <paramref name="what"/> says which work needs one.</summary>
    public static DbCommand OnTransaction(MillwrightDb db, string what)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException($"{what} run inside the caller's transaction.");
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        return command;
    }

    /// <summary>Adds a parameter (null is sent as SQL NULL) and returns it, for statements that rebind it per row.</summary>
    public static DbParameter AddParameter(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    /// <summary>
    /// Runs a SQLite <c>PRAGMA</c> on <paramref name="db"/>'s open connection, inside its current transaction when
    /// there is one; returns the pragma's value as a number (null for a pragma that sets and returns nothing).
    /// </summary>
    public static async Task<long?> SqlitePragmaAsync(MillwrightDb db, string pragma, CancellationToken cancellationToken)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = "PRAGMA " + pragma;
        return await command.ExecuteScalarAsync(cancellationToken) is { } value and not DBNull
            ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)
            : null;
    }
}
