using System.Security.Cryptography;
using HappyCommunity.Modules.Volunteers.Data;
using HappyCommunity.PluginSdk;
using Microsoft.EntityFrameworkCore;

namespace HappyCommunity.Modules.Volunteers.Features;

public sealed partial class VolunteerService
{
    public const int MaxRepeatWeeks = 12;

    // ---------- activities ----------

    public async Task<Outcome<IReadOnlyList<ActivityDto>>> CreateActivityAsync(ActivityInput input, CancellationToken ct)
    {
        if (!IsManager) return Outcome<IReadOnlyList<ActivityDto>>.Fail(403, new("只有工作人员可以发布活动。", "Only staff may create activities."));
        var title = input.Title?.Trim() ?? "";
        if (title.Length is < 2 or > 100) return Outcome<IReadOnlyList<ActivityDto>>.Invalid("title", new("请填写活动名称（2–100 字）。", "Give the activity a title (2–100 characters)."));
        var place = input.Place?.Trim() ?? "";
        if (place.Length is < 1 or > 100) return Outcome<IReadOnlyList<ActivityDto>>.Invalid("place", new("请填写活动地点。", "Say where the activity is."));
        var description = input.Description?.Trim() ?? "";
        if (description.Length > 2000) return Outcome<IReadOnlyList<ActivityDto>>.Invalid("description", new("活动说明请写在 2000 字以内。", "Keep the description under 2000 characters."));
        if (input.StartAt is not { } start) return Outcome<IReadOnlyList<ActivityDto>>.Invalid("startAt", new("请填写开始时间。", "Give the start time."));
        if (input.EndAt is not { } end) return Outcome<IReadOnlyList<ActivityDto>>.Invalid("endAt", new("请填写结束时间。", "Give the end time."));
        if (end <= start) return Outcome<IReadOnlyList<ActivityDto>>.Invalid("endAt", new("结束时间要晚于开始时间。", "The end must be after the start."));
        if (end - start > TimeSpan.FromHours(12)) return Outcome<IReadOnlyList<ActivityDto>>.Invalid("endAt", new("一次活动最长 12 小时。", "One activity lasts at most 12 hours."));
        if (start < clock.GetUtcNow().AddDays(-1)) return Outcome<IReadOnlyList<ActivityDto>>.Invalid("startAt", new("开始时间不能早于昨天。", "The start cannot be before yesterday."));
        if (input.Capacity is not { } capacity || capacity is < 1 or > 1000)
            return Outcome<IReadOnlyList<ActivityDto>>.Invalid("capacity", new("人数请填 1 到 1000。", "The number of places is 1 to 1000."));
        var repeat = input.RepeatWeeks ?? 1;
        if (repeat is < 1 or > MaxRepeatWeeks)
            return Outcome<IReadOnlyList<ActivityDto>>.Invalid("repeatWeeks", new($"每周重复的次数请填 1 到 {MaxRepeatWeeks}。", $"Repeat weekly 1 to {MaxRepeatWeeks} times."));
        var (skills, error) = await CheckSkillsAsync<IReadOnlyList<ActivityDto>>(input.Skills, ct);
        if (error is not null) return error;

        var series = repeat > 1 ? Guid.NewGuid() : (Guid?)null;
        var created = new List<Activity>();
        for (var week = 0; week < repeat; week++)
        {
            var a = new Activity
            {
                Title = title, Description = description, Place = place, Capacity = capacity, Skills = string.Join(',', skills),
                StartAt = start.AddDays(7 * week), EndAt = end.AddDays(7 * week), SeriesId = series, CheckInCode = NewCode(),
            };
            db.Activities.Add(a);
            created.Add(a);
        }
        await db.SaveChangesAsync(ct);
        return Outcome<IReadOnlyList<ActivityDto>>.Success(await ActivityDtosAsync(created, ct), 201);
    }

    private static string NewCode() => RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6");

