using HappyCommunity.Modules.Volunteers.Data;
using HappyCommunity.PluginSdk;
using Microsoft.EntityFrameworkCore;

namespace HappyCommunity.Modules.Volunteers.Features;

public sealed partial class VolunteerService
{
    // ---------- help tasks from other modules ----------

    /// <summary>Puts a request for help on the board (once per event), and tells the volunteers whose skills fit.</summary>
    public async Task ReceiveHelpRequestAsync(HelpRequested e, CancellationToken ct)
    {
        if (await db.HelpTasks.AnyAsync(h => h.EventId == e.EventId, ct)) return;
        var task = new HelpTask
        {
            EventId = e.EventId, SourceModule = e.SourceModule, SourceRef = e.SourceRef, TitleZh = e.Title.Zh, TitleEn = e.Title.En,
            Details = Cut(e.Details, 2000), Place = e.Place, PrivateDetails = e.PrivateDetails, Skills = string.Join(',', e.Skills),
            EstimatedHours = Math.Clamp(e.EstimatedHours, 0.25, 12), ClaimBy = e.ClaimBy, DoneBy = e.DoneBy, Link = e.Link,
            Status = HelpTaskStatus.Open, CreatedAt = clock.GetUtcNow(),
        };
        db.HelpTasks.Add(task);
        await db.SaveChangesAsync(ct);

        var volunteers = await db.Volunteers.AsNoTracking().Where(v => v.Status == VolunteerStatus.Approved).Select(v => new { v.UserId, v.Skills }).ToListAsync(ct);
        foreach (var v in volunteers.Where(v => e.Skills.Count == 0 || SplitCodes(v.Skills).Intersect(e.Skills).Any()).Take(200))
            await NotifySafelyAsync(v.UserId, new("有人需要帮助", "Someone needs a hand"),
                new($"{e.Title.Zh}（{e.Place}），{DisplayTime.Format(e.ClaimBy)} 前可以领取。", $"{e.Title.En ?? e.Title.Zh} ({e.Place}); take it before {DisplayTime.Format(e.ClaimBy)}."),
                "volunteers/help", ct);
    }

    public async Task ReceiveWithdrawalAsync(HelpWithdrawn e, CancellationToken ct)
    {
        var task = await db.HelpTasks.FirstOrDefaultAsync(h => h.SourceModule == e.SourceModule && h.SourceRef == e.SourceRef
                                                               && (h.Status == HelpTaskStatus.Open || h.Status == HelpTaskStatus.Claimed), ct);
        if (task is null) return;
        var claimer = task.VolunteerUserId;
        task.Status = HelpTaskStatus.Withdrawn;
        task.FinishedAt = clock.GetUtcNow();
        task.Version++;
        await db.SaveChangesAsync(ct);
        if (claimer is not null)
            await NotifySafelyAsync(claimer, new("求助已撤回", "Help no longer needed"),
                new($"“{task.TitleZh}”已不需要帮忙了，谢谢您！", $"'{task.TitleEn ?? task.TitleZh}' no longer needs help; thank you!"), "volunteers/help", ct);
    }

    public async Task<IReadOnlyList<HelpTaskDto>> HelpTasksAsync(bool all, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var me = user.UserId ?? "";
        var q = db.HelpTasks.AsNoTracking();
        q = all && IsManager
            ? q.Where(h => h.CreatedAt > now.AddDays(-30))
            : q.Where(h => (h.Status == HelpTaskStatus.Open && h.ClaimBy > now) || (h.VolunteerUserId == me && h.Status == HelpTaskStatus.Claimed));
        var rows = await q.OrderBy(h => h.Status).ThenBy(h => h.ClaimBy).Take(200).ToListAsync(ct);
        return rows.Select(ToDto).ToList();
    }

    private HelpTaskDto ToDto(HelpTask h)
    {
        var mine = h.VolunteerUserId is not null && h.VolunteerUserId == user.UserId;
        return new HelpTaskDto(h.Id, h.SourceModule, h.SourceRef, new LocalizedText(h.TitleZh, h.TitleEn).Current, h.Details, h.Place,
            mine || IsManager ? h.PrivateDetails : null, SplitCodes(h.Skills), h.EstimatedHours, h.ClaimBy, h.DoneBy,
            h.Status.ToString().ToLowerInvariant(), h.VolunteerName, mine, h.Note, IsManager ? h.Link : null);
    }

