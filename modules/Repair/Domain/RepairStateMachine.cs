using HappyCommunity.PluginSdk;

namespace HappyCommunity.Modules.Repair.Domain;

/// <summary>How the person acting stands to the request.</summary>
[Flags]
public enum Standing
{
    None = 0,
    /// <summary>Reported it, or it is for them.</summary>
    Reporter = 1,
    /// <summary>It is assigned to them.</summary>
    Assignee = 2,
    /// <summary>Holds repair.work (property staff).</summary>
    Worker = 4,
    /// <summary>Holds repair.dispatch.</summary>
    Dispatcher = 8,
    /// <summary>Follows it (reported the same problem, merged in): may read and comment, nothing more.</summary>
    Follower = 16,
}

/// <summary>What the state machine needs to know about a request.</summary>
public sealed record RequestFacts(RequestStatus Status, DateTimeOffset? ResolvedAt, bool Rated);

/// <summary>The verdict on an action: allowed (and the status it leads to), not this person's to take (403), or not now (409).</summary>
public sealed record Verdict(bool Allowed, RequestStatus Next, int StatusCode, LocalizedText? Why)
{
    public static Verdict To(RequestStatus next) => new(true, next, 200, null);
    public static Verdict Forbidden(LocalizedText why) => new(false, default, 403, why);
    public static Verdict Conflict(LocalizedText why) => new(false, default, 409, why);
}

/// <summary>
/// The request life cycle: submitted → assigned → accepted → in progress → resolved → closed, with triage, reopened,
/// cancelled, rejected and merged. Pure: no clock, no store; every rule is here and tested exhaustively.
/// Decline and reassign end in <see cref="RequestStatus.Assigned"/> here; dispatch may then send the request to triage.
/// </summary>
public static class RepairStateMachine
{
    public static readonly TimeSpan ReopenWindow = TimeSpan.FromDays(7);

