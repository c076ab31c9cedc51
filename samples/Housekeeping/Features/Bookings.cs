using System.ComponentModel.DataAnnotations;
using Housekeeping.Data;
using HappyCommunity.PluginSdk;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Housekeeping.Features;

/// <summary>A resident books a visit; the provider (through staff) confirms or declines; after the visit the resident rates it.</summary>
public static class Bookings
{
    public sealed record BookingDto(int Id, int ProviderId, string Provider, string Kind, string Resident, DateTimeOffset VisitAt,
        string Address, string? Note, string Status, string? DeclineReason, int? Rating, string? RatingComment);

    public sealed record BookVisit(
        [property: Required] int? ProviderId,
        [property: Required] DateTimeOffset? VisitAt,
        [property: Required(ErrorMessage = "请填写上门地址 / Address is required"), StringLength(200, MinimumLength = 2)] string Address,
        [property: StringLength(500)] string? Note = null);

    public sealed record Decline([property: Required(ErrorMessage = "请说明原因 / A reason is required"), StringLength(200, MinimumLength = 2)] string Reason);

    public sealed record Rate(
        [property: Required, Range(1, 5, ErrorMessage = "评分为1到5星 / Rate from 1 to 5")] int? Stars,
        [property: StringLength(500)] string? Comment = null);