    /// <summary>Takes a task: exactly one volunteer wins it; the asking module is told who is coming.</summary>
    public async Task<Outcome<HelpTaskDto>> ClaimAsync(int id, CancellationToken ct)
    {
        var (me, refused) = await ApprovedMeAsync<HelpTaskDto>(ct);
        if (refused is not null) return refused;
        var now = clock.GetUtcNow();
        await using var tx = await db.BeginWriteAsync(ct);
        var task = await db.HelpTasks.FirstOrDefaultAsync(h => h.Id == id, ct);
        if (task is null) return Outcome<HelpTaskDto>.NotFound();
        if (task.Status != HelpTaskStatus.Open || task.ClaimBy <= now)
            return Outcome<HelpTaskDto>.Fail(409, task.Status == HelpTaskStatus.Claimed
                ? new("已经有志愿者领取了这个任务。", "Another volunteer has already taken this task.")
                : new("这个任务已经不能领取了。", "This task can no longer be taken."));
        task.Status = HelpTaskStatus.Claimed;
        task.VolunteerId = me!.Id;
        task.VolunteerUserId = me.UserId;
        task.VolunteerName = me.DisplayName;
        task.ClaimedAt = now;
        task.Version++;
        db.Publish(new HelpTaskClaimed { SourceModule = task.SourceModule, SourceRef = task.SourceRef, VolunteerUserId = me.UserId, VolunteerName = me.DisplayName });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome<HelpTaskDto>.Success(ToDto(task));
    }

    /// <summary>Gives a claimed task back to the board (while it can still be claimed).</summary>
    public async Task<Outcome<HelpTaskDto>> ReleaseAsync(int id, CancellationToken ct)
    {
        await using var tx = await db.BeginWriteAsync(ct);
        var task = await db.HelpTasks.FirstOrDefaultAsync(h => h.Id == id, ct);
        if (task is null) return Outcome<HelpTaskDto>.NotFound();
        if (task.Status != HelpTaskStatus.Claimed || task.VolunteerUserId != user.UserId)
            return Outcome<HelpTaskDto>.Fail(409, new("只有领取人可以放回未完成的任务。", "Only the volunteer who took it may give it back, before it is done."));
        task.Status = HelpTaskStatus.Open;
        task.VolunteerId = null;
        task.VolunteerUserId = null;
        task.VolunteerName = null;
        task.ClaimedAt = null;
        task.Version++;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome<HelpTaskDto>.Success(ToDto(task));
    }

