using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace HappyCommunity.Host.Plugins;

/// <summary>Where each module's store lives: one SQLite file per module under the data folder.</summary>
public sealed class ModuleStores
{
    public ModuleStores(string dataPath, bool fullSync = false)
    {
        DataPath = dataPath;
        ConnectionSetup = new SqliteConnectionSetup(fullSync);
        Directory.CreateDirectory(Path.Combine(dataPath, "modules"));
    }

    public string DataPath { get; }

    /// <summary>The pragmas every connection to the host's and the modules' stores gets as it opens.</summary>
    public SqliteConnectionSetup ConnectionSetup { get; }

    /// <summary>Raised when a module store commits outbox rows; the event dispatcher waits on it.</summary>
    public Events.OutboxSignal OutboxSignal { get; } = new();

    public static string SqliteConnectionString(string file) => new SqliteConnectionStringBuilder
    {
        DataSource = file,
        ForeignKeys = true,
        DefaultTimeout = 30,
        Pooling = true,
    }.ToString();

    public string HostConnectionString => SqliteConnectionString(Path.Combine(DataPath, "host.db"));

    /// <summary>A module store's options (built once per store): its SQLite file, the connection pragmas, the outbox signal.</summary>
    public void Configure(DbContextOptionsBuilder options, string moduleId) =>
        options.UseSqlite(SqliteConnectionString(Path.Combine(DataPath, "modules", moduleId + ".db")))
            .AddInterceptors(ConnectionSetup, new Events.OutboxSaveInterceptor(moduleId, OutboxSignal), new Events.OutboxCommitInterceptor(OutboxSignal));

    public string ModuleDataDirectory(string moduleId)
    {
        var dir = Path.Combine(DataPath, "modules", moduleId);
        Directory.CreateDirectory(dir);
        return dir;
    }
}
