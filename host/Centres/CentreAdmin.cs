using System.Text.RegularExpressions;
using HappyCommunity.Host.Audit;
using HappyCommunity.Host.Data;
using HappyCommunity.Host.Identity;
using HappyCommunity.Host.Plugins;
using Microsoft.EntityFrameworkCore;

namespace HappyCommunity.Host.Centres;

/// <summary>Creates centres and switches modules on and off for them, with dependency checks and an audit trail.</summary>
public sealed partial class CentreAdmin(
    HostDbContext db, CurrentUser caller, CentreDirectory directory, PluginCatalog catalog, AuditLog audit, TimeProvider clock)
{
    [GeneratedRegex("^[a-z][a-z0-9-]{1,39}$")]
    private static partial Regex SlugPattern();

    public sealed record CentreDto(string Slug, string Name, string? NameEn, string Town);

    public sealed record CentreModuleDto(string Id, string Name, string? NameEn, string Version, bool Enabled, IReadOnlyList<string> DependsOn);

    public async Task<AdminOutcome> CreateAsync(string slug, string name, string? nameEn, string townSlug, CancellationToken ct)
    {
        slug = slug.Trim().ToLowerInvariant();
        if (!SlugPattern().IsMatch(slug))
            return AdminOutcome.Invalid("slug", "The slug must be 2-40 lower-case letters, digits or dashes, starting with a letter (e.g. xintangpu).");
        var town = directory.FindTown(townSlug ?? "");
        if (town is null)
            return AdminOutcome.Invalid("town", $"There is no town '{townSlug}'. Use a town slug such as xiayang.");
        var me = caller.Access;
        if (me is null || !(me.IsDistrictAdmin || me.IsTownAdminOf(town.Id)))
            return AdminOutcome.Forbidden("Only a district admin, or the town's admin, may create a centre.");
        if (await db.Centres.AnyAsync(c => c.Slug == slug, ct))
            return AdminOutcome.Conflict($"A centre with the slug '{slug}' already exists.");

        var centre = new Centre { Slug = slug, NameZh = name.Trim(), NameEn = nameEn?.Trim(), TownId = town.Id, CreatedAt = clock.GetUtcNow() };
        await using var tx = await db.Database.BeginTransactionAsync(ct); // the centre, its audit entry and the stamp commit together
        db.Centres.Add(centre);
        await db.SaveChangesAsync(ct);
        audit.Record("centre.create", centre.Id, $"centre:{slug}", null, new { slug, name, nameEn, town = town.Slug });
        await ChangeStamps.BumpAsync(db, ChangeStamps.Directory, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await directory.ReloadAsync(ct);
        return AdminOutcome.Done(new CentreDto(slug, centre.NameZh, centre.NameEn, town.Slug), 201);
    }

    public AdminOutcome ListModules(string slug)
    {
        var centre = directory.Find(slug);
        if (centre is null) return AdminOutcome.NotFound($"There is no centre '{slug}'.");
        if (caller.Access?.CanAdminister(centre, directory) != true)
            return AdminOutcome.Forbidden("Only the centre's admins may see and change its modules.");
        return AdminOutcome.Done(catalog.Running.Select(p => new CentreModuleDto(
            p.Id, p.Manifest!.Name!.Zh, p.Manifest.Name.En, p.Manifest.Version, directory.IsEnabled(centre.Id, p.Id),
            p.Manifest.DependsOn.Keys.ToList())).ToList());
    }

    public async Task<AdminOutcome> SetModuleAsync(string slug, string moduleId, bool enabled, CancellationToken ct)
    {
        var centre = directory.Find(slug);
        if (centre is null) return AdminOutcome.NotFound($"There is no centre '{slug}'.");
        if (caller.Access?.CanAdminister(centre, directory) != true)
            return AdminOutcome.Forbidden("Only the centre's admins may switch its modules.");
        var plugin = catalog.FindRunning(moduleId);
        if (plugin is null) return AdminOutcome.NotFound($"No module '{moduleId}' is running on this host.");

        var row = await db.CentreModules.FirstOrDefaultAsync(m => m.CentreId == centre.Id && m.ModuleId == moduleId, ct);
        var before = row?.Enabled ?? false;
        if (before == enabled)
            return AdminOutcome.Done(new { module = moduleId, centre = slug, enabled });

        if (enabled)
        {
            var missing = plugin.Manifest!.DependsOn.Keys.Where(d => !directory.IsEnabled(centre.Id, d)).ToList();
            if (missing.Count > 0)
                return AdminOutcome.Conflict(
                    $"'{moduleId}' needs {string.Join(", ", missing.Select(m => $"'{m}'"))} switched on at this centre first. 请先开通所依赖的模块：{string.Join("、", missing.Select(NameOf))}。");
        }
        else
        {
            var dependents = catalog.Running
                .Where(p => p.Manifest!.DependsOn.ContainsKey(moduleId) && directory.IsEnabled(centre.Id, p.Id))
                .Select(p => p.Id).ToList();
            if (dependents.Count > 0)
                return AdminOutcome.Conflict(
                    $"{string.Join(", ", dependents.Select(m => $"'{m}'"))} need '{moduleId}' at this centre; switch them off first. 请先关闭依赖它的模块：{string.Join("、", dependents.Select(NameOf))}。");
        }

        if (row is null)
            db.CentreModules.Add(row = new CentreModule { CentreId = centre.Id, ModuleId = moduleId });
        row.Enabled = enabled;
        row.ChangedAt = clock.GetUtcNow();
        row.ChangedBy = caller.UserId;
        audit.Record(enabled ? "module.enable" : "module.disable", centre.Id, $"module:{moduleId}", new { enabled = before }, new { enabled });
        await ChangeStamps.BumpAsync(db, ChangeStamps.Directory, ct);
        await db.SaveChangesAsync(ct);
        await directory.ReloadAsync(ct);
        return AdminOutcome.Done(new { module = moduleId, centre = slug, enabled });
    }

    private string NameOf(string moduleId) => catalog.Find(moduleId)?.Manifest?.Name?.Current ?? moduleId;
}
