namespace HappyCommunity.PluginSdk;

/// <summary>A permission a module declares; roles grant it.</summary>
/// <param name="Name">The permission's stable name, prefixed with the module id, e.g. <c>notices.publish</c>.</param>
/// <param name="Title">What the permission allows, for the admin pages.</param>
/// <param name="DefaultRoles">The roles that hold it unless an admin changes that. Admin roles always hold every permission.</param>
public sealed record PermissionDefinition(string Name, LocalizedText Title, IReadOnlyList<string> DefaultRoles)
{
    /// <summary>The authorization policy name that requires this permission.</summary>
    public string Policy => Permissions.PolicyFor(Name);
}
