using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HappyCommunity.Host.Plugins;

/// <summary>
/// Sets every SQLite connection up as it opens. <c>busy_timeout</c> lets SQLite itself wait for the write lock with
/// short back-offs (1–100 ms) instead of failing at once into the driver's coarse 150 ms retry sleep, which under
/// concurrent writes made every waiting request sleep in whole 150 ms steps.
/// </summary>
public sealed class SqliteConnectionSetup : DbConnectionInterceptor
{
    public static SqliteConnectionSetup Instance { get; } = new();

    private const string Pragmas = "PRAGMA busy_timeout = 30000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
