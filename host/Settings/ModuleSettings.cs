using System.Globalization;
using HappyCommunity.Host.Audit;
using HappyCommunity.Host.Centres;
using HappyCommunity.Host.Data;
using HappyCommunity.Host.Identity;
using HappyCommunity.Host.Plugins;
using HappyCommunity.PluginSdk;
using Microsoft.EntityFrameworkCore;

namespace HappyCommunity.Host.Settings;

/// <summary>Per-centre module settings: the SDK reader, and the admin writer that validates values by type.</summary>
public sealed class ModuleSettings(HostDbContext db, CentreContext centre, PluginCatalog catalog) : IModuleSettings
{
    public sealed record SettingDto(string Module, string Key, string Title, string Type, string Value, string DefaultValue);

    public async Task<string> GetAsync(string moduleId, string key, CancellationToken cancellationToken)
    {
        var definition = Definition(moduleId, key)
            ?? throw new InvalidOperationException($"The module '{moduleId}' declares no setting '{key}'.");
        var c = centre.Centre ?? throw new InvalidOperationException("Settings are per centre; no centre is set.");
        var stored = await db.ModuleSettingValues.AsNoTracking()
            .Where(s => s.CentreId == c.Id && s.ModuleId == moduleId && s.Key == key)
            .Select(s => s.Value).FirstOrDefaultAsync(cancellationToken);
        return stored ?? definition.DefaultValue;
    }

    public async Task<IReadOnlyList<SettingDto>> ListAsync(CentreInfo c, CentreDirectory directory, CancellationToken ct)
    {
        var stored = await db.ModuleSettingValues.AsNoTracking().Where(s => s.CentreId == c.Id).ToListAsync(ct);
        return catalog.Running.Where(p => directory.IsEnabled(c.Id, p.Id))
            .SelectMany(p => p.Module!.Settings.Select(d => new SettingDto(p.Id, d.Key, d.Title.Current, d.Type.ToString(),
                stored.FirstOrDefault(s => s.ModuleId == p.Id && s.Key == d.Key)?.Value ?? d.DefaultValue, d.DefaultValue)))
            .ToList();
    }

    public async Task<AdminOutcome> SetAsync(CentreInfo c, string moduleId, string key, string? value, AuditLog audit, CancellationToken ct)
    {
        var definition = Definition(moduleId, key);
        if (definition is null) return AdminOutcome.NotFound($"The module '{moduleId}' has no setting '{key}'.");
        value = value?.Trim() ?? "";
        var valid = definition.Type switch
        {
            SettingType.Integer => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
            SettingType.Number => decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _),
            SettingType.Boolean => value is "true" or "false",
            _ => value.Length <= 2000,
        };
        if (!valid)
            return AdminOutcome.Invalid("value", $"'{value}' is not a valid {definition.Type.ToString().ToLowerInvariant()} value for {definition.Title.Current}.");

        var row = await db.ModuleSettingValues.FindAsync([c.Id, moduleId, key], ct);
        var before = row?.Value ?? definition.DefaultValue;
        if (row is null)
            db.ModuleSettingValues.Add(row = new ModuleSettingValue { CentreId = c.Id, ModuleId = moduleId, Key = key });
        row.Value = value;
        audit.Record("setting.change", c.Id, $"setting:{moduleId}.{key}", new { value = before }, new { value });
        await db.SaveChangesAsync(ct);
        return AdminOutcome.Done(new { module = moduleId, key, value });
    }

    private ModuleSettingDefinition? Definition(string moduleId, string key) =>
        catalog.FindRunning(moduleId)?.Module!.Settings.FirstOrDefault(s => s.Key == key);
}
