using HappyCommunity.Host.Plugins;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace HappyCommunity.Tests.Unit;

/// <summary>The pragmas every store connection gets as it opens, on a real SQLite file.</summary>
public sealed class SqliteConnectionSetupTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"hc-pragmas-{Guid.NewGuid():N}.db");

    [Theory]
    [InlineData(false, 1L)] // NORMAL
    [InlineData(true, 2L)]  // FULL
    public async Task Every_opened_connection_gets_the_busy_timeout_and_the_chosen_synchronous_level(bool fullSync, long expected)
    {
        var options = new DbContextOptionsBuilder<DbContext>()
            .UseSqlite(ModuleStores.SqliteConnectionString(_file)).AddInterceptors(new SqliteConnectionSetup(fullSync)).Options;
        await using var db = new DbContext(options);
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        Assert.Equal(expected, await Scalar(connection, "PRAGMA synchronous;"));
        Assert.Equal(30000L, await Scalar(connection, "PRAGMA busy_timeout;"));
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("normal", false)]
    [InlineData(" Full ", true)]
    public void The_setting_reads_normal_or_full(string? value, bool full) => Assert.Equal(full, SqliteConnectionSetup.ReadFullSync(value));

    [Fact]
    public void Any_other_setting_is_refused_naming_it()
    {
        var error = Assert.Throws<InvalidOperationException>(() => SqliteConnectionSetup.ReadFullSync("off"));
        Assert.Contains("Data:Synchronous", error.Message);
    }

    private static async Task<long> Scalar(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }
}
