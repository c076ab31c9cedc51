using HappyCommunity.Host.Api;
using HappyCommunity.Host.Centres;
using HappyCommunity.Host.Data;
using HappyCommunity.Host.Identity;
using HappyCommunity.PluginSdk;
using Microsoft.EntityFrameworkCore;

namespace HappyCommunity.Host.Notifications;

public static class NotificationEndpoints
{
    public sealed record NotificationDto(long Id, string Title, string Body, string? Link, string? Centre, DateTimeOffset CreatedAt, bool Read);

    public static async Task<List<NotificationDto>> ListAsync(HostDbContext db, string userId, CentreDirectory directory, int take, CancellationToken ct)
    {
        var rows = await db.Notifications.AsNoTracking().Where(n => n.UserId == userId)
            .OrderByDescending(n => n.Id).Take(take).ToListAsync(ct);
        return rows.Select(n => new NotificationDto(n.Id, new LocalizedText(n.TitleZh, n.TitleEn).Current, new LocalizedText(n.BodyZh, n.BodyEn).Current,
            n.Link, n.CentreId is { } c ? directory.Find(c)?.Slug : null, n.CreatedAt, n.ReadAt is not null)).ToList();
    }

    public static void MapNotificationEndpoints(this IEndpointRouteBuilder app)
    {
        var inbox = app.MapGroup("/api/me/notifications").RequireAuthorization().WithTags("Identity");

        inbox.MapGet("/", async (int? take, CurrentUser user, HostDbContext db, CentreDirectory directory, CancellationToken ct) =>
                Results.Ok(await ListAsync(db, user.UserId!, directory, Math.Clamp(take ?? 50, 1, 200), ct)))
            .WithSummary("The signed-in user's inbox");

        inbox.MapPost("/{id:long}/read", async (long id, CurrentUser user, HostDbContext db, TimeProvider clock, CancellationToken ct) =>
            {
                var n = await db.Notifications.FirstOrDefaultAsync(x => x.Id == id && x.UserId == user.UserId, ct);
                if (n is null) return Problems.NotFound("There is no such notification in your inbox.");
                n.ReadAt ??= clock.GetUtcNow();
                await db.SaveChangesAsync(ct);
                return Results.NoContent();
            })
            .WithSummary("Mark a notification read");
    }
}
