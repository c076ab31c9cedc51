using HappyCommunity.PluginSdk;

namespace HappyCommunity.Modules.Volunteers.Data;

/// <summary>A skill on the centre's list (维修, 陪伴…), editable by staff.</summary>
public sealed class Skill : ICentreOwned
{
    public int Id { get; set; }
    public int CentreId { get; set; }
    public string Code { get; set; } = "";
    public string NameZh { get; set; } = "";
    public string? NameEn { get; set; }
}

public enum VolunteerStatus { Pending, Approved, Declined }

/// <summary>A user of the centre who applied to volunteer.</summary>
public sealed class Volunteer : ICentreOwned, IAudited
{
    public int Id { get; set; }
    public int CentreId { get; set; }
    public string UserId { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string Phone { get; set; } = "";
    /// <summary>Skill codes, comma separated.</summary>
    public string Skills { get; set; } = "";
    public string Availability { get; set; } = "";
    public VolunteerStatus Status { get; set; }
    public string? DecisionNote { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecidedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
    public ServiceChannel CreatedVia { get; set; }
}

/// <summary>One shift of volunteering: a time, a place, a number of places.</summary>
public sealed class Activity : ICentreOwned, IAudited
{
    public int Id { get; set; }
    public int CentreId { get; set; }
    public string Title { get; set; } = "";
    public string Description { get; set; } = "";
    public string Place { get; set; } = "";
    public DateTimeOffset StartAt { get; set; }
    public DateTimeOffset EndAt { get; set; }
    public int Capacity { get; set; }
    /// <summary>Confirmed places taken; changed only inside the sign-up transaction, so it never passes the capacity.</summary>
    public int Confirmed { get; set; }
    public string Skills { get; set; } = "";
    /// <summary>Shared by the weekly repetitions of one activity.</summary>
    public Guid? SeriesId { get; set; }
    /// <summary>The short code shown at the venue; volunteers type it to check in and out.</summary>
    public string CheckInCode { get; set; } = "";
    public bool Cancelled { get; set; }
    public DateTimeOffset? ReminderSentAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
    public ServiceChannel CreatedVia { get; set; }
}

public enum SignupStatus { Confirmed, Waitlisted, Cancelled }

public sealed class Signup : ICentreOwned
{
    public int Id { get; set; }
    public int CentreId { get; set; }
    public int ActivityId { get; set; }
    public int VolunteerId { get; set; }
    public string UserId { get; set; } = "";
    public SignupStatus Status { get; set; }
    public DateTimeOffset SignedUpAt { get; set; }
    /// <summary>Waitlist order: the sign-up's own time of joining the list (a re-join goes to the back).</summary>
    public long QueueNumber { get; set; }
    public DateTimeOffset? CheckedInAt { get; set; }
    public DateTimeOffset? CheckedOutAt { get; set; }
    public string? CheckedInBy { get; set; }
    public int? CreditedMinutes { get; set; }
}

public enum LedgerKind { Credit, Adjustment, Reversal, Redemption }

/// <summary>
/// One line of the hours and points ledger. Never changed or deleted: a mistake is put right by a reversal or an
/// adjustment line, so the balance is always the sum of the lines and the history stays whole.
/// </summary>
public sealed class LedgerEntry : ICentreOwned
{
    public long Id { get; set; }
    public int CentreId { get; set; }
    public int VolunteerId { get; set; }
    public LedgerKind Kind { get; set; }
    /// <summary>Volunteer time, in whole minutes (exact sums; hours are shown as minutes / 60).</summary>
    public int Minutes { get; set; }
    public int Points { get; set; }
    public string Reason { get; set; } = "";
    public int? ActivityId { get; set; }
    public int? HelpTaskId { get; set; }
    public int? RedemptionId { get; set; }
    public long? ReversesId { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>Year * 100 + month, in China time: the month the line counts in.</summary>
    public int Month { get; set; }
    public string? By { get; set; }
}

public sealed class Reward : ICentreOwned
{
    public int Id { get; set; }
    public int CentreId { get; set; }
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public int PointCost { get; set; }
    public int Stock { get; set; }
    public bool Active { get; set; } = true;
}

public enum RedemptionStatus { Requested, Confirmed, Rejected }

public sealed class Redemption : ICentreOwned
{
    public int Id { get; set; }
    public int CentreId { get; set; }
    public int RewardId { get; set; }
    public int VolunteerId { get; set; }
    public int Points { get; set; }
    public RedemptionStatus Status { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecidedBy { get; set; }
}

public enum HelpTaskStatus { Open, Claimed, Done, Expired, Withdrawn }

/// <summary>A job another module asked volunteers to do (through <see cref="HelpRequested"/>).</summary>
public sealed class HelpTask : ICentreOwned
{
    public int Id { get; set; }
    public int CentreId { get; set; }
    public Guid EventId { get; set; }
    public string SourceModule { get; set; } = "";
    public string SourceRef { get; set; } = "";
    public string TitleZh { get; set; } = "";
    public string? TitleEn { get; set; }
    public string Details { get; set; } = "";
    public string? Place { get; set; }
    public string? PrivateDetails { get; set; }
    public string Skills { get; set; } = "";
    public double EstimatedHours { get; set; }
    public DateTimeOffset ClaimBy { get; set; }
    public DateTimeOffset DoneBy { get; set; }
    public string? Link { get; set; }
    public HelpTaskStatus Status { get; set; }
    public int? VolunteerId { get; set; }
    public string? VolunteerUserId { get; set; }
    public string? VolunteerName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ClaimedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public string? Note { get; set; }
    public int Version { get; set; }
}

/// <summary>Marks a centre whose default skills were created.</summary>
public sealed class CentreSetup : ICentreOwned
{
    public int Id { get; set; }
    public int CentreId { get; set; }
    public DateTimeOffset SeededAt { get; set; }
}
