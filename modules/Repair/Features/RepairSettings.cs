using System.Globalization;
using HappyCommunity.PluginSdk;

namespace HappyCommunity.Modules.Repair.Features;

/// <summary>The module's per-centre settings, read through the SDK.</summary>
public sealed class RepairSettings(IModuleSettings settings)
{
    public const string Module = "repair";

    public static IReadOnlyList<ModuleSettingDefinition> Definitions { get; } =
    [
        new("vulnerableSlaFactor", new("老人、独居、残障居民的时限系数（0.5 即时限减半）", "Deadline factor for elderly, living-alone or disabled residents (0.5 halves it)"), SettingType.Number, "0.5"),
        new("autoCloseDays", new("修好后几天无回应自动完成", "Days after resolution without an answer before closing"), SettingType.Integer, "3"),
        new("escalateToTownAfterHours", new("超时多少小时后再上报街镇", "Hours overdue before the town admin is told"), SettingType.Integer, "24"),
    ];

    public async Task<double> VulnerableFactorAsync(CancellationToken ct) =>
        Math.Clamp(double.Parse(await settings.GetAsync(Module, "vulnerableSlaFactor", ct), CultureInfo.InvariantCulture), 0.1, 1.0);

    public async Task<int> AutoCloseDaysAsync(CancellationToken ct) =>
        Math.Max(1, int.Parse(await settings.GetAsync(Module, "autoCloseDays", ct), CultureInfo.InvariantCulture));

    public async Task<int> EscalateToTownAfterHoursAsync(CancellationToken ct) =>
        Math.Max(1, int.Parse(await settings.GetAsync(Module, "escalateToTownAfterHours", ct), CultureInfo.InvariantCulture));
}
