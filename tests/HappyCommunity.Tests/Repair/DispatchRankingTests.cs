using HappyCommunity.Modules.Repair.Data;
using HappyCommunity.Modules.Repair.Domain;
using HappyCommunity.Modules.Repair.Features;
using HappyCommunity.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HappyCommunity.Tests.Repair;

/// <summary>
/// Dispatch ranks a team in the store (one query walking the staff index) instead of reading every member and slot.
/// These hold that ranking to the in-memory policy and roster, on a real SQLite store with Repairs' migrations, over
/// many random teams, rosters (night shifts and boundaries included), loads, ties, passed-over members and moments.
/// </summary>
public sealed class DispatchRankingTests
{
    private const int Centre = 1, Other = 2;
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 0, 0, 0, TimeSpan.FromHours(8));

    private static RepairDbContext Open(string file, int centre) => RepairStore.Open(file, centre);

    private static RepairService Service(RepairDbContext db, int centre) => RepairStore.Service(db, centre);

    [Fact]
    public async Task The_store_ranks_exactly_as_the_policy_over_random_teams_and_moments()
    {
        var random = new Random(20261204);
        for (var world = 0; world < 25; world++)
        {
            var file = Path.Combine(TestPaths.NewTempDirectory("rank"), "repair.db");
            var members = new List<(string UserId, List<Roster.Slot> Slots, int Load, DateTimeOffset? Last)>();
            int teamId;
            await using (var db = Open(file, Centre))
            {
                await db.Database.MigrateAsync();
                var team = new Team { Name = "一组" };
                var otherTeam = new Team { Name = "二组" };
                db.Teams.AddRange(team, otherTeam);
                await db.SaveChangesAsync();
                teamId = team.Id;
                var count = random.Next(0, 14);
                for (var i = 0; i < count + 4; i++)
                {
                    var userId = $"u{random.Next(1000):000}-{i}";
                    var inTeam = i < count;
                    var slots = Enumerable.Range(0, random.Next(0, 4)).Select(_ => RandomSlot(random)).ToList();
                    var load = random.Next(0, 3);
                    DateTimeOffset? last = random.Next(3) == 0 ? null : Monday.AddHours(random.Next(0, 3));
                    db.TeamMembers.Add(new TeamMember { TeamId = inTeam ? team.Id : otherTeam.Id, UserId = userId });
                    db.Staff.Add(new StaffMember { UserId = userId, DisplayName = userId, OpenLoad = load, LastAssignedAt = last });
                    db.DutySlots.AddRange(slots.Select(s => new DutySlot { UserId = userId, Day = s.Day, StartMinute = s.StartMinute, EndMinute = s.EndMinute }));
                    if (inTeam) members.Add((userId, slots, load, last));
                }
                await db.SaveChangesAsync();
            }
            // Another centre's rows under the same user ids, on duty around the clock and with the lightest loads: never counted.
            await using (var other = Open(file, Other))
            {
                var theirs = new Team { Name = "一组" };
                other.Teams.Add(theirs);
                await other.SaveChangesAsync();
                foreach (var m in members)
                {
                    other.Staff.Add(new StaffMember { UserId = m.UserId, DisplayName = "别的中心", OpenLoad = -1 });
                    other.TeamMembers.Add(new TeamMember { TeamId = theirs.Id, UserId = m.UserId });
                    foreach (var day in Enum.GetValues<DayOfWeek>())
                        other.DutySlots.Add(new DutySlot { UserId = m.UserId, Day = day, StartMinute = 0, EndMinute = 0 });
                }
                await other.SaveChangesAsync();
            }

            await using var store = Open(file, Centre);
            var service = Service(store, Centre);
            for (var moment = 0; moment < 30; moment++)
            {
                // Half the moments on a slot boundary, where an off-by-one would show.
                var minute = moment % 2 == 0 && members.SelectMany(m => m.Slots).ToList() is { Count: > 0 } all
                    ? (random.Next(2) == 0 ? all[random.Next(all.Count)].StartMinute : all[random.Next(all.Count)].EndMinute) + random.Next(-1, 1)
                    : random.Next(0, 24 * 60);
                var now = Monday.AddDays(random.Next(7)).AddMinutes(Math.Clamp(minute, 0, 24 * 60 - 1)).ToUniversalTime();
                var excluded = members.Count > 0 && random.Next(3) == 0
                    ? members.Where(_ => random.Next(3) == 0).Select(m => m.UserId).ToHashSet()
                    : null;

                var expected = DispatchPolicy.Rank(members.Select(m => new Candidate(m.UserId, m.UserId, Roster.IsOnDuty(m.Slots, now), m.Load, m.Last)), excluded);
                var actual = await service.RankOnDutyAsync(teamId, excluded, now, CancellationToken.None);

                var what = $"world {world}, {now:u}, {members.Count} members, excluded {string.Join(",", excluded ?? [])}";
                Assert.True(expected.OnDuty == actual.OnDuty, $"{what}: on duty {actual.OnDuty}, policy says {expected.OnDuty}");
                Assert.True(expected.Best?.UserId == actual.Best?.UserId, $"{what}: chose {actual.Best?.UserId}, policy says {expected.Best?.UserId}");
                Assert.True(expected.TiedOnLoad == actual.TiedOnLoad, $"{what}: tie {actual.TiedOnLoad}, policy says {expected.TiedOnLoad}");
                Assert.Equal(expected.Best?.OpenLoad, actual.Best?.OpenLoad);
            }
        }
    }

    private static Roster.Slot RandomSlot(Random random)
    {
        var start = random.Next(0, 48) * 30;
        var end = random.Next(4) switch
        {
            0 => start,                              // from its start until the same time the next day
            1 => random.Next(0, start / 30 + 1) * 30, // a night shift
            _ => Math.Min(24 * 60, start + random.Next(1, 17) * 30),
        };
        return new Roster.Slot((DayOfWeek)random.Next(7), start, end);
    }

    [Fact]
    public async Task A_decision_from_the_store_names_the_count_and_the_tie()
    {
        var file = Path.Combine(TestPaths.NewTempDirectory("rank"), "repair.db");
        await using var db = Open(file, Centre);
        await db.Database.MigrateAsync();
        var team = new Team { Name = "一组" };
        db.Teams.Add(team);
        await db.SaveChangesAsync();
        foreach (var (id, load) in new[] { ("a", 2), ("b", 1), ("c", 1), ("d", 0) })
        {
            db.TeamMembers.Add(new TeamMember { TeamId = team.Id, UserId = id });
            db.Staff.Add(new StaffMember { UserId = id, DisplayName = "师傅" + id, OpenLoad = load, LastAssignedAt = Monday.AddHours(id[0] - 'a') });
            // d is off duty on Mondays; the rest work 08:00–20:00.
            db.DutySlots.Add(new DutySlot { UserId = id, Day = id == "d" ? DayOfWeek.Tuesday : DayOfWeek.Monday, StartMinute = 8 * 60, EndMinute = 20 * 60 });
        }
        await db.SaveChangesAsync();

        var ranking = await Service(db, Centre).RankOnDutyAsync(team.Id, null, Monday.AddHours(10).ToUniversalTime(), CancellationToken.None);
        var decision = DispatchPolicy.Decide("水管漏水", "一组", ranking, othersPassedOver: false);
        Assert.Equal("b", decision.AssigneeId);
        Assert.Equal("Fewest open jobs (1) of 3 on duty in 一组, idle longest: 师傅b.", decision.Reason.En);

        var without = await Service(db, Centre).RankOnDutyAsync(team.Id, new HashSet<string> { "a", "b", "c" }, Monday.AddHours(10).ToUniversalTime(), CancellationToken.None);
        Assert.Contains("Nobody else in 一组", DispatchPolicy.Decide("水管漏水", "一组", without, othersPassedOver: true).Reason.En);
    }
}
