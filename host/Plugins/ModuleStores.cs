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

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor[]> _interceptors = new();

    /// <summary>A module store's options: its SQLite file, and one set of interceptors per module, shared by every context.</summary>
    public void Configure(DbContextOptionsBuilder options, string moduleId) =>
        options.UseSqlite(SqliteConnectionString(Path.Combine(DataPath, "modules", moduleId + ".db")))
            .AddInterceptors(_interceptors.GetOrAdd(moduleId, id =>
                [ConnectionSetup, new Events.OutboxSaveInterceptor(id, OutboxSignal), new Events.OutboxCommitInterceptor(OutboxSignal)]));

    public string ModuleDataDirectory(string moduleId)
    {
        var dir = Path.Combine(DataPath, "modules", moduleId);
        Directory.CreateDirectory(dir);
        return dir;
    }
}
