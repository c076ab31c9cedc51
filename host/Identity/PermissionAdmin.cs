using HappyCommunity.Host.Audit;
using HappyCommunity.Host.Centres;
using HappyCommunity.Host.Data;
using HappyCommunity.PluginSdk;
using Microsoft.EntityFrameworkCore;

namespace HappyCommunity.Host.Identity;

/// <summary>
/// Lets a centre's admins decide which of its roles hold which permission. Modules declare the defaults;
/// a centre's grant or withdrawal overrides the default there only. Admin roles always hold everything.
/// </summary>
public sealed class PermissionAdmin(HostDbContext db, CurrentUser caller, CentreDirectory directory, PermissionRegistry registry, AuditLog audit)
{
    public static IReadOnlyList<string> GrantableRoles { get; } = [Roles.Resident, Roles.Volunteer, Roles.Staff, Roles.PropertyStaff];

    public sealed record RoleState(string Role, bool Granted, bool Default);

    public sealed record PermissionRow(string Permission, string Module, string Title, IReadOnlyList<RoleState> Roles);

    public AdminOutcome List(string centreSlug)
    {
        var centre = directory.Find(centreSlug);
        if (centre is null) return AdminOutcome.NotFound($"There is no centre '{centreSlug}'.");
        if (caller.Access?.CanAdminister(centre, directory) != true)
            return AdminOutcome.Forbidden("Only the centre's admins may see and change its permissions.");
        var rows = registry.All
            .Where(p => p.ModuleId == PermissionRegistry.PlatformModule || directory.IsEnabled(centre.Id, p.ModuleId))
            .OrderBy(p => p.ModuleId).ThenBy(p => p.Definition.Name)
            .Select(p => new PermissionRow(p.Definition.Name, p.ModuleId, p.Definition.Title.Current,
                GrantableRoles.Select(r => new RoleState(r,
                    directory.GrantOverride(centre.Id, r, p.Definition.Name) ?? p.Definition.DefaultRoles.Contains(r),
                    p.Definition.DefaultRoles.Contains(r))).ToList()))
            .ToList();
        return AdminOutcome.Done(rows);
    }

    public async Task<AdminOutcome> SetAsync(string centreSlug, string permission, string role, bool granted, CancellationToken ct)
    {
        var centre = directory.Find(centreSlug);
        if (centre is null) return AdminOutcome.NotFound($"There is no centre '{centreSlug}'.");
        if (caller.Access?.CanAdminister(centre, directory) != true)
            return AdminOutcome.Forbidden("Only the centre's admins may change its permissions.");
        if (registry.Find(permission) is not { } entry) return AdminOutcome.NotFound($"No running module declares the permission '{permission}'.");
        if (!GrantableRoles.Contains(role))
            return AdminOutcome.Invalid("role", $"Permissions are granted to {string.Join(", ", GrantableRoles)}; admins hold every permission already.");

        var isDefault = entry.Definition.DefaultRoles.Contains(role);
        var row = await db.PermissionGrants.FindAsync([centre.Id, role, permission], ct);
        var before = row?.Granted ?? isDefault;
        if (granted == isDefault)
        {
            if (row is not null) db.PermissionGrants.Remove(row); // back to the module's default
        }
        else if (row is null)
        {
            db.PermissionGrants.Add(new PermissionGrant { CentreId = centre.Id, Role = role, Permission = permission, Granted = granted });
        }
        else
        {
            row.Granted = granted;
        }
        audit.Record(granted ? "permission.grant" : "permission.withdraw", centre.Id, $"permission:{permission}@{role}", new { granted = before }, new { granted });
        await ChangeStamps.BumpAsync(db, ChangeStamps.Directory, ct);
        await db.SaveChangesAsync(ct);
        await directory.ReloadAsync(ct);
        return AdminOutcome.Done(new { permission, role, granted, isDefault = granted == isDefault });
    }
}
