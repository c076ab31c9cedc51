using System.Text.Json.Serialization;

namespace HappyCommunity.Modules.Repair.Features;

public sealed record LocationInput(string? Building, string? Unit, string? Room, string? Text);

/// <summary>A new request, as the API (JSON or multipart) and the report page send it.</summary>
public sealed record SubmitInput(
    string? Description, int? CategoryId, LocationInput? Location, Guid? ResidentId, string? Channel,
    string? ContactName, string? ContactPhone);

public sealed record PhotoUpload(string FieldName, Func<Stream> Open);

public sealed record CategoryDto(
    int Id, string Code, string Name, string NameZh, string? NameEn, int ResponseHours, int ResolutionHours,
    int? TeamId, string? TeamName, bool VolunteerEligible, bool Active);

public sealed record SubmitResult(
    int Id, string Status, string? AssigneeId, string? AssigneeName, string DispatchReason,
    DateTimeOffset ResponseDueAt, DateTimeOffset ResolutionDueAt, IReadOnlyList<RequestSummary> PossibleDuplicates);

public sealed record RequestSummary(
    int Id, string Status, string StatusLabel, string Description, int? CategoryId, string? CategoryName,
    string? Location, string? AssigneeId, string? AssigneeName, DateTimeOffset CreatedAt,
    DateTimeOffset ResponseDueAt, DateTimeOffset ResolutionDueAt, bool Overdue, bool Vulnerable);

public sealed record TimelineDto(DateTimeOffset At, string Kind, string? Actor, string Text, bool Internal, string Channel);

public sealed record PhotoDto(Guid Id, string Kind, string Url, string ThumbnailUrl);

public sealed record RequestDetail(
    int Id, string Status, string StatusLabel, string Description, int? CategoryId, string? CategoryName,
    string? Building, string? Unit, string? Room, string? LocationText, string? ContactName, string? ContactPhone,
    Guid? ResidentId, string? ReporterUserId, string? AssigneeId, string? AssigneeName, string? DispatchReason,
    DateTimeOffset CreatedAt, string CreatedVia, DateTimeOffset ResponseDueAt, DateTimeOffset ResolutionDueAt,
    DateTimeOffset? AcceptedAt, DateTimeOffset? ResolvedAt, DateTimeOffset? ClosedAt,
    bool ResponseOverdue, bool ResolutionOverdue, int EscalationLevel, bool Vulnerable,
    int? Rating, string? RatingComment, int? MergedIntoId, int Version,
    IReadOnlyList<PhotoDto> Photos, IReadOnlyList<TimelineDto> Timeline, IReadOnlyList<string> Actions)
{
    [JsonIgnore] public string? Location => Locations.Describe(Building, Unit, Room, LocationText);
}

/// <summary>The body of <c>POST …/requests/{id}/{action}</c>; each action reads the fields it needs.</summary>
public sealed record ActionInput(
    string? Reason = null, string? Note = null, string? AssigneeId = null, int? Rating = null, string? Comment = null,
    string? Text = null, bool? Internal = null, int? IntoId = null, int? ExpectedVersion = null);

public static class Locations
{
    public static string? Describe(string? building, string? unit, string? room, string? text)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(building)) parts.Add(building + "号楼");
        if (!string.IsNullOrWhiteSpace(unit)) parts.Add(unit + "单元");
        if (!string.IsNullOrWhiteSpace(room)) parts.Add(room + "室");
        var place = string.Concat(parts);
        if (!string.IsNullOrWhiteSpace(text)) place = place.Length == 0 ? text! : place + " " + text;
        return place.Length == 0 ? null : place;
    }

    /// <summary>Building names compare without spaces, case or a trailing 号/号楼/栋/幢.</summary>
    public static string? NormalizeBuilding(string? building)
    {
        if (string.IsNullOrWhiteSpace(building)) return null;
        var b = building.Trim().Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        foreach (var suffix in new[] { "号楼", "栋", "幢", "号", "楼" })
            if (b.EndsWith(suffix, StringComparison.Ordinal) && b.Length > suffix.Length)
            {
                b = b[..^suffix.Length];
                break;
            }
        return b;
    }
}
