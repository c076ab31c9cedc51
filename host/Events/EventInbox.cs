using Microsoft.EntityFrameworkCore;

namespace HappyCommunity.Host.Events;

/// <summary>
/// The receiving side's record of handled events, one table in each module's store. The dispatcher writes a row in
/// the same transaction as the handler's changes, so a second delivery of the same event to the same handler is
/// seen and skipped: the handler's work happens once.
/// </summary>
public static class EventInbox
{
    public const string CreateTableSql =
        """CREATE TABLE IF NOT EXISTS "__inbox" ("EventId" TEXT NOT NULL, "Handler" TEXT NOT NULL, "HandledAt" INTEGER NOT NULL, PRIMARY KEY ("EventId", "Handler"));""";

    public static async Task<bool> HasAsync(DbContext db, Guid eventId, string handler, CancellationToken ct) =>
        await db.Database.SqlQuery<int>($"""SELECT COUNT(*) AS "Value" FROM "__inbox" WHERE "EventId" = {eventId.ToString()} AND "Handler" = {handler}""")
            .SingleAsync(ct) > 0;

    public static Task RecordAsync(DbContext db, Guid eventId, string handler, DateTimeOffset at, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync(
            $"""INSERT INTO "__inbox" ("EventId", "Handler", "HandledAt") VALUES ({eventId.ToString()}, {handler}, {at.ToUnixTimeMilliseconds()})""", ct);
}

/// <summary>The dispatcher's settings: <c>Events:*</c> in configuration.</summary>
public sealed class EventOptions
{
    /// <summary>Whether this instance dispatches at all (several instances may all dispatch; receivers de-duplicate).</summary>
    public bool Dispatch { get; set; } = true;

    /// <summary>Failed attempts before a delivery is parked for an admin.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>The first retry's delay; each next one doubles, up to <see cref="RetryMaxSeconds"/>.</summary>
    public double RetryBaseSeconds { get; set; } = 5;

    public double RetryMaxSeconds { get; set; } = 600;

    /// <summary>How often the outboxes are read when no commit woke the dispatcher.</summary>
    public double PollSeconds { get; set; } = 2;

    public int BatchSize { get; set; } = 100;

    /// <summary>How long one handler may take before it is cancelled and the attempt counts as failed.</summary>
    public double HandlerTimeoutSeconds { get; set; } = 30;

    public TimeSpan Backoff(int attempts)
    {
        var seconds = Math.Min(RetryBaseSeconds * Math.Pow(2, Math.Max(0, attempts - 1)), RetryMaxSeconds);
        return TimeSpan.FromSeconds(seconds * (0.8 + Random.Shared.NextDouble() * 0.4));
    }
}
