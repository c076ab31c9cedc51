using Housekeeping.Data;
using HappyCommunity.PluginSdk;
using Microsoft.EntityFrameworkCore;

namespace Housekeeping.Features;

/// <summary>Dashboard: visits done and their average rating.</summary>
public sealed class HousekeepingFigures(HousekeepingDbContext db) : IDashboardFigureProvider
{
    public async Task<IReadOnlyList<DashboardFigure>> GetFiguresAsync(DashboardScope scope, CancellationToken cancellationToken)
    {
        var done = db.Bookings.IgnoreQueryFilters().Where(b => scope.CentreIds.Contains(b.CentreId) && b.Status == BookingStatus.Completed);
        var count = await done.CountAsync(cancellationToken);
        var average = await done.Where(b => b.Rating != null).AverageAsync(b => (decimal?)b.Rating, cancellationToken) ?? 0m;
        return
        [
            new("housekeeping.visits", new("已完成上门服务", "Visits done"), count),
            new("housekeeping.rating", new("平均评分", "Average rating"), Math.Round(average, 1), "★"),
        ];
    }
}
