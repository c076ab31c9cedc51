using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HappyCommunity.Host.Plugins;

/// <summary>
/// Sets every SQLite connection up as it opens. <c>busy_timeout</c> lets SQLite itself wait for the write lock with
/// short back-offs (1–100 ms) instead of failing at once into the driver's coarse 150 ms retry sleep, which under
/// concurrent writes made every waiting request sleep in whole 150 ms steps. <c>synchronous</c>: with the stores in
/// WAL mode, <c>NORMAL</c> (the default here, <c>Data:Synchronous</c>) syncs the log at checkpoints rather than on
/// every commit: a commit survives the process being killed, and only a power cut or an operating system crash can
/// undo the last commits (never corrupt the file). <c>FULL</c> syncs every commit, at several times the write cost.
/// </summary>
public sealed class SqliteConnectionSetup : DbConnectionInterceptor
{
    public SqliteConnectionSetup(bool fullSync = false) =>
        _pragmas = "PRAGMA busy_timeout = 30000; PRAGMA synchronous = " + (fullSync ? "FULL;" : "NORMAL;");

    private readonly string _pragmas;

    /// <summary>Reads <c>Data:Synchronous</c>: <c>normal</c> (default) or <c>full</c>; anything else stops the host with its name.</summary>
    public static bool ReadFullSync(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "normal" => false,
        "full" => true,
        _ => throw new InvalidOperationException($"Data:Synchronous must be 'normal' or 'full', not '{value}'."),
    };

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
