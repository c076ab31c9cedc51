using System.Collections.Frozen;
using HappyCommunity.Host.Centres;
using HappyCommunity.Host.Plugins;
using HappyCommunity.PluginSdk;

namespace HappyCommunity.Host.Identity;

/// <summary>
/// Every permission the host and the running modules declare, with the roles that grant it.
/// Admin roles (centre, town, district) hold every permission within their reach.
/// </summary>
public sealed class PermissionRegistry
{
    public const string PlatformModule = "platform";

    public static IReadOnlyList<PermissionDefinition> PlatformPermissions { get; } =
    [
        new(ResidentsPermissions.Read, new("查看居民档案", "Read the resident register"), [Roles.Staff, Roles.PropertyStaff]),
        new(ResidentsPermissions.Manage, new("登记和修改居民档案", "Register and edit residents"), [Roles.Staff]),
        new(DashboardPermissions.View, new("查看中心数据看板", "View the centre dashboard"), [Roles.Staff, Roles.PropertyStaff]),
    ];

    private readonly FrozenDictionary<string, (string ModuleId, PermissionDefinition Definition)> _byName;

    private readonly CentreDirectory _directory;

    public PermissionRegistry(PluginCatalog catalog, CentreDirectory directory)
    {
        _directory = directory;
        _byName = PlatformPermissions.Select(p => (ModuleId: PlatformModule, Permission: p))
            .Concat(catalog.Permissions)
            .GroupBy(p => p.Permission.Name)
            .ToFrozenDictionary(g => g.Key, g => (g.First().ModuleId, g.First().Permission));
    }

    public IEnumerable<(string ModuleId, PermissionDefinition Definition)> All => _byName.Values;

    public (string ModuleId, PermissionDefinition Definition)? Find(string permission) =>
        _byName.TryGetValue(permission, out var entry) ? entry : null;

    /// <summary>Whether any of the roles holds the permission in the centre: the centre's own grant if it made one, else the module's default.</summary>
    public bool IsGranted(IReadOnlySet<string> roles, string permission, int? centreId)
    {
        if (roles.Count == 0 || !_byName.TryGetValue(permission, out var entry)) return false;
        foreach (var role in roles)
        {
            if (Roles.IsAdmin(role)) return true;
            var granted = (centreId is { } id ? _directory.GrantOverride(id, role, permission) : null)
                ?? entry.Definition.DefaultRoles.Contains(role);
            if (granted) return true;
        }
        return false;
    }
}

public static class ResidentsPermissions
{
    public const string Read = "residents.read";
    public const string Manage = "residents.manage";
}

public static class DashboardPermissions
{
    public const string View = "dashboard.view";
}