    public static IQueryable<Booking> Visible(HousekeepingDbContext db, ICurrentUser user) =>
        user.HasPermission(HousekeepingPermissions.Manage)
            ? db.Bookings.Include(b => b.Provider)
            : db.Bookings.Include(b => b.Provider).Where(b => b.ResidentUserId == user.UserId);

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/bookings", async (HousekeepingDbContext db, ICurrentUser user, CancellationToken ct) =>
                !user.HasPermission(HousekeepingPermissions.Book) && !user.HasPermission(HousekeepingPermissions.Manage)
                    ? (IResult)TypedResults.Problem("您没有查看预约的权限 / You may not see bookings here.", statusCode: 403, title: "Forbidden / 无权操作")
                    : TypedResults.Ok((await Visible(db, user).AsNoTracking().OrderByDescending(b => b.VisitAt).Take(200).ToListAsync(ct)).Select(ToDto)))
            .WithSummary("Bookings: your own, or all of the centre's for staff who manage them")
            .RequireAuthorization();

        api.MapPost("/bookings", async (BookVisit request, HousekeepingDbContext db, ICurrentUser user, TimeProvider clock, HttpContext http, CancellationToken ct) =>
            {
                var provider = await db.Providers.FirstOrDefaultAsync(p => p.Id == request.ProviderId && p.Active, ct);
                if (provider is null)
                    return Field("providerId", "没有这家机构 / There is no such active provider here");
                if (request.VisitAt!.Value < clock.GetUtcNow().AddHours(2))
                    return Field("visitAt", "请至少提前2小时预约 / Book at least 2 hours ahead");
                var booking = new Booking
                {
                    ProviderId = provider.Id, Provider = provider, ResidentUserId = user.UserId!, ResidentName = user.DisplayName ?? "",
                    VisitAt = request.VisitAt.Value, Address = request.Address.Trim(), Note = request.Note?.Trim(), Status = BookingStatus.Requested,
                };
                db.Bookings.Add(booking);
                await db.SaveChangesAsync(ct);
                return TypedResults.Created($"{http.Request.Path}/{booking.Id}", ToDto(booking));
            })
            .WithSummary("Book a visit")
            .RequirePermission(HousekeepingPermissions.Book);

        api.MapPost("/bookings/{id:int}/confirm", (int id, HousekeepingDbContext db, ICurrentUser user, INotifier notifier, CancellationToken ct) =>
                ChangeAsync(db, user, id, manage: true, BookingStatus.Requested, b => b.Status = BookingStatus.Confirmed, ct,
                    b => notifier.NotifyAsync(b.ResidentUserId, new(new("家政预约已确认", "Your booking is confirmed"),
                        new($"{b.Provider.Name} 将于 {DisplayTime.Format(b.VisitAt)} 上门。", $"{b.Provider.Name} will visit at {DisplayTime.Format(b.VisitAt)}.")), ct)))
            .WithSummary("Confirm a requested visit (staff, for the provider)")
            .RequirePermission(HousekeepingPermissions.Manage);

        api.MapPost("/bookings/{id:int}/decline", (int id, Decline request, HousekeepingDbContext db, ICurrentUser user, INotifier notifier, CancellationToken ct) =>
                ChangeAsync(db, user, id, manage: true, BookingStatus.Requested, b => { b.Status = BookingStatus.Declined; b.DeclineReason = request.Reason.Trim(); }, ct,
                    b => notifier.NotifyAsync(b.ResidentUserId, new(new("家政预约未能安排", "Your booking was declined"),
                        new($"{b.Provider.Name}：{b.DeclineReason}", $"{b.Provider.Name}: {b.DeclineReason}")), ct)))
            .WithSummary("Decline a requested visit with a reason (staff, for the provider)")
            .RequirePermission(HousekeepingPermissions.Manage);

        api.MapPost("/bookings/{id:int}/complete", (int id, HousekeepingDbContext db, ICurrentUser user, CancellationToken ct) =>
                ChangeAsync(db, user, id, manage: true, BookingStatus.Confirmed, b => b.Status = BookingStatus.Completed, ct))
            .WithSummary("Mark a confirmed visit done (staff)")
            .RequirePermission(HousekeepingPermissions.Manage);

        api.MapPost("/bookings/{id:int}/cancel", (int id, HousekeepingDbContext db, ICurrentUser user, CancellationToken ct) =>
                ChangeAsync(db, user, id, manage: false, BookingStatus.Requested, b => b.Status = BookingStatus.Cancelled, ct))
            .WithSummary("Cancel your own booking before it is confirmed")
            .RequirePermission(HousekeepingPermissions.Book);

        api.MapPost("/bookings/{id:int}/rate", async (int id, Rate request, HousekeepingDbContext db, ICurrentUser user, CancellationToken ct) =>
            {
                var booking = await db.Bookings.Include(b => b.Provider).FirstOrDefaultAsync(b => b.Id == id && b.ResidentUserId == user.UserId, ct);
                if (booking is null) return NotFound();
                if (booking.Status != BookingStatus.Completed)
                    return Conflict($"只能在服务完成后评价 / You can rate a visit once it is done (it is {booking.Status}).");
                if (booking.Rating is not null)
                    return Conflict("已经评价过了 / This visit is already rated.");
                booking.Rating = request.Stars;
                booking.RatingComment = request.Comment?.Trim();
                booking.Revision++;
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateConcurrencyException)
                {
                    return Conflict("这条预约刚刚被修改，请刷新 / This booking just changed; reload it.");
                }
                return TypedResults.Ok(ToDto(booking));
            })
            .WithSummary("Rate a completed visit, once (the resident who booked it)")
            .RequirePermission(HousekeepingPermissions.Book);
    }

    private static async Task<IResult> ChangeAsync(HousekeepingDbContext db, ICurrentUser user, int id, bool manage, BookingStatus from,
        Action<Booking> change, CancellationToken ct, Func<Booking, Task>? after = null)
    {
        var query = db.Bookings.Include(b => b.Provider).Where(b => b.Id == id);
        if (!manage) query = query.Where(b => b.ResidentUserId == user.UserId);
        var booking = await query.FirstOrDefaultAsync(ct);
        if (booking is null) return NotFound();
        if (booking.Status != from)
            return Conflict($"预约状态为 {booking.Status}，不能进行此操作 / The booking is {booking.Status}; this step needs it {from}.");
        change(booking);
        booking.Revision++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Conflict("有人刚刚处理了这条预约，请刷新 / Someone else just changed this booking; reload it.");
        }
        if (after is not null) await after(booking);
        return TypedResults.Ok(ToDto(booking));
    }

    private static IResult Field(string field, string message) => TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    private static IResult NotFound() => TypedResults.Problem("没有这条预约 / There is no such booking.", statusCode: 404, title: "Not found / 未找到");

    private static IResult Conflict(string detail) => TypedResults.Problem(detail, statusCode: 409, title: "Conflict / 冲突");

    public static BookingDto ToDto(Booking b) => new(b.Id, b.ProviderId, b.Provider.Name, b.Provider.Kind.ToString(), b.ResidentName, b.VisitAt,
        b.Address, b.Note, b.Status.ToString(), b.DeclineReason, b.Rating, b.RatingComment);
}
