using HappyCommunity.Modules.Repair.Data;
using HappyCommunity.Modules.Repair.Domain;
using HappyCommunity.PluginSdk;
using Microsoft.EntityFrameworkCore;

namespace HappyCommunity.Modules.Repair.Features;

public sealed partial class RepairService
{
    /// <summary>Applies one action of the life cycle. 403 when it is not this person's to take, 409 when not now.</summary>
    public async Task<Outcome<RequestDetail>> ActAsync(int id, RepairAction action, ActionInput input, IReadOnlyList<PhotoUpload> uploads, CancellationToken ct)
    {
        // Field checks first: a bad body never touches the store.
        var reason = input.Reason?.Trim();
        switch (action)
        {
            case RepairAction.Reject or RepairAction.Decline when string.IsNullOrEmpty(reason):
                return Outcome<RequestDetail>.Invalid("reason", new("请写明原因。", "A reason is required."));
            case RepairAction.Reassign when string.IsNullOrWhiteSpace(input.AssigneeId):
                return Outcome<RequestDetail>.Invalid("assigneeId", new("请选择改派给谁。", "Say who to reassign it to (assigneeId)."));
            case RepairAction.Rate when input.Rating is not (>= 1 and <= 5):
                return Outcome<RequestDetail>.Invalid("rating", new("评分是 1 到 5 分。", "rating must be a whole number from 1 to 5."));
            case RepairAction.Comment when string.IsNullOrWhiteSpace(input.Text):
                return Outcome<RequestDetail>.Invalid("text", new("留言不能为空。", "The comment text is required."));
            case RepairAction.Merge when input.IntoId is null:
                return Outcome<RequestDetail>.Invalid("intoId", new("请说明并入哪一项报修。", "Say which request to merge into (intoId)."));
        }
        if ((reason?.Length ?? 0) > 500 || (input.Text?.Length ?? 0) > 2000 || (input.Note?.Length ?? 0) > 2000 || (input.Comment?.Length ?? 0) > 500)
            return Outcome<RequestDetail>.Invalid(input.Text?.Length > 2000 ? "text" : input.Note?.Length > 2000 ? "note" : input.Comment?.Length > 500 ? "comment" : "reason",
                new("文字太长了。", "The text is too long."));
        if (uploads.Count > MaxPhotos)
            return Outcome<RequestDetail>.Invalid("photos", new($"最多上传 {MaxPhotos} 张照片。", $"At most {MaxPhotos} photos."));
        if (uploads.Count > 0 && action != RepairAction.Resolve)
            return Outcome<RequestDetail>.Invalid("photos", new("只有“修好了”时可以上传维修照片。", "Photos can be attached only when resolving."));

        var r = await db.Requests.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (r is null) return Outcome<RequestDetail>.NotFound();
        var follower = user.UserId is { } uid && await db.Followers.AnyAsync(f => f.RequestId == id && f.UserId == uid, ct);
        var standing = StandingOf(r, follower);
        if (standing == Standing.None) return Outcome<RequestDetail>.NotFound();
        if (input.ExpectedVersion is { } expected && expected != r.Version)
            return Outcome<RequestDetail>.Fail(409, new("这项报修刚被别人改过，请刷新后再试。", "Someone changed this request a moment ago; reload it and try again."));

        var now = clock.GetUtcNow();
        var verdict = RepairStateMachine.Decide(action, new RequestFacts(r.Status, r.ResolvedAt, r.Rating is not null), standing, now);
        if (!verdict.Allowed) return Outcome<RequestDetail>.Fail(verdict.StatusCode, verdict.Why!);
        if (action == RepairAction.Comment && input.Internal == true && !IsStaff && !standing.HasFlag(Standing.Assignee))
            return Outcome<RequestDetail>.Invalid("internal", new("只有工作人员可以写内部备注。", "Only staff can write internal notes."));

        // Targets are checked before the change too.
        string? newAssignee = null;
        RepairRequest? into = null;
        if (action == RepairAction.Reassign)
        {
            var member = await members.FindAsync(input.AssigneeId!.Trim(), ct);
            if (member is null || !member.Roles.Contains(Roles.PropertyStaff))
                return Outcome<RequestDetail>.Invalid("assigneeId", new("只能改派给本中心的维修人员。", "Reassign only to property staff of this centre."));
            newAssignee = member.UserId;
            var staff = await StaffAsync(member.UserId, ct);
            staff.DisplayName = member.DisplayName;
        }
        if (action == RepairAction.Merge)
        {
            into = await db.Requests.FirstOrDefaultAsync(x => x.Id == input.IntoId, ct);
            if (into is null || into.Id == r.Id || !StatusText.Open.Contains(into.Status))
                return Outcome<RequestDetail>.Invalid("intoId", new("只能并入本中心另一项未完成的报修。", "Merge only into another open request of this centre."));
            // A resident may only join one of the requests they were offered: same category, same building, last 48 hours.
            if (!standing.HasFlag(Standing.Dispatcher) && (await SimilarAsync(r.CategoryId, r.Building, r.Id, ct)).All(x => x.Id != into.Id))
                return Outcome<RequestDetail>.Invalid("intoId", new("只能并入同一楼栋、同一类别的近期报修。", "You can join only a recent request of the same kind at the same building."));
        }

        var (stored, refused) = await StorePhotosAsync(uploads, ct);
        if (refused is not null) return refused.As<RequestDetail>();

        var before = r.Status;
        var beforeAssignee = r.AssigneeId;
        DispatchDecision? redispatch = null;
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            switch (action)
            {
                case RepairAction.Accept:
                    await MoveAsync(r, RequestStatus.Accepted, r.AssigneeId ?? user.UserId, now, ct);
                    r.AcceptedAt ??= now;
                    AddTimeline(r, "accepted", new("维修人员已接单", "Accepted by staff"), false, now);
                    break;
                case RepairAction.Start:
                    await MoveAsync(r, RequestStatus.InProgress, r.AssigneeId, now, ct);
                    AddTimeline(r, "started", new("开始维修", "Work started"), false, now);
                    break;
                case RepairAction.Resolve:
                    await MoveAsync(r, RequestStatus.Resolved, r.AssigneeId, now, ct);
                    r.ResolvedAt = now;
                    foreach (var p in stored) r.Photos.Add(new RequestPhoto { PhotoId = p.Id, Kind = PhotoKind.Fix, RequestId = r.Id });
                    AddTimeline(r, "resolved", Said("已修好，请确认", "Fixed; please confirm", input.Note), false, now);
                    break;
                case RepairAction.Close:
                    await MoveAsync(r, RequestStatus.Closed, r.AssigneeId, now, ct);
                    r.ClosedAt = now;
                    AddTimeline(r, "closed", new("已确认完成", "Confirmed and closed"), false, now);
                    break;
                case RepairAction.Reopen:
                    await MoveAsync(r, RequestStatus.Reopened, r.AssigneeId, now, ct);
                    r.ResolvedAt = null;
                    r.ClosedAt = null;
                    r.ResolutionOverdue = false;
                    r.EscalationLevel = r.ResponseOverdue ? r.EscalationLevel : 0; // a new deadline, watched afresh
                    r.ResolutionDueAt = now + await ResolutionTimeAsync(r, ct);
                    AddTimeline(r, "reopened", Said("居民反映没有修好，重新处理", "The resident says it is not fixed: reopened", reason ?? input.Text), false, now);
                    if (r.AssigneeId is null) // fixed by a volunteer: property staff take it now
                        redispatch = await DispatchAsync(r, null, now, ct);
                    break;
                case RepairAction.Cancel:
                    await MoveAsync(r, RequestStatus.Cancelled, r.AssigneeId, now, ct);
                    r.ClosedAt = now;
                    AddTimeline(r, "cancelled", Said("报修人已撤销", "Cancelled by the reporter", reason), false, now);
                    break;
                case RepairAction.Reject:
                    await MoveAsync(r, RequestStatus.Rejected, r.AssigneeId, now, ct);
                    r.ClosedAt = now;
                    AddTimeline(r, "rejected", Said("不予受理", "Rejected", reason), false, now);
                    break;
                case RepairAction.Reassign:
                    await MoveAsync(r, RequestStatus.Assigned, newAssignee, now, ct);
                    var name = (await StaffAsync(newAssignee!, ct)).DisplayName;
                    r.DispatchReasonZh = $"{user.DisplayName}改派给{name}" + (reason is null ? "。" : $"：{reason}");
                    r.DispatchReasonEn = $"Reassigned by {user.DisplayName} to {name}" + (reason is null ? "." : $": {reason}");
                    AddTimeline(r, "reassigned", new(r.DispatchReasonZh, r.DispatchReasonEn), false, now);
                    break;
                case RepairAction.Decline:
                    AddTimeline(r, "declined", new($"维修人员退回：{reason}", $"Declined by staff: {reason}"), false, now);
                    // Everyone who declined this request before is passed over too.
                    var decliners = await db.Timeline.AsNoTracking().Where(t => t.RequestId == r.Id && t.Kind == "declined" && t.ActorId != null)
                        .Select(t => t.ActorId!).ToListAsync(ct);
                    redispatch = await DispatchAsync(r, new HashSet<string>(decliners) { user.UserId! }, now, ct);
                    break;
                case RepairAction.Rate:
                    r.Rating = input.Rating;
                    r.RatingComment = input.Comment?.Trim();
                    if (r.Status == RequestStatus.Resolved)
                    {
                        await MoveAsync(r, RequestStatus.Closed, r.AssigneeId, now, ct);
                        r.ClosedAt = now;
                    }
                    else r.Version++;
                    AddTimeline(r, "rated", Said($"居民确认修好，评分 {input.Rating} 星", $"Confirmed fixed, rated {input.Rating}/5", r.RatingComment), false, now);
                    break;
                case RepairAction.Comment:
                    r.Version++;
                    AddTimeline(r, input.Internal == true ? "note" : "comment", new(input.Text!.Trim()), input.Internal == true, now);
                    break;
                case RepairAction.Merge:
                    await MoveAsync(r, RequestStatus.Merged, r.AssigneeId, now, ct);
                    r.MergedIntoId = into!.Id;
                    r.ClosedAt = now;
                    AddTimeline(r, "merged", new($"与 #{into.Id} 是同一个问题，已合并，进展会同步通知您", $"The same problem as #{into.Id}: merged; you will hear about its progress"), false, now);
                    AddTimeline(into, "merged-in", new($"#{r.Id} 并入本单", $"#{r.Id} merged into this request"), false, now);
                    into.Version++;
                    foreach (var reporter in new[] { r.ReporterUserId, r.ResidentUserId }.OfType<string>().Distinct())
                        if (reporter != into.ReporterUserId && !await db.Followers.AnyAsync(f => f.RequestId == into.Id && f.UserId == reporter, ct))
                            db.Followers.Add(new Follower { RequestId = into.Id, UserId = reporter });
                    break;
            }
            if (before == RequestStatus.WithVolunteer && r.Status != RequestStatus.WithVolunteer)
                WithdrawHelp(r);
            await SaveAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            foreach (var p in stored) await photos.DeleteAsync(p.Id, ct);
            return Outcome<RequestDetail>.Fail(409, new("这项报修刚被别人处理了，请刷新后再看。", "Someone else changed this request first; reload it to see what happened."));
        }

