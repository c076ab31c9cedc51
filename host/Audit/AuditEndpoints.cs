using HappyCommunity.Host.Api;
using HappyCommunity.Host.Centres;
using HappyCommunity.Host.Data;
using HappyCommunity.Host.Identity;
using Microsoft.EntityFrameworkCore;

namespace HappyCommunity.Host.Audit;

public static class AuditEndpoints
{
    public sealed record AuditEntryDto(long Id, DateTimeOffset At, string? Actor, string Channel, string Action, string? Centre, string Target, string? Before, string? After);

    public static void MapAuditEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/audit", async (string? centre, int? take, CurrentUser user, CentreDirectory directory, HostDbContext db, CancellationToken ct) =>
            {
                var query = await VisibleAsync(db, user, directory, centre);
                if (query is null)
                    return Results.Problem(statusCode: 403, title: "Forbidden / 无权查看", detail: "Only admins may read the audit log, and only for the centres they administer.");
                var rows = await query.OrderByDescending(a => a.Id).Take(Math.Clamp(take ?? 100, 1, 500)).ToListAsync(ct);
                return Results.Ok(rows.Select(a => new AuditEntryDto(a.Id, a.At, a.ActorName, a.Channel.ToString(), a.Action,
                    a.CentreId is { } id ? directory.Find(id)?.Slug : null, a.Target, a.Before, a.After)));
            })
            .RequireAuthorization()
            .WithTags("Admin")
            .WithSummary("Read the audit log (admins)");

    /// <summary>The entries the user may read: district admins all, town admins their towns' centres, centre admins their centre.</summary>
    public static Task<IQueryable<AuditEntry>?> VisibleAsync(HostDbContext db, CurrentUser user, CentreDirectory directory, string? centreSlug)
    {
        IQueryable<AuditEntry>? result = null;
        if (user.Access is { } access)
        {
            if (centreSlug is not null)
            {
                var centre = directory.Find(centreSlug);
                if (centre is not null && access.CanAdminister(centre, directory))
                    result = db.AuditEntries.AsNoTracking().Where(a => a.CentreId == centre.Id);
            }
            else if (access.IsDistrictAdmin)
            {
                result = db.AuditEntries.AsNoTracking();
            }
            else if (access.IsAnyAdmin)
            {
                var ids = directory.Centres.Where(c => access.CanAdminister(c, directory)).Select(c => c.Id).ToList();
                result = db.AuditEntries.AsNoTracking().Where(a => a.CentreId != null && ids.Contains(a.CentreId.Value));
            }
        }
        return Task.FromResult(result);
    }
}
