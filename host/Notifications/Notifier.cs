using HappyCommunity.Host.Centres;
using HappyCommunity.Host.Data;
using HappyCommunity.PluginSdk;
using Microsoft.EntityFrameworkCore;

namespace HappyCommunity.Host.Notifications;

/// <summary>The SDK notifier: writes to each recipient's in-app inbox in the host's store.</summary>
public sealed class Notifier(IServiceScopeFactory scopes, CentreContext centre, TimeProvider clock) : INotifier
{
    public async Task NotifyAsync(string userId, NotificationMessage message, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await WriteAsync(scope.ServiceProvider.GetRequiredService<HostDbContext>(), [userId], message, cancellationToken);
    }

    public async Task NotifyRoleAsync(string role, NotificationMessage message, CancellationToken cancellationToken)
    {
        var c = centre.Centre ?? throw new InvalidOperationException("NotifyRoleAsync needs a centre.");
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HostDbContext>();
        // Town and district admins hold their role over the centre's town or the whole district, not in the centre.
        var assignments = role switch
        {
            Roles.TownAdmin => db.RoleAssignments.Where(r => r.Role == role && r.TownId == db.Towns.Where(t => t.Slug == c.TownSlug).Select(t => t.Id).FirstOrDefault()),
            Roles.DistrictAdmin => db.RoleAssignments.Where(r => r.Role == role),
            _ => db.RoleAssignments.Where(r => r.CentreId == c.Id && r.Role == role),
        };
        var userIds = await assignments.AsNoTracking().Select(r => r.UserId).Distinct().ToListAsync(cancellationToken);
        await WriteAsync(db, userIds, message, cancellationToken);
    }

    // A context of its own scope: a module's notification never commits or rolls back the caller's host changes.
    private async Task WriteAsync(HostDbContext db, IReadOnlyList<string> userIds, NotificationMessage message, CancellationToken cancellationToken)
    {
        if (userIds.Count == 0) return;
        var now = clock.GetUtcNow();
        foreach (var userId in userIds)
            db.Notifications.Add(new Notification
            {
                UserId = userId,
                CentreId = centre.Centre?.Id,
                TitleZh = message.Title.Zh,
                TitleEn = message.Title.En,
                BodyZh = message.Body.Zh,
                BodyEn = message.Body.En,
                Link = message.Link,
                CreatedAt = now,
            });
        await db.SaveChangesAsync(cancellationToken);
    }
}
