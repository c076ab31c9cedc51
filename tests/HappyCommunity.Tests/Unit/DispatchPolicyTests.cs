using HappyCommunity.Modules.Repair.Domain;

namespace HappyCommunity.Tests.Unit;

public sealed class DispatchPolicyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 2, 0, 0, TimeSpan.Zero); // 10:00 in Shanghai, a Thursday

    [Fact]
    public void The_least_loaded_member_on_duty_gets_it()
    {
        var decision = DispatchPolicy.Decide("水管漏水", "一组",
        [
            new("a", "老王", OnDuty: true, OpenLoad: 3, LastAssignedAt: T0.AddHours(-5)),
            new("b", "老李", OnDuty: true, OpenLoad: 1, LastAssignedAt: T0.AddMinutes(-1)),
            new("c", "老张", OnDuty: false, OpenLoad: 0, LastAssignedAt: null),
        ]);
        Assert.Equal("b", decision.AssigneeId);
        Assert.Contains("2 on duty", decision.Reason.En);
        Assert.Contains("老李", decision.Reason.Zh);
    }

    [Fact]
    public void A_tie_on_load_goes_to_the_longest_idle_and_never_assigned_counts_as_idlest()
    {
        var decision = DispatchPolicy.Decide("电路电器", "一组",
        [
            new("a", "A", true, 2, T0.AddHours(-1)),
            new("b", "B", true, 2, T0.AddHours(-3)),
            new("c", "C", true, 2, T0.AddHours(-2)),
        ]);
        Assert.Equal("b", decision.AssigneeId);
        Assert.Contains("idle longest", decision.Reason.En);

        var fresh = DispatchPolicy.Decide("电路电器", "一组", [new("a", "A", true, 0, T0.AddHours(-9)), new("n", "N", true, 0, null)]);
        Assert.Equal("n", fresh.AssigneeId);
    }

    [Fact]
    public void Nobody_on_duty_no_team_or_no_category_goes_to_triage_with_a_reason()
    {
        Assert.Null(DispatchPolicy.Decide("门窗", "一组", [new("a", "A", false, 0, null)]).AssigneeId);
        Assert.Contains("Nobody in 一组 is on duty", DispatchPolicy.Decide("门窗", "一组", []).Reason.En);
        Assert.Contains("No team", DispatchPolicy.Decide("门窗", null, []).Reason.En);
        Assert.Contains("No category", DispatchPolicy.Decide(null, null, []).Reason.En);
    }

    [Fact]
    public void A_decliner_is_passed_over()
    {
        var decision = DispatchPolicy.Decide("门窗", "一组", [new("a", "A", true, 0, null), new("b", "B", true, 5, null)], new HashSet<string> { "a" });
        Assert.Equal("b", decision.AssigneeId);
        var nobody = DispatchPolicy.Decide("门窗", "一组", [new("a", "A", true, 0, null)], new HashSet<string> { "a" });
        Assert.Null(nobody.AssigneeId);
        Assert.Contains("Nobody else", nobody.Reason.En);
    }

    [Fact]
    public void The_same_inputs_always_give_the_same_choice()
    {
        var team = Enumerable.Range(0, 500).Select(i => new Candidate($"u{i:000}", $"U{i}", i % 3 != 0, i % 7, T0.AddMinutes(-(i % 11)))).ToList();
        var first = DispatchPolicy.Decide("x", "t", team);
        var shuffled = DispatchPolicy.Decide("x", "t", team.AsEnumerable().Reverse().ToList());
        Assert.Equal(first.AssigneeId, shuffled.AssigneeId);
        var expected = team.Where(c => c.OnDuty).OrderBy(c => c.OpenLoad).ThenBy(c => c.LastAssignedAt).ThenBy(c => c.UserId, StringComparer.Ordinal).First();
        Assert.Equal(expected.UserId, first.AssigneeId);
    }

    [Theory]
    [InlineData(4, 9, 59, false)]   // Thursday 09:59 local
    [InlineData(4, 10, 0, true)]    // Thursday 10:00
    [InlineData(4, 17, 59, true)]
    [InlineData(4, 18, 0, false)]
    [InlineData(5, 3, 0, true)]     // Friday 03:00: inside Thursday's night shift 22:00–06:00
    [InlineData(5, 6, 0, false)]
    [InlineData(3, 23, 0, false)]   // Wednesday 23:00: no night shift that day
    public void The_roster_is_read_in_Shanghai_time_including_night_shifts(int day, int hour, int minute, bool expected)
    {
        Roster.Slot[] slots = [new(DayOfWeek.Thursday, 10 * 60, 18 * 60), new(DayOfWeek.Thursday, 22 * 60, 6 * 60)];
        // 2026-12-03 is a Thursday; local = UTC+8.
        var local = new DateTimeOffset(2026, 11, 29, hour, minute, 0, TimeSpan.FromHours(8)).AddDays(day); // a Sunday + day
        Assert.Equal(expected, Roster.IsOnDuty(slots, local.ToUniversalTime()));
    }
}