    /// <summary>Done: the volunteer is credited (the estimate, or the hours they give, up to twice the estimate) and the asking module is told.</summary>
    public async Task<Outcome<HelpTaskDto>> CompleteAsync(int id, CompleteInput input, CancellationToken ct)
    {
        var note = input.Note?.Trim() ?? "";
        if (note.Length is < 2 or > 1000) return Outcome<HelpTaskDto>.Invalid("note", new("请简单写一下做了什么（2–1000 字）。", "Say briefly what you did (2–1000 characters)."));
        var rate = await settings.PointsPerHourAsync(ct);
        var now = clock.GetUtcNow();
        await using var tx = await db.BeginWriteAsync(ct);
        var task = await db.HelpTasks.FirstOrDefaultAsync(h => h.Id == id, ct);
        if (task is null) return Outcome<HelpTaskDto>.NotFound();
        if (task.Status != HelpTaskStatus.Claimed)
            return Outcome<HelpTaskDto>.Fail(409, new("只有已领取、未完成的任务可以完成。", "Only a task that is taken and not yet done can be completed."));
        if (task.VolunteerUserId != user.UserId && !IsManager)
            return Outcome<HelpTaskDto>.Fail(403, new("这个任务是别的志愿者领取的。", "Another volunteer took this task."));
        var hours = input.Hours ?? task.EstimatedHours;
        if (double.IsNaN(hours) || hours <= 0 || hours > task.EstimatedHours * 2)
            return Outcome<HelpTaskDto>.Invalid("hours", new($"时长请填 0 到 {task.EstimatedHours * 2:0.##} 小时。", $"Hours are more than 0 and at most {task.EstimatedHours * 2:0.##}."));
        var minutes = (int)Math.Round(hours * 60);
        task.Status = HelpTaskStatus.Done;
        task.FinishedAt = now;
        task.Note = note;
        task.Version++;
        db.Ledger.Add(new LedgerEntry
        {
            VolunteerId = task.VolunteerId!.Value, Kind = LedgerKind.Credit, Minutes = minutes, Points = PointsFor(minutes, rate), HelpTaskId = task.Id,
            Reason = $"求助：{task.TitleZh}", At = now, Month = MonthOf(now), By = user.UserId,
        });
        db.Publish(new HelpTaskCompleted
        {
            SourceModule = task.SourceModule, SourceRef = task.SourceRef, VolunteerUserId = task.VolunteerUserId!, VolunteerName = task.VolunteerName ?? "",
            Note = note, Hours = minutes / 60.0,
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome<HelpTaskDto>.Success(ToDto(task));
    }

    /// <summary>Tasks nobody took by their claim time, or took and did not finish in time: expired, and the asking module told.</summary>
    public async Task<int> ExpireHelpTasksAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (!await db.HelpTasks.AnyAsync(h => (h.Status == HelpTaskStatus.Open && h.ClaimBy <= now) || (h.Status == HelpTaskStatus.Claimed && h.DoneBy <= now), ct))
            return 0; // the usual case: no write lock taken
        await using var tx = await db.BeginWriteAsync(ct);
        var late = await db.HelpTasks.Where(h => (h.Status == HelpTaskStatus.Open && h.ClaimBy <= now) || (h.Status == HelpTaskStatus.Claimed && h.DoneBy <= now))
            .Take(500).ToListAsync(ct);
        foreach (var task in late)
        {
            var wasClaimed = task.Status == HelpTaskStatus.Claimed;
            task.Status = HelpTaskStatus.Expired;
            task.FinishedAt = now;
            task.Version++;
            db.Publish(new HelpTaskExpired { SourceModule = task.SourceModule, SourceRef = task.SourceRef, WasClaimed = wasClaimed });
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return late.Count;
    }

    /// <summary>Reminds confirmed volunteers of tomorrow's activities, once per activity.</summary>
    public async Task<int> SendRemindersAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var horizon = now + await settings.ReminderAsync(ct);
        var due = await db.Activities.Where(a => !a.Cancelled && a.ReminderSentAt == null && a.StartAt > now && a.StartAt <= horizon).Take(100).ToListAsync(ct);
        foreach (var a in due)
        {
            a.ReminderSentAt = now;
            await db.SaveChangesAsync(ct);
            var people = await db.Signups.AsNoTracking().Where(s => s.ActivityId == a.Id && s.Status == SignupStatus.Confirmed).Select(s => s.UserId).ToListAsync(ct);
            foreach (var p in people)
                await NotifySafelyAsync(p, new("活动提醒", "Activity reminder"),
                    new($"“{a.Title}”将于 {DisplayTime.Format(a.StartAt)} 在{a.Place}开始，请准时到场签到。", $"'{a.Title}' starts {DisplayTime.Format(a.StartAt)} at {a.Place}; please check in on arrival."),
                    $"volunteers/activities/{a.Id}", ct);
        }
        return due.Count;
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max];
}

/// <summary>Requests for help from other modules, and their withdrawal. The host calls these at least once; the receipt makes it once.</summary>
public sealed class HelpRequestHandlers(VolunteerService volunteers) : IIntegrationEventHandler<HelpRequested>, IIntegrationEventHandler<HelpWithdrawn>
{
    public Task HandleAsync(HelpRequested integrationEvent, CancellationToken cancellationToken) => volunteers.ReceiveHelpRequestAsync(integrationEvent, cancellationToken);

    public Task HandleAsync(HelpWithdrawn integrationEvent, CancellationToken cancellationToken) => volunteers.ReceiveWithdrawalAsync(integrationEvent, cancellationToken);
}
