using System.Globalization;
using Microsoft.Data.Sqlite;

namespace HappyCommunity.PerfSeed;

/// <summary>The transaction the inserts on one connection share, committed and begun anew every <see cref="BatchSize"/> rows.</summary>
public sealed class Loader(SqliteConnection connection) : IDisposable
{
    public const int BatchSize = 50_000;
    private readonly List<SqliteCommand> _commands = [];
    private int _pending;

    public SqliteConnection Connection => connection;

    public SqliteTransaction Transaction { get; private set; } = connection.BeginTransaction();

    public BulkInsert Insert(string table, params string[] columns) => new(this, table, columns);

    internal void Enlist(SqliteCommand command) => _commands.Add(command);

    internal void Added()
    {
        if (++_pending < BatchSize) return;
        Transaction.Commit();
        Transaction.Dispose();
        Transaction = connection.BeginTransaction();
        foreach (var c in _commands) c.Transaction = Transaction;
        _pending = 0;
    }

    public void Dispose()
    {
        Transaction.Commit();
        Transaction.Dispose();
        foreach (var c in _commands) c.Dispose();
    }
}

/// <summary>
/// One prepared INSERT in a <see cref="Loader"/>'s transaction. Columns the seeder does not name but the table
/// requires (NOT NULL, no default; a column a later migration added) get a neutral value, 0 or the empty string, so
/// the seeder keeps working when a module's schema grows.
/// </summary>
public sealed class BulkInsert
{
    private readonly Loader _loader;
    private readonly SqliteCommand _command;
    private readonly SqliteParameter[] _parameters;

    internal BulkInsert(Loader loader, string table, string[] columns)
    {
        _loader = loader;
        var connection = loader.Connection;
        var filled = new List<(string Name, object Value)>();
        using (var info = connection.CreateCommand())
        {
            info.CommandText = $"PRAGMA table_info(\"{table}\")";
            using var reader = info.ExecuteReader();
            while (reader.Read())
            {
                var name = reader.GetString(1);
                var type = reader.GetString(2);
                var notNull = reader.GetInt32(3) == 1;
                var hasDefault = !reader.IsDBNull(4);
                var primaryKey = reader.GetInt32(5) > 0;
                if (notNull && !hasDefault && !primaryKey && !columns.Contains(name))
                    filled.Add((name, type.Contains("INT", StringComparison.OrdinalIgnoreCase) || type.Contains("REAL", StringComparison.OrdinalIgnoreCase) ? 0 : ""));
            }
        }
        if (filled.Count > 0)
            Console.WriteLine($"  {table}: not named by the seeder, filled with neutral values: {string.Join(", ", filled.Select(f => f.Name))}");

        var all = columns.Concat(filled.Select(f => f.Name)).ToList();
        _command = connection.CreateCommand();
        _command.Transaction = loader.Transaction;
        loader.Enlist(_command);
        _command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", all.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", all.Select((_, i) => "$p" + i.ToString(CultureInfo.InvariantCulture)))})";
        // No declared types: each value binds as what it is (long, int and bool as INTEGER, string as TEXT).
        _parameters = all.Select((_, i) => _command.Parameters.AddWithValue("$p" + i.ToString(CultureInfo.InvariantCulture), DBNull.Value)).ToArray();
        for (var i = 0; i < filled.Count; i++)
            _parameters[columns.Length + i].Value = filled[i].Value;
        _command.Prepare();
    }

    public long Rows { get; private set; }

    /// <summary>Adds one row, the values in the order of the columns named.</summary>
    public void Add(params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
            _parameters[i].Value = values[i] ?? DBNull.Value;
        _command.ExecuteNonQuery();
        Rows++;
        _loader.Added();
    }
}
