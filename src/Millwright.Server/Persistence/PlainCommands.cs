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
}
