namespace HappyCommunity.Modules.Volunteers.Features;

public sealed record ApplicationInput(string? Phone, IReadOnlyList<string>? Skills, string? Availability, string? DisplayName);
public sealed record DecisionInput(string? Note);
public sealed record VolunteerDto(int Id, string UserId, string DisplayName, string Phone, IReadOnlyList<string> Skills, string Availability,
    string Status, string? DecisionNote, DateTimeOffset AppliedAt);
public sealed record SkillDto(string Code, string NameZh, string? NameEn);
public sealed record SkillInput(string? Code, string? NameZh, string? NameEn);

public sealed record ActivityInput(string? Title, string? Description, string? Place, DateTimeOffset? StartAt, DateTimeOffset? EndAt,
    int? Capacity, IReadOnlyList<string>? Skills, int? RepeatWeeks);
public sealed record ActivityDto(int Id, string Title, string Description, string Place, DateTimeOffset StartAt, DateTimeOffset EndAt,
    int Capacity, int Confirmed, int Waitlisted, IReadOnlyList<string> Skills, Guid? SeriesId, bool Cancelled, string? MyStatus,
    string? CheckInCode);
public sealed record RosterLine(int SignupId, int VolunteerId, string DisplayName, string Phone, string Status, long QueueNumber,
    DateTimeOffset? CheckedInAt, DateTimeOffset? CheckedOutAt, double? CreditedHours);
public sealed record ActivityDetail(ActivityDto Activity, IReadOnlyList<RosterLine>? Roster);
public sealed record SignupResult(int SignupId, int ActivityId, string Status, int? WaitlistPosition);
public sealed record AttendanceInput(string? Code, int? VolunteerId);
public sealed record AttendanceResult(int SignupId, DateTimeOffset? CheckedInAt, DateTimeOffset? CheckedOutAt, double? CreditedHours, int? CreditedPoints);

public sealed record LedgerLine(long Id, string Kind, double Hours, int Points, string Reason, DateTimeOffset At, int Month, long? ReversesId);
public sealed record HoursDto(int VolunteerId, string DisplayName, double Hours, int Points, IReadOnlyList<MonthTotal> ByMonth, IReadOnlyList<LedgerLine> Lines);
public sealed record MonthTotal(int Month, double Hours, int Points);
public sealed record AdjustmentInput(double? Hours, int? Points, string? Reason, long? ReverseEntryId);
public sealed record TotalsDto(string Scope, IReadOnlyList<MonthTotal> ByMonth, double Hours, int Points, int Volunteers);

public sealed record RewardInput(string? Name, string? Description, int? PointCost, int? Stock, bool? Active);
public sealed record RewardDto(int Id, string Name, string Description, int PointCost, int Stock, bool Active);
public sealed record RedemptionDto(int Id, int RewardId, string RewardName, int VolunteerId, string VolunteerName, int Points, string Status, DateTimeOffset RequestedAt);

public sealed record HelpTaskDto(int Id, string SourceModule, string SourceRef, string Title, string Details, string? Place, string? PrivateDetails,
    IReadOnlyList<string> Skills, double EstimatedHours, DateTimeOffset ClaimBy, DateTimeOffset DoneBy, string Status, string? VolunteerName,
    bool Mine, string? Note, string? Link);
public sealed record CompleteInput(string? Note, double? Hours);

public sealed record VolunteerCard(VolunteerDto? Volunteer, double Hours, int Points, IReadOnlyList<ActivityDto> Upcoming, int OpenHelpTasks);
