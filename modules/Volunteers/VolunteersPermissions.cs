using HappyCommunity.PluginSdk;

namespace HappyCommunity.Modules.Volunteers;

public static class VolunteersPermissions
{
    /// <summary>Apply, sign up for activities, check in, claim help tasks, redeem points.</summary>
    public const string Join = "volunteers.join";
    /// <summary>Approve volunteers, run activities and attendance, adjust the ledger, run the rewards.</summary>
    public const string Manage = "volunteers.manage";

    public static IReadOnlyList<PermissionDefinition> All { get; } =
    [
        new(Join, new("参加志愿服务", "Volunteer"), [Roles.Resident, Roles.Volunteer, Roles.Staff, Roles.PropertyStaff, Roles.CentreAdmin]),
        new(Manage, new("管理志愿服务", "Manage volunteering"), [Roles.Staff, Roles.CentreAdmin]),
    ];
}
