using HappyCommunity.PluginSdk;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace HappyCommunity.Host.Identity;

/// <summary>A module permission as an authorization requirement.</summary>
public sealed record PermissionRequirement(string Permission) : IAuthorizationRequirement;

/// <summary>Turns policy names <c>perm:{permission}</c> into policies, so modules never register policies themselves.</summary>
public sealed class PermissionPolicyProvider(IOptions<AuthorizationOptions> options) : DefaultAuthorizationPolicyProvider(options)
{
    // A policy name always gives the same policy, so the authorization middleware may keep each endpoint's combined
    // policy instead of asking on every request (a derived provider has to say so; the default one does by itself).
    public override bool AllowsCachingPolicies => true;

    public override async Task<AuthorizationPolicy?> GetPolicyAsync(string policyName)
    {
        if (policyName.StartsWith(Permissions.PolicyPrefix, StringComparison.Ordinal))
            return new AuthorizationPolicyBuilder()
                .RequireAuthenticatedUser()
                .AddRequirements(new PermissionRequirement(policyName[Permissions.PolicyPrefix.Length..]))
                .Build();
        return await base.GetPolicyAsync(policyName);
    }
}

/// <summary>Grants the requirement when the user holds the permission in the current centre.</summary>
public sealed class PermissionHandler(CurrentUser user) : AuthorizationHandler<PermissionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        if (user.HasPermission(requirement.Permission))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
