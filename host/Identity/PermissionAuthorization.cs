using HappyCommunity.PluginSdk;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace HappyCommunity.Host.Identity;

/// <summary>A module permission as an authorization requirement.</summary>
public sealed record PermissionRequirement(string Permission) : IAuthorizationRequirement;

/// <summary>Turns policy names <c>perm:{permission}</c> into policies, so modules never register policies themselves.</summary>
public sealed class PermissionPolicyProvider(IOptions<AuthorizationOptions> options) : DefaultAuthorizationPolicyProvider(options)
{
    // Asked on every request to a protected endpoint: each policy is built once.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, AuthorizationPolicy> _built = new(StringComparer.Ordinal);

    public override Task<AuthorizationPolicy?> GetPolicyAsync(string policyName)
    {
        if (policyName.StartsWith(Permissions.PolicyPrefix, StringComparison.Ordinal))
            return Task.FromResult<AuthorizationPolicy?>(_built.GetOrAdd(policyName, name => new AuthorizationPolicyBuilder()
                .RequireAuthenticatedUser()
                .AddRequirements(new PermissionRequirement(name[Permissions.PolicyPrefix.Length..]))
                .Build()));
        return base.GetPolicyAsync(policyName);
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
