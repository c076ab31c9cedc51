using HappyCommunity.PluginSdk;

namespace Housekeeping;

public static class HousekeepingPermissions
{
    public const string Book = "housekeeping.book";
    public const string Manage = "housekeeping.manage";

    public static IReadOnlyList<PermissionDefinition> All { get; } =
    [
        new(Book, new("预约家政服务", "Book home services"), [Roles.Resident, Roles.Volunteer]),
        new(Manage, new("管理家政机构和预约", "Manage providers and bookings"), [Roles.Staff]),
    ];
}