        await AfterChangeAsync(r, before, beforeAssignee, action, redispatch, into, ct);
        return await GetAsync(id, ct);
    }

    private async Task AfterChangeAsync(RepairRequest r, RequestStatus before, string? beforeAssignee, RepairAction action, DispatchDecision? redispatch, RepairRequest? into, CancellationToken ct)
    {
        if (r.AssigneeId is { } assignee && assignee != beforeAssignee && assignee != user.UserId && r.Status == RequestStatus.Assigned)
            await NotifySafelyAsync(assignee, new("新的报修工单", "New repair job"), new($"#{r.Id}：{Shorten(r.Description)}", $"#{r.Id}: {Shorten(r.Description)}"), r.Id, ct);
        if (redispatch is { AssigneeId: null })
            await NotifyRoleSafelyAsync(Roles.Staff, new("报修待分派", "A repair request needs dispatching"), new($"#{r.Id}：{redispatch.Reason.Zh}", $"#{r.Id}: {redispatch.Reason.En}"), r.Id, ct);
        if (action == RepairAction.Reopen && r.AssigneeId is { } back && back == beforeAssignee)
            await NotifySafelyAsync(back, new("报修被重新打开", "A repair was reopened"), new($"#{r.Id} 居民反映没有修好。", $"#{r.Id}: the resident says it is not fixed."), r.Id, ct);

        if (action == RepairAction.Comment)
        {
            var last = await db.Timeline.AsNoTracking().Where(t => t.RequestId == r.Id).OrderByDescending(t => t.Id).FirstAsync(ct);
            if (!last.Internal)
                await NotifyReportersAsync(r, new("报修有新留言", "New comment on your repair request"), new($"#{r.Id}：{Shorten(last.TextZh)}"), ct);
            return;
        }
        if (r.Status != before || r.AssigneeId != beforeAssignee)
            await NotifyReportersAsync(r, new("报修进展", "Repair request update"),
                new($"#{r.Id} 现在是“{r.Status.Label().Zh}”。", $"#{r.Id} is now: {r.Status.Label().En}."), ct);
        if (into is not null)
            await NotifyReportersAsync(into, new("同类报修已合并", "A matching report was merged"), new($"#{r.Id} 已并入 #{into.Id}。", $"#{r.Id} was merged into #{into.Id}."), ct);
    }

    private async Task<TimeSpan> ResolutionTimeAsync(RepairRequest r, CancellationToken ct)
    {
        var hours = r.CategoryId is { } cid ? await db.Categories.AsNoTracking().Where(c => c.Id == cid).Select(c => c.ResolutionHours).FirstOrDefaultAsync(ct) : 72;
        if (hours <= 0) hours = 72;
        return TimeSpan.FromHours(hours * (r.Vulnerable ? await settings.VulnerableFactorAsync(ct) : 1.0)); // as at submission
    }

    private static LocalizedText Said(string zh, string en, string? words) =>
        string.IsNullOrWhiteSpace(words) ? new(zh, en) : new($"{zh}：{words.Trim()}", $"{en}: {words.Trim()}");
}
