using HappyCommunity.Host.Centres;
using HappyCommunity.Host.Data;
using HappyCommunity.PluginSdk;
using Microsoft.EntityFrameworkCore;

namespace HappyCommunity.Host.Identity;

/// <summary>The SDK's list of a centre's members: users with a role in the current centre.</summary>
public sealed class CentreMembers(HostDbContext db, CentreContext centre) : ICentreMembers
{
    public async Task<IReadOnlyList<CentreMember>> ListAsync(string? role, CancellationToken cancellationToken)
    {
        if (centre.Centre is not { } c) return [];
        var userIds = db.RoleAssignments.Where(r => r.CentreId == c.Id && (role == null || r.Role == role)).Select(r => r.UserId);
        return await ReadAsync(c.Id, userIds, cancellationToken);
    }

    public async Task<CentreMember?> FindAsync(string userId, CancellationToken cancellationToken)
    {
        if (centre.Centre is not { } c) return null;
        var members = await ReadAsync(c.Id, db.RoleAssignments.Where(r => r.CentreId == c.Id && r.UserId == userId).Select(r => r.UserId), cancellationToken);
        return members.FirstOrDefault();
    }

    private async Task<IReadOnlyList<CentreMember>> ReadAsync(int centreId, IQueryable<string> userIds, CancellationToken cancellationToken)
    {
        var rows = await (from a in db.RoleAssignments.AsNoTracking()
                          join u in db.Users.AsNoTracking() on a.UserId equals u.Id
                          where a.CentreId == centreId && userIds.Contains(a.UserId)
                          select new { a.UserId, u.DisplayName, u.UserName, a.Role })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.UserId)
            .Select(g => new CentreMember(g.Key, string.IsNullOrWhiteSpace(g.First().DisplayName) ? g.First().UserName ?? g.Key : g.First().DisplayName,
                g.Select(r => r.Role).Distinct().Order().ToList()))
            .OrderBy(m => m.DisplayName, StringComparer.Ordinal)
            .ToList();
    }
}
