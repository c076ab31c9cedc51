using System.Globalization;
using HappyCommunity.Modules.Volunteers.Features;
using HappyCommunity.PluginSdk;

namespace HappyCommunity.Modules.Volunteers.Pages;

/// <summary>The words the pages show for the service's codes (statuses, ledger kinds, months, skills).</summary>
internal static class VolunteerText
{
    public static string Status(string? status) => status switch
    {
        "confirmed" => LocalizedText.Pick("已报名", "Signed up"),
        "waitlisted" => LocalizedText.Pick("候补中", "On the waitlist"),
        "checked-in" => LocalizedText.Pick("已签到", "Checked in"),
        "checked-out" => LocalizedText.Pick("已签退", "Checked out"),
        "pending" => LocalizedText.Pick("审核中", "Being reviewed"),
        "approved" => LocalizedText.Pick("已通过", "Approved"),
        "declined" => LocalizedText.Pick("未通过", "Declined"),
        "open" => LocalizedText.Pick("待领取", "Open"),
        "claimed" => LocalizedText.Pick("已领取", "Taken"),
        "done" => LocalizedText.Pick("已完成", "Done"),
        "expired" => LocalizedText.Pick("已过期", "Expired"),
        "withdrawn" => LocalizedText.Pick("已撤回", "Withdrawn"),
        _ => status ?? "",
    };

    public static string SignedUp(SignupResult r) => r.Status == "waitlisted"
        ? LocalizedText.Pick($"名额已满，您在候补第 {r.WaitlistPosition} 位，有人取消时会自动转正并通知您。", $"It is full: you are number {r.WaitlistPosition} on the waitlist, and will move up automatically.")
        : LocalizedText.Pick("报名成功！", "You are signed up!");

    public static string Kind(string kind) => kind switch
    {
        "credit" => LocalizedText.Pick("服务记入", "Credit"),
        "adjustment" => LocalizedText.Pick("调整", "Adjustment"),
        "reversal" => LocalizedText.Pick("冲销", "Reversal"),
        "redemption" => LocalizedText.Pick("兑换", "Redemption"),
        _ => kind,
    };

    public static string Month(int month) => LocalizedText.Pick($"{month / 100} 年 {month % 100} 月",
        new DateTime(month / 100, month % 100, 1).ToString("MMM yyyy", CultureInfo.InvariantCulture));

    public static string Hours(double hours) => hours.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Signed(double value) => (value > 0 ? "+" : "") + Hours(value);

    public static string Skills(IEnumerable<string> codes, IReadOnlyList<SkillDto> skills) =>
        string.Join(LocalizedText.Pick("、", ", "), codes.Select(c => skills.FirstOrDefault(s => s.Code == c) is { } s ? Name(s) : c));

    public static string Name(SkillDto s) => LocalizedText.Pick(s.NameZh, s.NameEn ?? s.NameZh);

    /// <summary>The value of a datetime-local field, in the centres' time zone.</summary>
    public static string LocalInput(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, DisplayTime.Zone).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    public static string Span(ActivityDto a)
    {
        var start = TimeZoneInfo.ConvertTime(a.StartAt, DisplayTime.Zone);
        var end = TimeZoneInfo.ConvertTime(a.EndAt, DisplayTime.Zone);
        return DisplayTime.Format(a.StartAt) + " – " + end.ToString(end.Date == start.Date ? "HH:mm" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    }
}
