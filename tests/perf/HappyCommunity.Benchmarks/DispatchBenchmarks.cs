using BenchmarkDotNet.Attributes;
using HappyCommunity.Modules.Repair.Data;
using HappyCommunity.Modules.Repair.Domain;
using HappyCommunity.Modules.Repair.Features;
using HappyCommunity.PluginSdk;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace HappyCommunity.Benchmarks;

/// <summary>
/// One dispatch decision for a centre with 500 property staff in one team (each on a weekly roster) and 100,000 open
/// requests: the pure policy over 500 candidates, and the decision as submission makes it, the team on duty ranked by a
/// real SQLite store.
/// </summary>
[MemoryDiagnoser]
public class DispatchBenchmarks
{
    private const int Staff = 500;
    private const int OpenRequests = 100_000;
    private readonly DateTimeOffset _now = new(2026, 12, 3, 2, 0, 0, TimeSpan.Zero);
    private IReadOnlyList<Candidate> _candidates = [];
    private string _path = "";
    private int _teamId;

    [GlobalSetup]
    public void Setup()
    {
        _candidates = Enumerable.Range(0, Staff)
            .Select(i => new Candidate($"user-{i:000}", $"师傅{i}", i % 4 != 0, i % 23, _now.AddMinutes(-(i % 97)))).ToList();

        _path = Path.Combine(Path.GetTempPath(), $"hc-dispatch-{Guid.NewGuid():N}.db");
        using var db = Store();
        db.Database.Migrate();
        var team = new Team { Name = "维修一组" };
        db.Teams.Add(team);
        db.SaveChanges();
        _teamId = team.Id;
        for (var i = 0; i < Staff; i++)
        {
            var userId = $"user-{i:000}";
            db.TeamMembers.Add(new TeamMember { TeamId = team.Id, UserId = userId });
            db.Staff.Add(new StaffMember { UserId = userId, DisplayName = $"师傅{i}", OpenLoad = OpenRequests / Staff, LastAssignedAt = _now.AddMinutes(-i) });
            foreach (var day in Enum.GetValues<DayOfWeek>())
                db.DutySlots.Add(new DutySlot { UserId = userId, Day = day, StartMinute = (i % 3) * 480, EndMinute = (i % 3) * 480 + 480 });
        }
        db.SaveChanges();
        // The open requests are there, as they would be; dispatch keeps per-person counters so it never counts them.
        using var tx = db.Database.BeginTransaction();
        var random = new Random(7);
        for (var batch = 0; batch < OpenRequests / 5000; batch++)
        {
            for (var i = 0; i < 5000; i++)
                db.Requests.Add(new RepairRequest
                {
                    Description = "历史工单", Status = RequestStatus.Assigned, AssigneeId = $"user-{random.Next(Staff):000}", Building = "5", BuildingKey = "5",
                    ResponseDueAt = _now, ResolutionDueAt = _now,
                });
            db.SaveChanges();
            db.ChangeTracker.Clear();
        }
        tx.Commit();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }

    [Benchmark(Description = "policy: 500 candidates")]
    public DispatchDecision Policy() => DispatchPolicy.Decide("水管漏水", "维修一组", _candidates);

    [Benchmark(Description = "store: rank the team on duty + policy")]
    public async Task<DispatchDecision> FromStore()
    {
        await using var db = Store();
        var service = new RepairService(db, Fixed.Centre, Fixed.User, null!, null!, null!, null!, null!, null!, TimeProvider.System, null!);
        var ranking = await service.RankOnDutyAsync(_teamId, null, _now, CancellationToken.None);
        return DispatchPolicy.Decide("水管漏水", "维修一组", ranking, othersPassedOver: false);
    }

    // Built once, as the host builds a store's options once (a singleton), not per decision.
    private DbContextOptions<RepairDbContext>? _options;

    private RepairDbContext Store() =>
        new(_options ??= new DbContextOptionsBuilder<RepairDbContext>().UseSqlite($"Data Source={_path}").Options, Fixed.Centre, Fixed.User, TimeProvider.System);

    private sealed class Fixed : ICentreContext, ICurrentUser
    {
        public static readonly Fixed Centre = new();
        public static readonly Fixed User = Centre;
        CentreInfo? ICentreContext.Centre { get; } = new(1, "xintangpu", new("新塘浦社区中心"), "xiayang");
        public string? UserId => null;
        public string? DisplayName => null;
        public IReadOnlySet<string> Roles { get; } = new HashSet<string>();
        public ServiceChannel Channel => ServiceChannel.Self;
        public bool HasPermission(string permission) => false;
    }
}
