using System.Globalization;
using HappyCommunity.PluginSdk;

namespace HappyCommunity.Modules.Volunteers.Features;

/// <summary>The module's per-centre settings, read through the SDK.</summary>
public sealed class VolunteerSettings(IModuleSettings settings)
{
    public const string Module = "volunteers";

    public static IReadOnlyList<ModuleSettingDefinition> Definitions { get; } =
    [
        new("pointsPerHour", new("每服务 1 小时得多少积分", "Points per hour of volunteering"), SettingType.Integer, "10"),
        new("checkInEarlyMinutes", new("活动开始前多少分钟可以签到", "Minutes before the start when check-in opens"), SettingType.Integer, "30"),
        new("checkOutLateMinutes", new("活动结束后多少分钟内可以签退", "Minutes after the end when check-out closes"), SettingType.Integer, "60"),
        new("reminderHours", new("活动前多少小时发提醒", "Hours before an activity when reminders go out"), SettingType.Integer, "24"),
    ];

    public async Task<int> PointsPerHourAsync(CancellationToken ct) => Math.Clamp(await IntAsync("pointsPerHour", ct), 0, 1000);
    public async Task<TimeSpan> CheckInEarlyAsync(CancellationToken ct) => TimeSpan.FromMinutes(Math.Clamp(await IntAsync("checkInEarlyMinutes", ct), 0, 240));
    public async Task<TimeSpan> CheckOutLateAsync(CancellationToken ct) => TimeSpan.FromMinutes(Math.Clamp(await IntAsync("checkOutLateMinutes", ct), 0, 480));
    public async Task<TimeSpan> ReminderAsync(CancellationToken ct) => TimeSpan.FromHours(Math.Clamp(await IntAsync("reminderHours", ct), 1, 72));

    private async Task<int> IntAsync(string key, CancellationToken ct) =>
        int.Parse(await settings.GetAsync(Module, key, ct), CultureInfo.InvariantCulture);
}
