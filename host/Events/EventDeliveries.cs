using HappyCommunity.Host.Audit;
using HappyCommunity.Host.Centres;
using HappyCommunity.Host.Data;
using HappyCommunity.Host.Identity;
using HappyCommunity.Host.Plugins;
using HappyCommunity.PluginSdk;
using Microsoft.EntityFrameworkCore;

namespace HappyCommunity.Host.Events;

/// <summary>Event deliveries that failed, as admins see them, and an admin's retry of a parked one. The API and the admin page both come here.</summary>
public sealed class EventDeliveries(CurrentUser user, CentreDirectory directory, HostDbContext db, PluginCatalog catalog, ModuleStores stores,
    IServiceScopeFactory scopes, AuditLog audit, TimeProvider clock)
{
    public sealed record DeliveryDto(long Id, Guid EventId, string EventType, string SourceModule, string HandlerModule, string Handler,
        string? Centre, string Status, int Attempts, DateTimeOffset? NextAttemptAt, string? LastError, DateTimeOffset OccurredAt, DateTimeOffset UpdatedAt);

    /// <summary>Failed deliveries in the centres the caller administers: parked (the default), retrying, or delivered after failing.</summary>
    public async Task<AdminOutcome> ListAsync(string? status, string? centre, CancellationToken ct)
    {
        var parsed = EventDeliveryStatus.Parked;
        if (status is not null && !Enum.TryParse(status, ignoreCase: true, out parsed))
            return AdminOutcome.Invalid("status", "status must be parked, retrying or delivered. 状态应为 parked、retrying 或 delivered。");
        var centres = Administered(centre);
        if (centres is null)
            return AdminOutcome.Forbidden("Only admins may see event deliveries, and only for the centres they administer. 仅管理员可查看其管理的服务中心。");
        var rows = await db.EventDeliveries.AsNoTracking()
            .Where(d => d.Status == parsed && (centres.Count == 0 || centres.Contains(d.CentreId)))
            .OrderByDescending(d => d.Id).Take(200).ToListAsync(ct);
        return AdminOutcome.Done(rows.Select(ToDto).ToList());
    }

    /// <summary>Sends a parked delivery again: the event goes back into its outbox, and the handlers that already had it skip it by their receipts.</summary>
    public async Task<AdminOutcome> RetryAsync(long id, CancellationToken ct)
    {
        var delivery = await db.EventDeliveries.FirstOrDefaultAsync(d => d.Id == id, ct);
        var centres = Administered(null);
        if (delivery is null || centres is null || (centres.Count > 0 && !centres.Contains(delivery.CentreId)))
            return AdminOutcome.NotFound($"No event delivery {id} that you administer. 没有找到这条事件投递。");
        if (delivery.Status != EventDeliveryStatus.Parked)
            return AdminOutcome.Conflict("Only a parked delivery can be retried; this one is " + delivery.Status.ToString().ToLowerInvariant() + ". 只有已搁置的投递可以重试。");
        var source = catalog.Running.FirstOrDefault(p => p.Id == delivery.SourceModule);
        if (source is null)
            return AdminOutcome.Conflict($"The module {delivery.SourceModule} that published the event is not running. 发布该事件的模块未运行。");

        var before = new { delivery.Status, delivery.Attempts };
        delivery.Status = EventDeliveryStatus.Retrying;
        delivery.Attempts = 0;
        delivery.NextAttemptAt = clock.GetUtcNow();
        delivery.UpdatedAt = clock.GetUtcNow();
        audit.Record("event.retry", delivery.CentreId, $"{delivery.Handler} ← {delivery.EventId}", before, new { delivery.Status });
        await db.SaveChangesAsync(ct);
        await using (var scope = scopes.CreateAsyncScope())
            foreach (var storeType in source.StoreTypes.Where(t => typeof(CentreDbContext).IsAssignableFrom(t)))
            {
                var store = (CentreDbContext)scope.ServiceProvider.GetRequiredService(storeType);
                await store.Outbox.Where(m => m.Id == delivery.EventId).ExecuteUpdateAsync(s => s.SetProperty(m => m.DispatchedAt, (DateTimeOffset?)null), ct);
            }
        stores.OutboxSignal.Raise(source.Id);
        return AdminOutcome.Done(ToDto(delivery), 202);
    }

    /// <summary>The centre ids the user administers (empty: all, for the district admin), or null when none.</summary>
    private List<int>? Administered(string? centreSlug)
    {
        if (user.Access is not { } access) return null;
        if (centreSlug is not null)
            return directory.Find(centreSlug) is { } c && access.CanAdminister(c, directory) ? [c.Id] : null;
        if (access.IsDistrictAdmin) return [];
        var ids = directory.Centres.Where(c => access.CanAdminister(c, directory)).Select(c => c.Id).ToList();
        return ids.Count == 0 ? null : ids;
    }

    private DeliveryDto ToDto(EventDelivery d) => new(d.Id, d.EventId, d.EventType.Split('.').Last(),
        d.SourceModule, d.HandlerModule, d.Handler, directory.Find(d.CentreId)?.Slug, d.Status.ToString().ToLowerInvariant(), d.Attempts,
        d.NextAttemptAt, d.LastError, d.OccurredAt, d.UpdatedAt);
}
