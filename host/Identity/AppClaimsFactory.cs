using System.Security.Claims;
using HappyCommunity.Host.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace HappyCommunity.Host.Identity;

/// <summary>Adds the display name to the sign-in principal (cookie and bearer token alike).</summary>
public sealed class AppClaimsFactory(UserManager<AppUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(HostClaims.DisplayName, user.DisplayName));
        return identity;
    }
}
