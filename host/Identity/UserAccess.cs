using HappyCommunity.Host.Centres;
using HappyCommunity.Host.Data;
using HappyCommunity.PluginSdk;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace HappyCommunity.Host.Identity;

/// <summary>The roles one user holds, where: per centre, per town, district-wide.</summary>
public sealed record UserAccess(string UserId, IReadOnlyList<RoleAssignment> Assignments)
{
    public bool IsDistrictAdmin => Assignments.Any(a => a.Role == Roles.DistrictAdmin);

    public bool IsTownAdminOf(int townId) => Assignments.Any(a => a.Role == Roles.TownAdmin && a.TownId == townId);

    public bool IsAnyAdmin => Assignments.Any(a => Roles.IsAdmin(a.Role));

    /// <summary>The roles that apply in the centre, including town and district admin where they reach it.</summary>
    public IReadOnlySet<string> RolesIn(CentreInfo centre, CentreDirectory directory)
    {
        var roles = new HashSet<string>(StringComparer.Ordinal);
        var townId = directory.FindTown(centre.TownSlug)?.Id;
        foreach (var a in Assignments)
        {
            if (a.CentreId == centre.Id
                || (a.Role == Roles.TownAdmin && a.TownId is not null && a.TownId == townId)
                || a.Role == Roles.DistrictAdmin)
                roles.Add(a.Role);
        }
        return roles;
    }

    /// <summary>Whether the user may administer the centre: its modules, users and settings.</summary>
    public bool CanAdminister(CentreInfo centre, CentreDirectory directory) =>
        RolesIn(centre, directory).Any(Roles.IsAdmin);
}

/// <summary>Loads and caches <see cref="UserAccess"/>; role changes here drop the cached entry at once.</summary>
/// <remarks>The gate asks this on every signed-in request, and nearly always the cache answers: the store is made
/// only on a miss (<see cref="Lazy{T}"/>, an Autofac relationship), not for every request.</remarks>
public sealed class AccessService(Lazy<HostDbContext> store, IMemoryCache cache)
{
    private static string Key(string userId) => "access:" + userId;

    public async Task<UserAccess> GetAsync(string userId, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(Key(userId), out UserAccess? cached) && cached is not null)
            return cached;
        var assignments = await store.Value.RoleAssignments.AsNoTracking().Where(r => r.UserId == userId).ToListAsync(cancellationToken);
        var access = new UserAccess(userId, assignments);
        cache.Set(Key(userId), access, TimeSpan.FromSeconds(30));
        return access;
    }

    public void Invalidate(string userId) => cache.Remove(Key(userId));
}
