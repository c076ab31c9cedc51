using System.Security.Claims;
using HappyCommunity.Host.Centres;
using HappyCommunity.PluginSdk;

namespace HappyCommunity.Host.Identity;

/// <summary>The signed-in user of the request, seen in the current centre. Filled by <see cref="CentreGateMiddleware"/>.</summary>
public sealed class CurrentUser(CentreContext centre, CentreDirectory directory, PermissionRegistry permissions) : ICurrentUser
{
    private static readonly IReadOnlySet<string> NoRoles = new HashSet<string>();
    private IReadOnlySet<string>? _roles;
    private CentreInfo? _rolesFor;

    public UserAccess? Access { get; private set; }
    public string? UserId { get; private set; }
    public string? UserName { get; private set; }
    public string? DisplayName { get; private set; }
    private ServiceChannel _channel = ServiceChannel.Self;

    /// <summary>The channel staff declared (header <c>X-Service-Channel</c>); residents always act for themselves.</summary>
    public ServiceChannel Channel =>
        _channel != ServiceChannel.Self && Roles.Any(r => r is PluginSdk.Roles.Staff or PluginSdk.Roles.PropertyStaff || PluginSdk.Roles.IsAdmin(r))
            ? _channel
            : ServiceChannel.Self;
    public bool IsAuthenticated => UserId is not null;

    /// <summary>Staff say on a page how they reached the resident they act for (the API uses the X-Service-Channel header).</summary>
    public void ActVia(ServiceChannel channel) => _channel = channel;

    public void SignedIn(ClaimsPrincipal principal, UserAccess access, ServiceChannel channel)
    {
        UserId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        UserName = principal.Identity?.Name;
        DisplayName = principal.FindFirstValue(HostClaims.DisplayName) ?? UserName;
        Access = access;
        _channel = channel;
    }

    public IReadOnlySet<string> Roles
    {
        get
        {
            if (Access is null || centre.Centre is null) return NoRoles;
            if (_roles is null || _rolesFor != centre.Centre)
            {
                _roles = Access.RolesIn(centre.Centre, directory);
                _rolesFor = centre.Centre;
            }
            return _roles;
        }
    }

    public bool HasPermission(string permission) => permissions.IsGranted(Roles, permission, centre.Centre?.Id);
}

public static class HostClaims
{
    public const string DisplayName = "hc:display_name";
}
