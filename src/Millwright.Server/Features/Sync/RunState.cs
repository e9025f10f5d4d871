using System.Text.Json;
using Millwright.Client.Models;
using Millwright.Client.Sync;

namespace Millwright.Server.Features.Sync;

/// <summary>What the worker executing a run keeps in memory: the claimed row's facts plus counts and errors so far.</summary>
internal sealed class RunState(SyncRunRow row, string owner)
{
    /// <summary>More than this many errors in one run adds nothing a reader can use.</summary>
    public const int MaxErrors = 100;

    private readonly List<SyncRunError> errors = ParseErrors(row.ErrorsJson);

    public string Id { get; } = row.Id;

    public string ConnectionId { get; } = row.ConnectionId;

    /// <summary>Lease owner: this worker.</summary>
    public string Owner { get; } = owner;

    public bool IsFull { get; } = row.Kind == SyncValues.Full;

    /// <summary>When the run first started; watermarks never pass it (see PageWriter).</summary>
    public DateTimeOffset StartedAt { get; } = row.StartedAt ?? row.CreatedAt;

    public int Added { get; set; } = row.Added;

    public int Updated { get; set; } = row.Updated;

    public int Deleted { get; set; } = row.Deleted;

    public IReadOnlyList<SyncRunError> Errors => errors;

    public void AddError(string entity, string code, string message)
    {
        if (errors.Count < MaxErrors)
        {
            errors.Add(new SyncRunError(entity, code, message));
        }
    }

    public string ErrorsJson() => SerializeErrors(errors);

    public static string SerializeErrors(IReadOnlyList<SyncRunError> list) => JsonSerializer.Serialize(list, MillwrightJson.Options);

    public static List<SyncRunError> ParseErrors(string json) =>
        JsonSerializer.Deserialize<List<SyncRunError>>(json, MillwrightJson.Options) ?? [];
}
