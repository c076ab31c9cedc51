using HappyCommunity.Host.Centres;
using HappyCommunity.Host.Data;
using HappyCommunity.PluginSdk;
using Microsoft.EntityFrameworkCore;

namespace HappyCommunity.Host.Residents;

/// <summary>The SDK's view of the resident register, always limited to the current centre.</summary>
public sealed class ResidentDirectory(HostDbContext db, CentreContext centre) : IResidentDirectory
{
    private IQueryable<Resident> Residents => centre.Centre is { } c
        ? db.Residents.AsNoTracking().Where(r => r.CentreId == c.Id)
        : db.Residents.AsNoTracking().Where(r => false);

    public async Task<ResidentInfo?> FindAsync(Guid residentId, CancellationToken cancellationToken) =>
        ToInfo(await Residents.FirstOrDefaultAsync(r => r.Id == residentId, cancellationToken));

    public async Task<ResidentInfo?> FindByUserAsync(string userId, CancellationToken cancellationToken) =>
        ToInfo(await Residents.FirstOrDefaultAsync(r => r.UserId == userId, cancellationToken));

    public async Task<IReadOnlyList<ResidentInfo>> SearchAsync(string? text, int take, CancellationToken cancellationToken)
    {
        var query = Residents;
        if (!string.IsNullOrWhiteSpace(text))
        {
            var t = text.Trim();
            query = query.Where(r => r.Name.Contains(t) || (r.Phone != null && r.Phone.Contains(t))
                || (r.Building != null && r.Building.Contains(t)) || (r.Grid != null && r.Grid.Contains(t)));
        }
        var rows = await query.OrderBy(r => r.Name).Take(Math.Clamp(take, 1, 100)).ToListAsync(cancellationToken);
        return rows.Select(r => ToInfo(r)!).ToList();
    }

    public static ResidentInfo? ToInfo(Resident? r) => r is null
        ? null
        : new ResidentInfo(r.Id, r.CentreId, r.Name, r.Phone, r.Building, r.Unit, r.Room, r.Grid, r.TagList, r.UserId);
}
