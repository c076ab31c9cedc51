using HappyCommunity.PluginSdk;

namespace HappyCommunity.Modules.Repair.Domain;

/// <summary>Where a request is in its life. The API writes these in kebab case (<c>in-progress</c>).</summary>
public enum RequestStatus
{
    Submitted,
    Triage,
    Assigned,
    Accepted,
    InProgress,
    Resolved,
    Closed,
    Reopened,
    Cancelled,
    Rejected,
    Merged,
    /// <summary>Offered to the centre's volunteers (a small job for a resident who needs extra care); falls back to property staff.</summary>
    WithVolunteer,
}

/// <summary>What someone can do to a request: <c>POST …/requests/{id}/{action}</c>.</summary>
public enum RepairAction
{
    Accept,
    Start,
    Resolve,
    Close,
    Reopen,
    Cancel,
    Reject,
    Reassign,
    Decline,
    Rate,
    Comment,
    Merge,
}

public static class StatusText
{
    public static string Token(this RequestStatus status) => status switch
    {
        RequestStatus.InProgress => "in-progress",
        RequestStatus.WithVolunteer => "with-volunteer",
        _ => status.ToString().ToLowerInvariant(),
    };

    public static bool TryParse(string? token, out RequestStatus status)
    {
        foreach (var s in Enum.GetValues<RequestStatus>())
            if (string.Equals(s.Token(), token, StringComparison.OrdinalIgnoreCase))
            {
                status = s;
                return true;
            }
        status = default;
        return false;
    }

    public static LocalizedText Label(this RequestStatus status) => status switch
    {
        RequestStatus.Submitted => new("已提交", "Submitted"),
        RequestStatus.Triage => new("待分派", "Awaiting dispatch"),
        RequestStatus.Assigned => new("已派单", "Assigned"),
        RequestStatus.Accepted => new("已接单", "Accepted"),
        RequestStatus.InProgress => new("维修中", "In progress"),
        RequestStatus.Resolved => new("已修好，待确认", "Fixed, awaiting your confirmation"),
        RequestStatus.Closed => new("已完成", "Closed"),
        RequestStatus.Reopened => new("重新处理", "Reopened"),
        RequestStatus.Cancelled => new("已撤销", "Cancelled"),
        RequestStatus.Rejected => new("不予受理", "Rejected"),
        RequestStatus.Merged => new("已并入同类报修", "Merged into another request"),
        RequestStatus.WithVolunteer => new("社区志愿者帮忙中", "With a community volunteer"),
        _ => new(status.ToString()),
    };

    public static LocalizedText Label(this RepairAction action) => action switch
    {
        RepairAction.Accept => new("接单", "accept"),
        RepairAction.Start => new("开始维修", "start"),
        RepairAction.Resolve => new("修好了", "resolve"),
        RepairAction.Close => new("关闭", "close"),
        RepairAction.Reopen => new("重新报修", "reopen"),
        RepairAction.Cancel => new("撤销", "cancel"),
        RepairAction.Reject => new("不予受理", "reject"),
        RepairAction.Reassign => new("改派", "reassign"),
        RepairAction.Decline => new("退回", "decline"),
        RepairAction.Rate => new("评价", "rate"),
        RepairAction.Comment => new("留言", "comment"),
        RepairAction.Merge => new("合并", "merge"),
        _ => new(action.ToString()),
    };

    /// <summary>Statuses in which the request still needs work, for queries (<see cref="RequestStatus.Submitted"/> never
    /// outlives the submission's transaction, so it is left out).</summary>
    public static readonly RequestStatus[] Open =
        [RequestStatus.Triage, RequestStatus.Assigned, RequestStatus.Accepted, RequestStatus.InProgress, RequestStatus.Reopened, RequestStatus.WithVolunteer];

    /// <summary>Statuses in which the request still needs work.</summary>
    public static bool IsOpen(this RequestStatus status) => status == RequestStatus.Submitted || Open.Contains(status);

    /// <summary>Statuses that count towards the assignee's load.</summary>
    public static bool CountsAsLoad(this RequestStatus status) =>
        status is RequestStatus.Assigned or RequestStatus.Accepted or RequestStatus.InProgress or RequestStatus.Reopened;
}
