using HappyCommunity.Host.Api;
using HappyCommunity.Host.Audit;
using HappyCommunity.Host.Centres;
using HappyCommunity.Host.Data;
using HappyCommunity.Host.Identity;
using HappyCommunity.Host.Plugins;
using HappyCommunity.PluginSdk;
using Microsoft.EntityFrameworkCore;

namespace HappyCommunity.Host.Events;

/// <summary>Admins see event deliveries that keep failing, and send a parked one again.</summary>
public static class EventEndpoints
{
    public sealed record DeliveryDto(long Id, Guid EventId, string EventType, string SourceModule, string HandlerModule, string Handler,
        string? Centre, string Status, int Attempts, DateTimeOffset? NextAttemptAt, string? LastError, DateTimeOffset OccurredAt, DateTimeOffset UpdatedAt);

    public static void MapEventEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/events").RequireAuthorization().WithTags("Admin");

        group.MapGet("/deliveries", async (string? status, string? centre, CurrentUser user, CentreDirectory directory, HostDbContext db, CancellationToken ct) =>
            {
                var parsed = EventDeliveryStatus.Parked;
                if (status is not null && !Enum.TryParse(status, ignoreCase: true, out parsed))
                    return Problems.Field("status", "status must be parked, retrying or delivered. 状态应为 parked、retrying 或 delivered。");
                var centres = Administered(user, directory, centre);
                if (centres is null)
                    return Problems.Forbidden("Only admins may see event deliveries, and only for the centres they administer. 仅管理员可查看其管理的服务中心。");
                var rows = await db.EventDeliveries.AsNoTracking()
                    .Where(d => d.Status == parsed && (centres.Count == 0 || centres.Contains(d.CentreId)))
                    .OrderByDescending(d => d.Id).Take(200).ToListAsync(ct);
                return Results.Ok(rows.Select(d => ToDto(d, directory)));
            })
            .WithSummary("Event deliveries that failed: parked (the default), retrying or delivered after failing (admins)");

        group.MapPost("/deliveries/{id:long}/retry", async (long id, CurrentUser user, CentreDirectory directory, HostDbContext db,
                PluginCatalog catalog, ModuleStores stores, IServiceScopeFactory scopes, AuditLog audit, TimeProvider clock, CancellationToken ct) =>
            {
                var delivery = await db.EventDeliveries.FirstOrDefaultAsync(d => d.Id == id, ct);
                var centres = Administered(user, directory, null);
                if (delivery is null || centres is null || (centres.Count > 0 && !centres.Contains(delivery.CentreId)))
                    return Problems.NotFound($"No event delivery {id} that you administer. 没有找到这条事件投递。");
                if (delivery.Status != EventDeliveryStatus.Parked)
                    return Problems.Conflict("Only a parked delivery can be retried; this one is " + delivery.Status.ToString().ToLowerInvariant() + ". 只有已搁置的投递可以重试。", "not-parked");

                // The event goes back into its outbox; the handlers that already had it skip it by their receipts.
                var source = catalog.Running.FirstOrDefault(p => p.Id == delivery.SourceModule);
                if (source is null)
                    return Problems.Conflict($"The module {delivery.SourceModule} that published the event is not running. 发布该事件的模块未运行。", "source-not-running");
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
                return Results.Accepted(value: ToDto(delivery, directory));
            })
            .WithSummary("Send a parked event delivery again (admins of its centre)");
    }

    /// <summary>The centre ids the user administers (empty: all, for the district admin), or null when none.</summary>
    private static IReadOnlyList<int>? Administered(CurrentUser user, CentreDirectory directory, string? centreSlug)
    {
        if (user.Access is not { } access) return null;
        if (centreSlug is not null)
            return directory.Find(centreSlug) is { } c && access.CanAdminister(c, directory) ? [c.Id] : null;
        if (access.IsDistrictAdmin) return [];
        var ids = directory.Centres.Where(c => access.CanAdminister(c, directory)).Select(c => c.Id).ToList();
        return ids.Count == 0 ? null : ids;
    }

    private static DeliveryDto ToDto(EventDelivery d, CentreDirectory directory) => new(d.Id, d.EventId, d.EventType.Split('.').Last(),
        d.SourceModule, d.HandlerModule, d.Handler, directory.Find(d.CentreId)?.Slug, d.Status.ToString().ToLowerInvariant(), d.Attempts,
        d.NextAttemptAt, d.LastError, d.OccurredAt, d.UpdatedAt);
}