    public static Verdict Decide(RepairAction action, RequestFacts facts, Standing who, DateTimeOffset now)
    {
        var s = facts.Status;
        var staff = who.HasFlag(Standing.Dispatcher) || who.HasFlag(Standing.Worker) || who.HasFlag(Standing.Assignee);
        switch (action)
        {
            case RepairAction.Accept:
                // The assignee accepts what was sent to them; any worker may take a request waiting in triage.
                if (s is RequestStatus.Assigned or RequestStatus.Reopened)
                    return who.HasFlag(Standing.Assignee) ? Verdict.To(RequestStatus.Accepted) : NotYours(action);
                if (s is RequestStatus.Triage or RequestStatus.WithVolunteer)
                    return who.HasFlag(Standing.Worker) ? Verdict.To(RequestStatus.Accepted) : Forbid(action, "维修人员", "property staff");
                return Wrong(action, s, "已派单、待分派、志愿者帮忙中或重新处理", "assigned, awaiting dispatch, with a volunteer or reopened");

            case RepairAction.Start:
                if (s == RequestStatus.Accepted)
                    return who.HasFlag(Standing.Assignee) ? Verdict.To(RequestStatus.InProgress) : NotYours(action);
                return Wrong(action, s, "已接单", "accepted");

            case RepairAction.Resolve:
                if (s is RequestStatus.Accepted or RequestStatus.InProgress)
                    return who.HasFlag(Standing.Assignee) || who.HasFlag(Standing.Dispatcher) ? Verdict.To(RequestStatus.Resolved) : NotYours(action);
                return Wrong(action, s, "已接单或维修中", "accepted or in progress");

            case RepairAction.Close:
                if (s == RequestStatus.Resolved)
                    return who.HasFlag(Standing.Reporter) || who.HasFlag(Standing.Dispatcher) ? Verdict.To(RequestStatus.Closed) : Forbid(action, "报修人或派单员", "the reporter or a dispatcher");
                return Wrong(action, s, "已修好待确认", "resolved");

            case RepairAction.Reopen:
                if (s is RequestStatus.Resolved or RequestStatus.Closed)
                {
                    if (!who.HasFlag(Standing.Reporter)) return Forbid(action, "报修人", "the reporter");
                    if (facts.ResolvedAt is { } resolved && now - resolved > ReopenWindow)
                        return Verdict.Conflict(new("修好已超过 7 天，不能重新打开，请重新报修。", "It was fixed more than 7 days ago and can no longer be reopened; please report it again."));
                    return Verdict.To(RequestStatus.Reopened);
                }
                return Wrong(action, s, "已修好或已完成", "resolved or closed");

            case RepairAction.Cancel:
                if (s is RequestStatus.Submitted or RequestStatus.Triage or RequestStatus.Assigned or RequestStatus.WithVolunteer)
                    return who.HasFlag(Standing.Reporter) ? Verdict.To(RequestStatus.Cancelled) : Forbid(action, "报修人", "the reporter");
                return s is RequestStatus.Accepted or RequestStatus.InProgress
                    ? Verdict.Conflict(new("维修人员已接单，不能撤销；如不再需要，请留言说明。", "Staff have already accepted it, so it can no longer be cancelled; leave a comment instead."))
                    : Wrong(action, s, "尚未接单", "not yet accepted");

            case RepairAction.Reject:
                if (s is RequestStatus.Submitted or RequestStatus.Triage or RequestStatus.Assigned or RequestStatus.Accepted or RequestStatus.Reopened or RequestStatus.WithVolunteer)
                    return who.HasFlag(Standing.Dispatcher) ? Verdict.To(RequestStatus.Rejected) : Forbid(action, "派单员", "a dispatcher");
                return Wrong(action, s, "尚未开始维修", "not yet in progress");

            case RepairAction.Reassign:
                if (s is RequestStatus.Triage or RequestStatus.Assigned or RequestStatus.Accepted or RequestStatus.InProgress or RequestStatus.Reopened or RequestStatus.WithVolunteer)
                    return who.HasFlag(Standing.Dispatcher) ? Verdict.To(RequestStatus.Assigned) : Forbid(action, "派单员", "a dispatcher");
                return Wrong(action, s, "尚未修好", "still open");

            case RepairAction.Decline:
                if (s == RequestStatus.Assigned)
                    return who.HasFlag(Standing.Assignee) ? Verdict.To(RequestStatus.Assigned) : NotYours(action);
                return Wrong(action, s, "已派单但未接单", "assigned and not yet accepted");

            case RepairAction.Rate:
                if (s is RequestStatus.Resolved or RequestStatus.Closed)
                {
                    if (!who.HasFlag(Standing.Reporter)) return Forbid(action, "报修人", "the reporter");
                    if (facts.Rated) return Verdict.Conflict(new("这项报修已经评价过了。", "This request has already been rated."));
                    return Verdict.To(RequestStatus.Closed);
                }
                return Wrong(action, s, "已修好或已完成", "resolved or closed");

            case RepairAction.Comment:
                return who != Standing.None ? Verdict.To(s) : Forbid(action, "报修人或工作人员", "the reporter or staff");

            case RepairAction.Merge:
                // A dispatcher merges duplicates; a reporter may say "it is the same problem as that one" for their own.
                if (s is RequestStatus.Submitted or RequestStatus.Triage or RequestStatus.Assigned)
                    return who.HasFlag(Standing.Dispatcher) || who.HasFlag(Standing.Reporter) ? Verdict.To(RequestStatus.Merged) : Forbid(action, "报修人或派单员", "the reporter or a dispatcher");
                return Wrong(action, s, "尚未接单", "not yet accepted");
        }
        return Verdict.Conflict(new("未知操作。", "Unknown action."));
    }

    /// <summary>The actions the person could take now, for the pages' buttons.</summary>
    public static IReadOnlyList<RepairAction> Available(RequestFacts facts, Standing who, DateTimeOffset now) =>
        Enum.GetValues<RepairAction>().Where(a => Decide(a, facts, who, now).Allowed).ToList();

    private static Verdict NotYours(RepairAction action) =>
        Verdict.Forbidden(new($"只有被派单的维修人员可以{action.Label().Zh}。", $"Only the assigned staff member can {action.Label().En} this request."));

    private static Verdict Forbid(RepairAction action, string zh, string en) =>
        Verdict.Forbidden(new($"只有{zh}可以{action.Label().Zh}。", $"Only {en} can {action.Label().En} this request."));

    private static Verdict Wrong(RepairAction action, RequestStatus status, string zh, string en) =>
        Verdict.Conflict(new($"这项报修现在是“{status.Label().Zh}”，只有{zh}时才能{action.Label().Zh}。",
            $"The request is {(status.Label().En ?? "").ToLowerInvariant()}; it can be {Past(action)} only when {en}."));

    private static string Past(RepairAction action) => action switch
    {
        RepairAction.Accept => "accepted",
        RepairAction.Start => "started",
        RepairAction.Resolve => "resolved",
        RepairAction.Close => "closed",
        RepairAction.Reopen => "reopened",
        RepairAction.Cancel => "cancelled",
        RepairAction.Reject => "rejected",
        RepairAction.Reassign => "reassigned",
        RepairAction.Decline => "declined",
        RepairAction.Rate => "rated",
        RepairAction.Merge => "merged",
        _ => action.ToString().ToLowerInvariant(),
    };
}
