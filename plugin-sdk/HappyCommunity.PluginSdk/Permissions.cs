using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;

namespace HappyCommunity.PluginSdk;

/// <summary>Helpers to require a module permission on endpoints and pages.</summary>
public static class Permissions
{
    /// <summary>The prefix of authorization policy names that stand for a permission.</summary>
    public const string PolicyPrefix = "perm:";

    /// <summary>The authorization policy name for a permission, usable in <c>[Authorize(Policy = ...)]</c>.</summary>
    /// <param name="permission">The permission name.</param>
    public static string PolicyFor(string permission) => PolicyPrefix + permission;

    /// <summary>Requires the signed-in user to hold <paramref name="permission"/> in the current centre.</summary>
    /// <typeparam name="TBuilder">The endpoint convention builder.</typeparam>
    /// <param name="builder">The endpoint or group.</param>
    /// <param name="permission">The permission name.</param>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, string permission)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(new AuthorizeAttribute(PolicyFor(permission)));
}
