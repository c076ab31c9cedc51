using HappyCommunity.Modules.Volunteers.Data;
using HappyCommunity.PluginSdk;
using Microsoft.EntityFrameworkCore;

namespace HappyCommunity.Modules.Volunteers.Features;

/// <summary>Dashboard figures: active volunteers, hours this month and last, shift fill and no-show rates, help tasks done (90 days).</summary>
public sealed class VolunteerFigures(VolunteersDbContext db, TimeProvider clock) : IDashboardFigureProvider
{
    public async Task<IReadOnlyList<DashboardFigure>> GetFiguresAsync(DashboardScope scope, CancellationToken cancellationToken)
    {
        var ids = scope.CentreIds.ToList();
        var now = clock.GetUtcNow();
        var since = now.AddDays(-90);
        var ledger = db.Ledger.IgnoreQueryFilters().Where(l => ids.Contains(l.CentreId));
        var active = await ledger.Where(l => l.Kind == LedgerKind.Credit && l.At >= since).Select(l => l.VolunteerId).Distinct().CountAsync(cancellationToken);
        var thisMonth = VolunteerService.MonthOf(now);
        var local = TimeZoneInfo.ConvertTime(now, DisplayTime.Zone);
        var previous = local.Month == 1 ? (local.Year - 1) * 100 + 12 : thisMonth - 1;
        var months = await ledger.Where(l => l.Month == thisMonth || l.Month == previous).Where(l => l.Kind != LedgerKind.Redemption)
            .GroupBy(l => l.Month).Select(g => new { g.Key, Minutes = g.Sum(l => l.Minutes) }).ToListAsync(cancellationToken);

        var ended = db.Activities.IgnoreQueryFilters().Where(a => ids.Contains(a.CentreId) && !a.Cancelled && a.EndAt <= now && a.EndAt >= since);
        var capacity = await ended.SumAsync(a => (int?)a.Capacity, cancellationToken) ?? 0;
        var confirmed = await ended.SumAsync(a => (int?)a.Confirmed, cancellationToken) ?? 0;
        var endedIds = ended.Select(a => a.Id);
        var confirmedSignups = db.Signups.IgnoreQueryFilters().Where(s => endedIds.Contains(s.ActivityId) && s.Status == SignupStatus.Confirmed);
        var attendedBase = await confirmedSignups.CountAsync(cancellationToken);
        var noShows = await confirmedSignups.CountAsync(s => s.CheckedInAt == null, cancellationToken);
        var helped = await db.HelpTasks.IgnoreQueryFilters().CountAsync(h => ids.Contains(h.CentreId) && h.Status == HelpTaskStatus.Done && h.FinishedAt >= since, cancellationToken);

        return
        [
            new("volunteers.active", new("近90天活跃志愿者", "Active volunteers, 90 days"), active),
            new("volunteers.hours-this-month", new("本月志愿服务时长", "Volunteer hours this month"), Hours(months.FirstOrDefault(m => m.Key == thisMonth)?.Minutes), "h"),
            new("volunteers.hours-last-month", new("上月志愿服务时长", "Volunteer hours last month"), Hours(months.FirstOrDefault(m => m.Key == previous)?.Minutes), "h"),
            new("volunteers.fill-rate", new("近90天活动报满率", "Shift fill rate, 90 days"), capacity == 0 ? 0 : Math.Round(100m * confirmed / capacity, 1), "%"),
            new("volunteers.no-show-rate", new("近90天未到率", "No-show rate, 90 days"), attendedBase == 0 ? 0 : Math.Round(100m * noShows / attendedBase, 1), "%"),
            new("volunteers.help-done", new("近90天完成求助任务", "Help tasks done, 90 days"), helped),
        ];
    }

    private static decimal Hours(int? minutes) => Math.Round((minutes ?? 0) / 60m, 1);
}