    public async Task<IReadOnlyList<ActivityDto>> ListActivitiesAsync(bool past, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var q = db.Activities.AsNoTracking();
        q = past ? q.Where(a => a.EndAt <= now).OrderByDescending(a => a.StartAt) : q.Where(a => a.EndAt > now && !a.Cancelled).OrderBy(a => a.StartAt);
        return await ActivityDtosAsync(await q.Take(200).ToListAsync(ct), ct);
    }

    public async Task<Outcome<ActivityDetail>> GetActivityAsync(int id, CancellationToken ct)
    {
        var a = await db.Activities.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (a is null) return Outcome<ActivityDetail>.NotFound();
        IReadOnlyList<RosterLine>? roster = null;
        if (IsManager)
            roster = await (from s in db.Signups.AsNoTracking()
                            join v in db.Volunteers.AsNoTracking() on s.VolunteerId equals v.Id
                            where s.ActivityId == id && s.Status != SignupStatus.Cancelled
                            orderby s.Status, s.QueueNumber
                            select new RosterLine(s.Id, v.Id, v.DisplayName, v.Phone, s.Status.ToString().ToLower(), s.QueueNumber,
                                s.CheckedInAt, s.CheckedOutAt, s.CreditedMinutes == null ? null : s.CreditedMinutes / 60.0)).ToListAsync(ct);
        return Outcome<ActivityDetail>.Success(new ActivityDetail((await ActivityDtosAsync([a], ct))[0], roster));
    }

    public async Task<Outcome<ActivityDto>> CancelActivityAsync(int id, CancellationToken ct)
    {
        if (!IsManager) return Outcome<ActivityDto>.Fail(403, new("只有工作人员可以取消活动。", "Only staff may cancel activities."));
        var a = await db.Activities.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (a is null) return Outcome<ActivityDto>.NotFound();
        if (a.Cancelled || a.StartAt <= clock.GetUtcNow())
            return Outcome<ActivityDto>.Fail(409, new("活动已取消或已经开始。", "The activity is already cancelled or has started."));
        a.Cancelled = true;
        await db.SaveChangesAsync(ct);
        var people = await db.Signups.AsNoTracking().Where(s => s.ActivityId == id && s.Status != SignupStatus.Cancelled).Select(s => s.UserId).ToListAsync(ct);
        foreach (var p in people)
            await NotifySafelyAsync(p, new("活动取消", "Activity cancelled"), new($"“{a.Title}”（{DisplayTime.Format(a.StartAt)}）已取消。", $"'{a.Title}' on {DisplayTime.Format(a.StartAt)} is cancelled."), $"volunteers/activities/{id}", ct);
        return Outcome<ActivityDto>.Success((await ActivityDtosAsync([a], ct))[0]);
    }

