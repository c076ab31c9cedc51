using HappyCommunity.Modules.Notices.Data;
using HappyCommunity.PluginSdk;
using Microsoft.EntityFrameworkCore;

namespace HappyCommunity.Modules.Notices.Features;

/// <summary>Dashboard figures: notices published in the last 30 days.</summary>
public sealed class NoticesFigures(NoticesDbContext db, TimeProvider clock) : IDashboardFigureProvider
{
    public async Task<IReadOnlyList<DashboardFigure>> GetFiguresAsync(DashboardScope scope, CancellationToken cancellationToken)
    {
        var since = clock.GetUtcNow().AddDays(-30);
        var count = await db.Notices.IgnoreQueryFilters()
            .Where(n => scope.CentreIds.Contains(n.CentreId) && n.CreatedAt >= since)
            .CountAsync(cancellationToken);
        return [new DashboardFigure("notices.last30days", new("近30天公告", "Notices, last 30 days"), count)];
    }
}
