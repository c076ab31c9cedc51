using HappyCommunity.PluginSdk;

namespace HappyCommunity.Modules.Repair.Domain;

/// <summary>A team member as dispatch sees them.</summary>
public sealed record Candidate(string UserId, string DisplayName, bool OnDuty, int OpenLoad, DateTimeOffset? LastAssignedAt);

/// <summary>The outcome: an assignee (or none: triage), and one line saying why, for staff.</summary>
public sealed record DispatchDecision(string? AssigneeId, string? AssigneeName, LocalizedText Reason);

/// <summary>
/// A team as dispatch weighs it: how many are on duty now (and not passed over), the one to choose, and whether another
/// of them has as few open jobs (so the idle time decided). <see cref="DispatchPolicy.Rank"/> computes it in memory;
/// Repairs' store computes the same in one query (its tests hold the two to each other).
/// </summary>
public sealed record DutyRanking(int OnDuty, Candidate? Best, bool TiedOnLoad)
{
    public static readonly DutyRanking Nobody = new(0, null, false);
}

/// <summary>
/// Who gets a request: the category's team; of its members on duty now, the least loaded; ties to the longest idle
/// (never assigned counts as idle longest), then by user id so the choice is stable. Nobody → triage. Pure.
/// </summary>
public static class DispatchPolicy
{
    public static DispatchDecision Decide(string? categoryName, string? teamName, IReadOnlyList<Candidate> team, IReadOnlySet<string>? excluded = null) =>
        Decide(categoryName, teamName, Rank(team, excluded), excluded is { Count: > 0 });

    /// <summary>The decision from a ranking already made; <paramref name="othersPassedOver"/> words the triage reason.</summary>
    public static DispatchDecision Decide(string? categoryName, string? teamName, DutyRanking ranking, bool othersPassedOver)
    {
        if (categoryName is null)
            return Triage(new("类别未定，转入分派队列。", "No category chosen: sent to the triage queue."));
        if (teamName is null)
            return Triage(new($"“{categoryName}”没有指定班组，转入分派队列。", $"No team handles '{categoryName}': sent to the triage queue."));

        if (ranking.Best is not { } best)
            return Triage(othersPassedOver
                ? new($"{teamName}现在没有其他人值班，转入分派队列。", $"Nobody else in {teamName} is on duty now: sent to the triage queue.")
                : new($"{teamName}现在无人值班，转入分派队列。", $"Nobody in {teamName} is on duty now: sent to the triage queue."));

        var tie = ranking.TiedOnLoad ? "，且空闲最久" : "";
        var tieEn = ranking.TiedOnLoad ? ", idle longest" : "";
        return new DispatchDecision(best.UserId, best.DisplayName, new(
            $"{teamName}值班 {ranking.OnDuty} 人中手头工单最少（{best.OpenLoad} 件）{tie}：派给{best.DisplayName}。",
            $"Fewest open jobs ({best.OpenLoad}) of {ranking.OnDuty} on duty in {teamName}{tieEn}: {best.DisplayName}."));
    }

    /// <summary>Of those on duty and not excluded: the count, the first in the policy's order, and whether another has the same load.</summary>
    public static DutyRanking Rank(IEnumerable<Candidate> team, IReadOnlySet<string>? excluded = null)
    {
        Candidate? best = null;
        var onDuty = 0;
        var tiedOnLoad = false;
        foreach (var c in team)
        {
            if (!c.OnDuty || (excluded?.Contains(c.UserId) ?? false)) continue;
            onDuty++;
            if (best is null) { best = c; continue; }
            if (c.OpenLoad == best.OpenLoad) tiedOnLoad = true;
            if (Compare(c, best) < 0)
            {
                if (c.OpenLoad < best.OpenLoad) tiedOnLoad = false;
                best = c;
            }
        }
        return new DutyRanking(onDuty, best, tiedOnLoad);
    }

    // Negative when a should be chosen over b.
    private static int Compare(Candidate a, Candidate b)
    {
        if (a.OpenLoad != b.OpenLoad) return a.OpenLoad.CompareTo(b.OpenLoad);
        var ai = a.LastAssignedAt ?? DateTimeOffset.MinValue;
        var bi = b.LastAssignedAt ?? DateTimeOffset.MinValue;
        if (ai != bi) return ai.CompareTo(bi);
        return string.CompareOrdinal(a.UserId, b.UserId);
    }

    private static DispatchDecision Triage(LocalizedText reason) => new(null, null, reason);
}

/// <summary>The weekly duty roster, in the centre's local time.</summary>
public static class Roster
{
    public sealed record Slot(DayOfWeek Day, int StartMinute, int EndMinute);

    public static bool IsOnDuty(IEnumerable<Slot> slots, DateTimeOffset utcNow)
    {
        var local = TimeZoneInfo.ConvertTime(utcNow, DisplayTime.Zone);
        var minute = local.Hour * 60 + local.Minute;
        var yesterday = (DayOfWeek)(((int)local.DayOfWeek + 6) % 7);
        foreach (var s in slots)
        {
            if (s.EndMinute > s.StartMinute)
            {
                if (s.Day == local.DayOfWeek && minute >= s.StartMinute && minute < s.EndMinute) return true;
            }
            else
            {
                // Overnight: from the start on its day until the end on the next day.
                if (s.Day == local.DayOfWeek && minute >= s.StartMinute) return true;
                if (s.Day == yesterday && minute < s.EndMinute) return true;
            }
        }
        return false;
    }
}
