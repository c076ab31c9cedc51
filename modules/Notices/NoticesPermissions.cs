using HappyCommunity.PluginSdk;

namespace HappyCommunity.Modules.Notices;

public static class NoticesPermissions
{
    public const string Read = "notices.read";
    public const string Publish = "notices.publish";

    public static IReadOnlyList<PermissionDefinition> All { get; } =
    [
        new(Read, new("查看公告", "Read notices"), Roles.CentreRoles),
        new(Publish, new("发布公告", "Publish notices"), [Roles.Staff]),
    ];
}
