using HappyCommunity.Modules.Repair.Data;
using HappyCommunity.Modules.Repair.Domain;
using HappyCommunity.Modules.Repair.Features;
using HappyCommunity.PluginSdk;
using HappyCommunity.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HappyCommunity.Tests.Repair;

/// <summary>Repairs' dashboard figures on a real SQLite store, against values worked out by hand.</summary>
public sealed class RepairFiguresTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 2, 0, 0, TimeSpan.Zero);
    private readonly SettableClock _clock = new();

    private sealed class SettableClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = RepairFiguresTests.Now;
        public override DateTimeOffset GetUtcNow() => Now;
    }
    private readonly string _file = Path.Combine(TestPaths.NewTempDirectory("figures"), "repair.db");

    private RepairDbContext Open(int centre) => RepairStore.Open(_file, centre, _clock);

    /// <summary>Files one request created <paramref name="daysAgo"/> days ago; times after that in hours.</summary>
    private async Task AddAsync(int centre, double daysAgo, RequestStatus status, double? acceptedAfter = null, double? resolvedAfter = null,
        double responseHours = 4, double resolutionHours = 24, int? rating = null, bool overdue = false)
    {
        var created = Now.AddDays(-daysAgo);
        _clock.Now = created; // the store stamps CreatedAt from the clock
        await using var db = Open(centre);
        db.Requests.Add(new RepairRequest
        {
            Description = "x", Status = status, Building = "1", BuildingKey = "1",
            ResponseDueAt = created.AddHours(responseHours), ResolutionDueAt = created.AddHours(resolutionHours),
            AcceptedAt = acceptedAfter is { } a ? created.AddHours(a) : null,
            ResolvedAt = resolvedAfter is { } r ? created.AddHours(r) : null,
            Rating = rating, ResolutionOverdue = overdue,
        });
        await db.SaveChangesAsync();
        _clock.Now = Now;
    }

    [Fact]
    public async Task Medians_on_time_share_satisfaction_and_open_counts_over_the_last_90_days()
    {
        await using (var db = Open(1)) await db.Database.MigrateAsync();
        await AddAsync(1, 10, RequestStatus.Resolved, acceptedAfter: 2, resolvedAfter: 10, rating: 5);            // on time
        await AddAsync(1, 5, RequestStatus.Closed, acceptedAfter: 4, resolvedAfter: 30, rating: 3);               // resolved late
        await AddAsync(1, 1, RequestStatus.Accepted, acceptedAfter: 1, overdue: true);                             // open, overdue
        await AddAsync(1, 100, RequestStatus.Closed, acceptedAfter: 50, resolvedAfter: 100, rating: 1);           // older than 90 days
        await AddAsync(1, 2, RequestStatus.Triage);                                                                // never accepted
        await AddAsync(2, 3, RequestStatus.Resolved, acceptedAfter: 100, resolvedAfter: 200, rating: 1);          // another centre

        await using var store = Open(1);
        var figures = new RepairFigures(store, _clock);
        var one = (await figures.GetFiguresAsync(new DashboardScope([1]), default)).ToDictionary(f => f.Key, f => f.Value);
        Assert.Equal(2.0m, one["repair.median-response"]);      // of 2, 4 and 1 hours
        Assert.Equal(20.0m, one["repair.median-resolution"]);   // of 10 and 30 hours
        Assert.Equal(50.0m, one["repair.sla-compliance"]);      // one of the two resolved in time
        Assert.Equal(4.00m, one["repair.satisfaction"]);        // of 5 and 3
        Assert.Equal(1, one["repair.open.triage"]);
        Assert.Equal(1, one["repair.open.accepted"]);
        Assert.Equal(1, one["repair.overdue"]);

        var both = (await figures.GetFiguresAsync(new DashboardScope([1, 2]), default)).ToDictionary(f => f.Key, f => f.Value);
        Assert.Equal(3.0m, both["repair.median-response"]);     // of 2, 4, 1 and 100 hours
        Assert.Equal(30.0m, both["repair.median-resolution"]);  // of 10, 30 and 200 hours
        Assert.Equal(3.00m, both["repair.satisfaction"]);       // of 5, 3 and 1
    }
}
