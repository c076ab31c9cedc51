using HappyCommunity.Modules.Repair.Domain;
using HappyCommunity.PluginSdk;

namespace HappyCommunity.Modules.Repair.Data;

/// <summary>A kind of problem, with its deadlines and the team that handles it. Per centre.</summary>
public sealed class Category : CentreEntity
{
    /// <summary>A short stable code, the Open311 <c>service_code</c>.</summary>
    public string Code { get; set; } = "";
    public string NameZh { get; set; } = "";
    public string? NameEn { get; set; }
    public int ResponseHours { get; set; }
    public int ResolutionHours { get; set; }
    public int? TeamId { get; set; }
    /// <summary>Small jobs of this kind may go to volunteers (when the Volunteers module is on).</summary>
    public bool VolunteerEligible { get; set; }
    public bool Active { get; set; } = true;
    public int SortOrder { get; set; }

    public LocalizedText Name => new(NameZh, NameEn);
}

/// <summary>A group of property staff who handle some categories.</summary>
public sealed class Team : CentreEntity
{
    public string Name { get; set; } = "";
    public List<TeamMember> Members { get; set; } = [];
}

public sealed class TeamMember : ICentreOwned
{
    public int Id { get; set; }
    public int CentreId { get; set; }
    public int TeamId { get; set; }
    public string UserId { get; set; } = "";
}

/// <summary>A person who can be dispatched to: their name and current load, kept in step with every assignment.</summary>
public sealed class StaffMember : ICentreOwned
{
    public int Id { get; set; }
    public int CentreId { get; set; }
    public string UserId { get; set; } = "";
    public string DisplayName { get; set; } = "";
    /// <summary>Requests assigned to them and not yet resolved.</summary>
    public int OpenLoad { get; set; }
    /// <summary>When they were last given a request; ties in load go to the longest idle.</summary>
    public DateTimeOffset? LastAssignedAt { get; set; }
}

/// <summary>One weekly duty slot, in the centre's local time (China Standard Time).</summary>
public sealed class DutySlot : ICentreOwned
{
    public int Id { get; set; }
    public int CentreId { get; set; }
    public string UserId { get; set; } = "";
    public DayOfWeek Day { get; set; }
    /// <summary>Minutes after midnight when the slot starts.</summary>
    public int StartMinute { get; set; }
    /// <summary>Minutes after midnight when it ends; an end before the start runs past midnight.</summary>
    public int EndMinute { get; set; }
}

/// <summary>A repair request.</summary>
public sealed class RepairRequest : CentreEntity
{
    public string Description { get; set; } = "";
    public int? CategoryId { get; set; }
    public RequestStatus Status { get; set; }

    /// <summary>The user who reported (the resident, or staff reporting for someone without an account).</summary>
    public string? ReporterUserId { get; set; }
    /// <summary>The resident the request is for, when known.</summary>
    public Guid? ResidentId { get; set; }
    public string? ResidentUserId { get; set; }
    public string? ContactName { get; set; }
    public string? ContactPhone { get; set; }
    public bool Vulnerable { get; set; }

    public string? Building { get; set; }
    /// <summary>The building, normalized (no spaces, no 号/栋 suffix), for finding duplicates.</summary>
    public string? BuildingKey { get; set; }
    public string? Unit { get; set; }
    public string? Room { get; set; }
    public string? LocationText { get; set; }

    public string? AssigneeId { get; set; }
    public string? DispatchReasonZh { get; set; }
    public string? DispatchReasonEn { get; set; }

    public DateTimeOffset ResponseDueAt { get; set; }
    public DateTimeOffset ResolutionDueAt { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public bool ResponseOverdue { get; set; }
    public bool ResolutionOverdue { get; set; }
    /// <summary>0 none, 1 the centre admin was told, 2 the town admin was told.</summary>
    public int EscalationLevel { get; set; }

    public int? Rating { get; set; }
    public string? RatingComment { get; set; }
    public int? MergedIntoId { get; set; }
    public int? Open311ClientId { get; set; }

    /// <summary>While with volunteers: when property staff take over if the Volunteers module has not answered.</summary>
    public DateTimeOffset? HelpFallbackAt { get; set; }
    /// <summary>The volunteer who took the job, if one did.</summary>
    public string? VolunteerName { get; set; }

    /// <summary>Optimistic concurrency: bumped by every change, checked by every update.</summary>
    public int Version { get; set; }

    public List<RequestPhoto> Photos { get; set; } = [];

    /// <summary>Entries added here are saved with the request in one go (the key is filled in on insert).</summary>
    public List<TimelineEntry> Timeline { get; set; } = [];

    public LocalizedText? DispatchReason => DispatchReasonZh is null ? null : new(DispatchReasonZh, DispatchReasonEn);
}

public enum PhotoKind
{
    Report,
    Fix,
}

public sealed class RequestPhoto : ICentreOwned
{
    public int Id { get; set; }
    public int CentreId { get; set; }
    public int RequestId { get; set; }
    public Guid PhotoId { get; set; }
    public PhotoKind Kind { get; set; }
}

/// <summary>One line of a request's history: every change, comment and escalation.</summary>
public sealed class TimelineEntry : ICentreOwned
{
    public long Id { get; set; }
    public int CentreId { get; set; }
    public int RequestId { get; set; }
    public DateTimeOffset At { get; set; }
    public string Kind { get; set; } = "";
    public string? ActorId { get; set; }
    public string? ActorName { get; set; }
    public ServiceChannel Channel { get; set; }
    public string TextZh { get; set; } = "";
    public string? TextEn { get; set; }
    /// <summary>Seen by staff only.</summary>
    public bool Internal { get; set; }
}

/// <summary>Someone kept informed about a request they did not report (a merged duplicate's reporter).</summary>
public sealed class Follower : ICentreOwned
{
    public int Id { get; set; }
    public int CentreId { get; set; }
    public int RequestId { get; set; }
    public string UserId { get; set; } = "";
}

/// <summary>An Open311 client the centre admin issued an API key to. Only the key's hash is kept.</summary>
public sealed class Open311Client : CentreEntity
{
    public string Name { get; set; } = "";
    public string KeyHash { get; set; } = "";
    public string KeyPrefix { get; set; } = "";
    public bool Revoked { get; set; }
}

/// <summary>Marks that a centre's default categories were created, so deleting them all does not bring them back.</summary>
public sealed class CentreSetup : ICentreOwned
{
    public int Id { get; set; }
    public int CentreId { get; set; }
    public DateTimeOffset SeededAt { get; set; }
}