    private async Task<IReadOnlyList<ActivityDto>> ActivityDtosAsync(IReadOnlyList<Activity> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return [];
        var ids = rows.Select(a => a.Id).ToList();
        var me = user.UserId ?? "";
        var waitlisted = await db.Signups.AsNoTracking().Where(s => ids.Contains(s.ActivityId) && s.Status == SignupStatus.Waitlisted)
            .GroupBy(s => s.ActivityId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var mine = await db.Signups.AsNoTracking().Where(s => ids.Contains(s.ActivityId) && s.UserId == me && s.Status != SignupStatus.Cancelled)
            .ToDictionaryAsync(s => s.ActivityId, s => s.CheckedOutAt != null ? "checked-out" : s.CheckedInAt != null ? "checked-in" : s.Status.ToString().ToLowerInvariant(), ct);
        return rows.Select(a => new ActivityDto(a.Id, a.Title, a.Description, a.Place, a.StartAt, a.EndAt, a.Capacity, a.Confirmed,
            waitlisted.GetValueOrDefault(a.Id), SplitCodes(a.Skills), a.SeriesId, a.Cancelled, mine.GetValueOrDefault(a.Id),
            IsManager ? a.CheckInCode : null)).ToList();
    }

    // ---------- sign-ups ----------

    /// <summary>
    /// Takes a place, or a place on the waitlist when the activity is full. The place count is read and changed inside one
    /// write transaction, so concurrent sign-ups never pass the capacity and none is lost.
    /// </summary>
    public async Task<Outcome<SignupResult>> SignUpAsync(int activityId, CancellationToken ct)
    {
        var (me, refused) = await ApprovedMeAsync<SignupResult>(ct);
        if (refused is not null) return refused;
        SignupResult result;
        await using (var tx = await db.BeginWriteAsync(ct))
        {
            // Read inside the write lock: the queue then follows the order places were taken, and the position told is the one stored.
            var now = clock.GetUtcNow();
            var a = await db.Activities.FirstOrDefaultAsync(x => x.Id == activityId, ct);
            if (a is null) return Outcome<SignupResult>.NotFound();
            if (a.Cancelled) return Outcome<SignupResult>.Fail(409, new("活动已取消。", "The activity is cancelled."));
            if (a.EndAt <= now) return Outcome<SignupResult>.Fail(409, new("活动已经结束了。", "The activity is over."));
            var signup = await db.Signups.FirstOrDefaultAsync(s => s.ActivityId == activityId && s.VolunteerId == me!.Id, ct)
                     ?? new Signup { ActivityId = activityId, VolunteerId = me!.Id, UserId = me.UserId, Status = SignupStatus.Cancelled };
            if (signup.Status != SignupStatus.Cancelled)
                return Outcome<SignupResult>.Success(await ResultAsync(signup, ct), 200); // already in: the same answer again
            if (signup.Id == 0) db.Signups.Add(signup);
            signup.SignedUpAt = now;
            // Strictly after everyone already queued, even within one clock tick (a re-join goes to the back).
            var last = await db.Signups.Where(s => s.ActivityId == activityId).MaxAsync(s => (long?)s.QueueNumber, ct) ?? 0;
            signup.QueueNumber = Math.Max(now.UtcTicks, last + 1);
            if (a.Confirmed < a.Capacity)
            {
                signup.Status = SignupStatus.Confirmed;
                a.Confirmed++;
            }
            else signup.Status = SignupStatus.Waitlisted;
            await db.SaveChangesAsync(ct);
            result = await ResultAsync(signup, ct);
            await tx.CommitAsync(ct);
        }
        return Outcome<SignupResult>.Success(result, 201);
    }

    private async Task<SignupResult> ResultAsync(Signup s, CancellationToken ct)
    {
        int? position = null;
        if (s.Status == SignupStatus.Waitlisted)
            position = await db.Signups.CountAsync(o => o.ActivityId == s.ActivityId && o.Status == SignupStatus.Waitlisted
                                                        && (o.QueueNumber < s.QueueNumber || (o.QueueNumber == s.QueueNumber && o.Id <= s.Id)), ct);
        return new SignupResult(s.Id, s.ActivityId, s.Status.ToString().ToLowerInvariant(), position);
    }

    /// <summary>Gives the place up; the first on the waitlist moves up at once, and is told.</summary>
    public async Task<Outcome<SignupResult>> CancelSignupAsync(int activityId, CancellationToken ct)
    {
        var me = await MeAsync(ct);
        if (me is null) return Outcome<SignupResult>.Fail(404, new("您没有报名这个活动。", "You are not signed up for this activity."));
        Signup? promoted = null;
        Activity? a;
        Signup? mine;
        await using (var tx = await db.BeginWriteAsync(ct))
        {
            a = await db.Activities.FirstOrDefaultAsync(x => x.Id == activityId, ct);
            if (a is null) return Outcome<SignupResult>.NotFound();
            mine = await db.Signups.FirstOrDefaultAsync(s => s.ActivityId == activityId && s.VolunteerId == me.Id && s.Status != SignupStatus.Cancelled, ct);
            if (mine is null) return Outcome<SignupResult>.Fail(404, new("您没有报名这个活动。", "You are not signed up for this activity."));
            if (mine.CheckedInAt is not null) return Outcome<SignupResult>.Fail(409, new("已经签到，不能取消报名。", "You have checked in; the sign-up can no longer be cancelled."));
            var wasConfirmed = mine.Status == SignupStatus.Confirmed;
            mine.Status = SignupStatus.Cancelled;
            if (wasConfirmed)
            {
                a.Confirmed--;
                if (a.StartAt > clock.GetUtcNow() && !a.Cancelled)
                {
                    promoted = await db.Signups.Where(s => s.ActivityId == activityId && s.Status == SignupStatus.Waitlisted)
                        .OrderBy(s => s.QueueNumber).ThenBy(s => s.Id).FirstOrDefaultAsync(ct);
                    if (promoted is not null)
                    {
                        promoted.Status = SignupStatus.Confirmed;
                        a.Confirmed++;
                    }
                }
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        if (promoted is not null)
            await NotifySafelyAsync(promoted.UserId, new("候补成功", "You have a place"),
                new($"有人取消了报名，您已从候补转为正式参加“{a.Title}”（{DisplayTime.Format(a.StartAt)}）。", $"Someone cancelled: you now have a place at '{a.Title}' on {DisplayTime.Format(a.StartAt)}."),
                $"volunteers/activities/{activityId}", ct);
        return Outcome<SignupResult>.Success(new SignupResult(mine.Id, activityId, "cancelled", null));
    }

    // ---------- attendance ----------

    /// <summary>
    /// Check-in by the volunteer with the code shown at the venue (from <c>checkInEarlyMinutes</c> before the start to
    /// the end), or by staff naming the volunteer (from the same time on).
    /// </summary>
    public async Task<Outcome<AttendanceResult>> CheckInAsync(int activityId, AttendanceInput input, CancellationToken ct)
    {
        var early = await settings.CheckInEarlyAsync(ct);
        var now = clock.GetUtcNow();
        await using var tx = await db.BeginWriteAsync(ct);
        var (a, s, error) = await AttendeeAsync(activityId, input, ct);
        if (error is not null) return error;
        if (now < a!.StartAt - early)
            return Outcome<AttendanceResult>.Fail(409, new($"还没到签到时间：活动开始前 {early.TotalMinutes:0} 分钟开放签到。", $"Check-in opens {early.TotalMinutes:0} minutes before the start."));
        if (input.VolunteerId is null && now > a.EndAt)
            return Outcome<AttendanceResult>.Fail(409, new("活动已结束，签到已关闭；请联系工作人员补登。", "The activity is over and check-in is closed; ask staff to record it."));
        if (s!.CheckedInAt is null)
        {
            // Staff recording attendance after the shift ended record it as from the start, so check-out credits the shift.
            s.CheckedInAt = input.VolunteerId is not null && now > a.EndAt ? a.StartAt : now;
            s.CheckedInBy = user.UserId;
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
        return Outcome<AttendanceResult>.Success(new AttendanceResult(s.Id, s.CheckedInAt, s.CheckedOutAt, s.CreditedMinutes / 60.0, null));
    }

    /// <summary>
    /// Check-out credits the hours: from check-in (not before the start) to check-out (not after the end), so never
    /// more than the shift's length; points at the centre's rate. Volunteers check out with the code until
    /// <c>checkOutLateMinutes</c> after the end; staff at any time.
    /// </summary>
    public async Task<Outcome<AttendanceResult>> CheckOutAsync(int activityId, AttendanceInput input, CancellationToken ct)
    {
        var late = await settings.CheckOutLateAsync(ct);
        var rate = await settings.PointsPerHourAsync(ct);
        var now = clock.GetUtcNow();
        await using var tx = await db.BeginWriteAsync(ct);
        var (a, s, error) = await AttendeeAsync(activityId, input, ct);
        if (error is not null) return error;
        if (s!.CheckedInAt is not { } checkedIn)
            return Outcome<AttendanceResult>.Fail(409, new("还没有签到，不能签退。", "Check in before checking out."));
        if (s.CheckedOutAt is not null)
            return Outcome<AttendanceResult>.Success(new AttendanceResult(s.Id, s.CheckedInAt, s.CheckedOutAt, s.CreditedMinutes / 60.0, null));
        if (input.VolunteerId is null && now > a!.EndAt + late)
            return Outcome<AttendanceResult>.Fail(409, new("签退时间已过，请联系工作人员补登。", "Check-out is closed; ask staff to record it."));
        var from = checkedIn > a!.StartAt ? checkedIn : a.StartAt;
        var to = now < a.EndAt ? now : a.EndAt;
        var minutes = (int)Math.Clamp(Math.Floor((to - from).TotalMinutes), 0, (a.EndAt - a.StartAt).TotalMinutes);
        s.CheckedOutAt = now;
        s.CreditedMinutes = minutes;
        var points = PointsFor(minutes, rate);
        if (minutes > 0)
            db.Ledger.Add(new LedgerEntry
            {
                VolunteerId = s.VolunteerId, Kind = LedgerKind.Credit, Minutes = minutes, Points = points, ActivityId = a.Id,
                Reason = $"活动：{a.Title}", At = now, Month = MonthOf(a.StartAt), By = user.UserId,
            });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome<AttendanceResult>.Success(new AttendanceResult(s.Id, s.CheckedInAt, s.CheckedOutAt, minutes / 60.0, points));
    }

    internal static int PointsFor(int minutes, int ratePerHour) => (int)Math.Round(minutes * ratePerHour / 60.0, MidpointRounding.AwayFromZero);

    private async Task<(Activity? Activity, Signup? Signup, Outcome<AttendanceResult>? Error)> AttendeeAsync(int activityId, AttendanceInput input, CancellationToken ct)
    {
        var a = await db.Activities.FirstOrDefaultAsync(x => x.Id == activityId, ct);
        if (a is null) return (null, null, Outcome<AttendanceResult>.NotFound());
        if (a.Cancelled) return (null, null, Outcome<AttendanceResult>.Fail(409, new("活动已取消。", "The activity is cancelled.")));
        Signup? s;
        if (input.VolunteerId is { } volunteerId)
        {
            if (!IsManager) return (null, null, Outcome<AttendanceResult>.Fail(403, new("只有工作人员可以替别人签到签退；请输入现场签到码。", "Only staff may check others in or out; enter the code shown at the venue.")));
            s = await db.Signups.FirstOrDefaultAsync(x => x.ActivityId == activityId && x.VolunteerId == volunteerId && x.Status == SignupStatus.Confirmed, ct);
            if (s is null) return (null, null, Outcome<AttendanceResult>.Invalid("volunteerId", new("这位志愿者没有这个活动的正式名额。", "This volunteer has no confirmed place at this activity.")));
            return (a, s, null);
        }
        var code = input.Code?.Trim() ?? "";
        if (code.Length == 0) return (null, null, Outcome<AttendanceResult>.Invalid("code", new("请输入现场显示的签到码。", "Enter the code shown at the venue.")));
        if (!CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(code), System.Text.Encoding.ASCII.GetBytes(a.CheckInCode)))
            return (null, null, Outcome<AttendanceResult>.Invalid("code", new("签到码不对，请再看一下现场的签到码。", "That code is not right; check the code shown at the venue.")));
        var me = await MeAsync(ct);
        s = me is null ? null : await db.Signups.FirstOrDefaultAsync(x => x.ActivityId == activityId && x.VolunteerId == me.Id, ct);
        if (s is null || s.Status == SignupStatus.Cancelled)
            return (null, null, Outcome<AttendanceResult>.Fail(409, new("您没有报名这个活动。", "You are not signed up for this activity.")));
        if (s.Status == SignupStatus.Waitlisted)
            return (null, null, Outcome<AttendanceResult>.Fail(409, new("您还在候补名单上，请找工作人员确认。", "You are on the waitlist; ask staff at the venue.")));
        return (a, s, null);
    }
}
