namespace Millwright.Sandbox.Odoo;

/// <summary>
/// One stored record: its id, its stored values (many2one as an int id or null, many2many as an id array,
/// dates and datetimes as Odoo's text, empties as null) and its physical position. Odoo leaves the order of
/// rows that tie on every <c>order</c> key to PostgreSQL, which returns them in heap order, and an UPDATE
/// moves a row to the end of the heap; <see cref="Physical"/> reproduces that, so paging on a non-unique
/// order misbehaves here as it does on a real server.
/// </summary>
internal sealed class OdooRow(string model, int id, Dictionary<string, object?> values, long physical)
{
    public string Model { get; } = model;

    public int Id { get; } = id;

    public Dictionary<string, object?> Values { get; } = values;

    public long Physical { get; set; } = physical;

    public object? Get(string field) => field == "id" ? Id : Values.GetValueOrDefault(field);

    public int? Ref(string field) => Values.GetValueOrDefault(field) as int?;
}

/// <summary>The records of one model by id.</summary>
internal sealed class OdooTable(OdooModel model)
{
    public OdooModel Model { get; } = model;

    public SortedDictionary<int, OdooRow> Rows { get; } = [];

    public OdooRow? Find(int id) => Rows.GetValueOrDefault(id);
}

/// <summary>
/// The emulated database: one table per installed model. Every RPC call runs under <see cref="Gate"/>, as
/// one Odoo call is one transaction, so a call never sees another half done.
/// </summary>
internal sealed class OdooDatabase
{
    private long physical;

    public OdooDatabase(string name, IEnumerable<OdooModel> models)
    {
        Name = name;
        Tables = models.ToDictionary(m => m.Name, m => new OdooTable(m), StringComparer.Ordinal);
    }

    public string Name { get; }

    public Lock Gate { get; } = new();

    public IReadOnlyDictionary<string, OdooTable> Tables { get; }

    /// <summary>Passwords and API keys per user id (<c>res.users.apikeys</c> is not a readable model).</summary>
    public Dictionary<int, OdooCredentials> Credentials { get; } = [];

    public OdooTable? Table(string model) => Tables.GetValueOrDefault(model);

    public OdooModel? Model(string model) => Tables.GetValueOrDefault(model)?.Model;

    public OdooRow Insert(string model, int? id, Dictionary<string, object?> values)
    {
        var table = Tables[model];
        var next = id ?? (table.Rows.Count == 0 ? 1 : table.Rows.Keys.Max() + 1);
        var row = new OdooRow(model, next, values, ++physical);
        table.Rows[next] = row;
        return row;
    }

    /// <summary>An UPDATE writes a new row version at the end of the heap.</summary>
    public void Touch(OdooRow row) => row.Physical = ++physical;
}

/// <summary>How one user may sign in, and what they may read and write.</summary>
/// <param name="Password">The password (RPC only).</param>
/// <param name="ApiKeys">Keys with the <c>rpc</c> scope (RPC in place of the password, and JSON-2 bearer).</param>
/// <param name="Apps">Apps whose models the user's groups may read and write; <c>*</c> for all.</param>
internal sealed record OdooCredentials(string? Password, IReadOnlyList<string> ApiKeys, IReadOnlySet<string> Apps)
{
    public bool MayAccess(OdooModel model) => Apps.Contains("*") || Apps.Contains(model.App);
}
