using System.Globalization;

namespace HappyCommunity.PluginSdk;

/// <summary>Shows times as the centres' residents read them: China Standard Time, whatever the server's zone.</summary>
public static class DisplayTime
{
    /// <summary>The centres' time zone (Asia/Shanghai, UTC+8 without daylight saving).</summary>
    public static TimeZoneInfo Zone { get; } = FindZone();

    /// <summary>The time in the centres' zone, e.g. <c>2026-12-03 16:51</c>.</summary>
    /// <param name="time">A point in time.</param>
    public static string Format(DateTimeOffset time) =>
        TimeZoneInfo.ConvertTime(time, Zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static TimeZoneInfo FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("China Standard Time", TimeSpan.FromHours(8), "China Standard Time", "China Standard Time");
        }
    }
}
