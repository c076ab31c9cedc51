using HappyCommunity.Modules.Repair.Domain;
using HappyCommunity.PluginSdk;
using Microsoft.EntityFrameworkCore;

namespace HappyCommunity.Modules.Repair.Features;

public sealed partial class RepairService
{
    private static readonly LocalizedText SystemActor = new("系统", "System");

    /// <summary>
    /// One pass of the deadline watch for the current centre: marks requests that missed their response or resolution
    /// deadline, escalates (centre admin first, then the town admin once it stays overdue), and closes resolved requests
    /// nobody answered. Returns how many requests it changed.
    /// </summary>
    public async Task<int> WatchDeadlinesAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var changed = await TakeBackStuckHelpAsync(now, ct);
        var townAfter = TimeSpan.FromHours(await settings.EscalateToTownAfterHoursAsync(ct));

        var late = await db.Requests
            .Where(r => StatusText.Open.Contains(r.Status) && (
                (r.AcceptedAt == null && !r.ResponseOverdue && r.ResponseDueAt < now)
                || (!r.ResolutionOverdue && r.ResolutionDueAt < now)
                || (r.EscalationLevel < 2 && (r.ResponseOverdue || r.ResolutionOverdue))))
            .OrderBy(r => r.Id).Take(500).ToListAsync(ct);

        var toCentreAdmin = new List<int>();
        var toTownAdmin = new List<int>();
        foreach (var r in late)
        {
            var touched = false;
            if (r.AcceptedAt is null && !r.ResponseOverdue && r.ResponseDueAt < now)
            {
                r.ResponseOverdue = true;
                AddTimeline(r, "overdue", new($"超过响应时限（{DisplayTime.Format(r.ResponseDueAt)}）仍无人接单", $"Not accepted by the response deadline ({DisplayTime.Format(r.ResponseDueAt)})"), true, now, SystemActor);
                touched = true;
            }
            if (!r.ResolutionOverdue && r.ResolutionDueAt < now)
            {
                r.ResolutionOverdue = true;
                AddTimeline(r, "overdue", new($"超过解决时限（{DisplayTime.Format(r.ResolutionDueAt)}）仍未修好", $"Not fixed by the resolution deadline ({DisplayTime.Format(r.ResolutionDueAt)})"), true, now, SystemActor);
                touched = true;
            }
            var missedAt = new[] { r.ResponseOverdue && r.AcceptedAt is null ? r.ResponseDueAt : DateTimeOffset.MaxValue, r.ResolutionOverdue ? r.ResolutionDueAt : DateTimeOffset.MaxValue }.Min();
            if (r.EscalationLevel == 0 && (r.ResponseOverdue || r.ResolutionOverdue))
            {
                r.EscalationLevel = 1;
                AddTimeline(r, "escalated", new("已上报中心管理员", "Escalated to the centre admin"), true, now, SystemActor);
                toCentreAdmin.Add(r.Id);
                touched = true;
            }
            if (r.EscalationLevel == 1 && missedAt != DateTimeOffset.MaxValue && now - missedAt >= townAfter)
            {
                r.EscalationLevel = 2;
                AddTimeline(r, "escalated", new($"超时已超过 {townAfter.TotalHours:0} 小时，已上报街镇", $"Overdue by more than {townAfter.TotalHours:0} hours: escalated to the town admin"), true, now, SystemActor);
                toTownAdmin.Add(r.Id);
                touched = true;
            }
            if (touched)
            {
                r.Version++;
                changed++;
            }
        }

        var closeBefore = now - TimeSpan.FromDays(await settings.AutoCloseDaysAsync(ct));
        var unanswered = await db.Requests.Where(r => r.Status == RequestStatus.Resolved && r.ResolvedAt < closeBefore).OrderBy(r => r.Id).Take(500).ToListAsync(ct);
        foreach (var r in unanswered)
        {
            await MoveAsync(r, RequestStatus.Closed, r.AssigneeId, now, ct);
            r.ClosedAt = now;
            AddTimeline(r, "auto-closed", new("修好后一直没有回复，系统自动完成", "No answer after the fix: closed automatically"), false, now, SystemActor);
            changed++;
        }

        if (changed == 0) return 0;
        try
        {
            await SaveAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return 0; // someone acted on one of them meanwhile; the next pass sees the new state
        }

        foreach (var id in toCentreAdmin)
            await NotifyRoleSafelyAsync(Roles.CentreAdmin, new("报修超时", "A repair request is overdue"), new($"#{id} 已超过时限，请跟进。", $"#{id} has missed its deadline; please follow it up."), id, ct);
        foreach (var id in toTownAdmin)
            await NotifyRoleSafelyAsync(Roles.TownAdmin, new("报修严重超时", "A repair request is badly overdue"), new($"{Centre.Name.Zh} #{id} 超时仍未处理。", $"{Centre.Name.En ?? Centre.Name.Zh} #{id} is still overdue."), id, ct);
        foreach (var r in unanswered)
            await NotifyReportersAsync(r, new("报修已自动完成", "Repair request closed"), new($"#{r.Id} 修好后没有收到您的回复，已自动完成。如仍有问题，7 天内可重新打开。", $"#{r.Id} was closed as you did not answer. You can reopen it within 7 days of the fix."), ct);
        return changed;
    }
}
