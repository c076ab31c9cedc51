using HappyCommunity.PluginSdk;

namespace HappyCommunity.Modules.Repair;

public static class RepairPermissions
{
    /// <summary>Report a problem and follow one's own requests.</summary>
    public const string Report = "repair.report";
    /// <summary>Work on requests: accept, start, resolve, decline; see every request of the centre.</summary>
    public const string Work = "repair.work";
    /// <summary>Run the board: triage, reassign, reject, merge; report for a resident; see every request.</summary>
    public const string Dispatch = "repair.dispatch";
    /// <summary>Set up categories, teams, the duty roster and Open311 clients.</summary>
    public const string Manage = "repair.manage";

    public static IReadOnlyList<PermissionDefinition> All { get; } =
    [
        new(Report, new("报修", "Report a problem"), [Roles.Resident, Roles.Volunteer, Roles.Staff, Roles.PropertyStaff, Roles.CentreAdmin]),
        new(Work, new("处理报修工单", "Work on repair jobs"), [Roles.PropertyStaff]),
        new(Dispatch, new("派单与分诊", "Dispatch repair requests"), [Roles.Staff, Roles.CentreAdmin]),
        new(Manage, new("报修设置", "Set up repairs"), [Roles.CentreAdmin]),
    ];
}
