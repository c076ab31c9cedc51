using System.Collections.Concurrent;
using HappyCommunity.Modules.Volunteers.Data;
using HappyCommunity.PluginSdk;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace HappyCommunity.Modules.Volunteers.Features;

/// <summary>
/// Everything that changes volunteering: applications, activities and sign-ups, attendance, the ledger, rewards and
/// help tasks. The API and the pages both come through here. Every change that must hold under concurrency (a place
/// taken, points spent, a task claimed) runs in one write transaction (SQLite's <c>BEGIN IMMEDIATE</c>), and reads
/// what it checks inside it.
/// </summary>
public sealed partial class VolunteerService(
    VolunteersDbContext db, ICentreContext centre, ICurrentUser user, INotifier notifier, VolunteerSettings settings,
    TimeProvider clock, ILogger<VolunteerService> logger)
{
    private CentreInfo Centre => centre.RequiredCentre;

    public bool IsManager => user.HasPermission(VolunteersPermissions.Manage);

    public string? UserId => user.UserId;

    public static readonly (string Code, string Zh, string En)[] DefaultSkills =
    [
        ("repair", "小修小补", "Small repairs"),
        ("companionship", "陪伴聊天", "Companionship"),
        ("meals", "助餐送餐", "Meals"),
        ("haircut", "理发", "Haircuts"),
        ("health", "健康照护", "Health care"),
        ("digital", "教用手机电脑", "Phones and computers"),
        ("errands", "跑腿代办", "Errands"),
        ("arts", "文艺活动", "Arts and culture"),
    ];

    // ---------- skills and the centre's first use ----------

    private static readonly ConcurrentDictionary<string, ConcurrentDictionary<int, bool>> SetUpByStore = new();

    public async Task EnsureSetupAsync(CancellationToken ct)
    {
        var known = SetUpByStore.GetOrAdd(db.Database.GetConnectionString() ?? "", _ => new());
        if (known.ContainsKey(Centre.Id)) return;
        await using (var tx = await db.BeginWriteAsync(ct))
        {
            if (!await db.Setups.AnyAsync(ct))
            {
                foreach (var (code, zh, en) in DefaultSkills)
                    db.Skills.Add(new Skill { Code = code, NameZh = zh, NameEn = en });
                db.Setups.Add(new CentreSetup { SeededAt = clock.GetUtcNow() });
                await db.SaveChangesAsync(ct);
            }
            await tx.CommitAsync(ct);
        }
        known.TryAdd(Centre.Id, true);
    }

    public async Task<IReadOnlyList<SkillDto>> SkillsAsync(CancellationToken ct)
    {
        await EnsureSetupAsync(ct);
        return await db.Skills.AsNoTracking().OrderBy(s => s.Id).Select(s => new SkillDto(s.Code, s.NameZh, s.NameEn)).ToListAsync(ct);
    }

    public async Task<Outcome<SkillDto>> AddSkillAsync(SkillInput input, CancellationToken ct)
    {
        if (!IsManager) return Outcome<SkillDto>.Fail(403, new("只有工作人员可以编辑技能列表。", "Only staff may edit the skill list."));
        await EnsureSetupAsync(ct);
        var code = input.Code?.Trim().ToLowerInvariant() ?? "";
        if (code.Length is < 2 or > 40 || !code.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            return Outcome<SkillDto>.Invalid("code", new("代码用 2–40 个英文字母、数字或连字符。", "The code is 2–40 letters, digits or hyphens."));
        var zh = input.NameZh?.Trim() ?? "";
        if (zh.Length is < 1 or > 40) return Outcome<SkillDto>.Invalid("nameZh", new("请填写技能名称（40 字以内）。", "Give the skill a name (up to 40 characters)."));
        if (await db.Skills.AnyAsync(s => s.Code == code, ct))
            return Outcome<SkillDto>.Fail(409, new("已有这个技能。", "That skill is already on the list."));
        var skill = new Skill { Code = code, NameZh = zh, NameEn = input.NameEn?.Trim() };
        db.Skills.Add(skill);
        await db.SaveChangesAsync(ct);
        return Outcome<SkillDto>.Success(new SkillDto(skill.Code, skill.NameZh, skill.NameEn), 201);
    }

    public async Task<Outcome<bool>> RemoveSkillAsync(string code, CancellationToken ct)
    {
        if (!IsManager) return Outcome<bool>.Fail(403, new("只有工作人员可以编辑技能列表。", "Only staff may edit the skill list."));
        var skill = await db.Skills.FirstOrDefaultAsync(s => s.Code == code, ct);
        if (skill is null) return Outcome<bool>.Fail(404, new("没有这个技能。", "There is no such skill."));
        db.Skills.Remove(skill);
        await db.SaveChangesAsync(ct);
        return Outcome<bool>.Success(true, 204);
    }

    private async Task<(IReadOnlyList<string> Codes, Outcome<T>? Error)> CheckSkillsAsync<T>(IReadOnlyList<string>? skills, CancellationToken ct)
    {
        var wanted = (skills ?? []).Select(s => s.Trim().ToLowerInvariant()).Where(s => s.Length > 0).Distinct().ToList();
        if (wanted.Count == 0) return ([], null);
        await EnsureSetupAsync(ct);
        var known = await db.Skills.AsNoTracking().Select(s => s.Code).ToListAsync(ct);
        var unknown = wanted.Except(known).ToList();
        return unknown.Count > 0
            ? (wanted, Outcome<T>.Invalid("skills", new($"技能列表里没有：{string.Join("、", unknown)}。", $"Not on the centre's skill list: {string.Join(", ", unknown)}.")))
            : (wanted, null);
    }

    internal static IReadOnlyList<string> SplitCodes(string codes) => codes.Length == 0 ? [] : codes.Split(',');

    // ---------- volunteers ----------

    public Task<Volunteer?> MeAsync(CancellationToken ct)
    {
        var id = user.UserId ?? "";
        return db.Volunteers.FirstOrDefaultAsync(v => v.UserId == id, ct);
    }

    private async Task<(Volunteer? Volunteer, Outcome<T>? Error)> ApprovedMeAsync<T>(CancellationToken ct)
    {
        var me = await MeAsync(ct);
        return me switch
        {
            null => (null, Outcome<T>.Fail(403, new("请先申请成为志愿者。", "Apply to volunteer first."))),
            { Status: VolunteerStatus.Pending } => (null, Outcome<T>.Fail(403, new("您的志愿者申请还在审核中。", "Your application is still being reviewed."))),
            { Status: VolunteerStatus.Declined } => (null, Outcome<T>.Fail(403, new("您的志愿者申请未通过，可以重新申请。", "Your application was declined; you may apply again."))),
            _ => (me, null),
        };
    }

    public static VolunteerDto ToDto(Volunteer v) => new(v.Id, v.UserId, v.DisplayName, v.Phone, SplitCodes(v.Skills), v.Availability,
        v.Status.ToString().ToLowerInvariant(), v.DecisionNote, v.CreatedAt);

    public async Task<Outcome<VolunteerDto>> ApplyAsync(ApplicationInput input, CancellationToken ct)
    {
        var phone = input.Phone?.Trim() ?? "";
        if (phone.Length is < 5 or > 30 || !phone.All(c => char.IsDigit(c) || c is '-' or '+' or ' '))
            return Outcome<VolunteerDto>.Invalid("phone", new("请填写能联系到您的电话号码（只含数字）。", "Give a phone number we can reach you on (digits only)."));
        var availability = input.Availability?.Trim() ?? "";
        if (availability.Length > 200)
            return Outcome<VolunteerDto>.Invalid("availability", new("空闲时间请写在 200 字以内。", "Keep the availability under 200 characters."));
        var (skills, error) = await CheckSkillsAsync<VolunteerDto>(input.Skills, ct);
        if (error is not null) return error;

        var me = await MeAsync(ct);
        if (me is { Status: VolunteerStatus.Approved })
            return Outcome<VolunteerDto>.Fail(409, new("您已经是本中心的志愿者了。", "You are already a volunteer of this centre."));
        var name = input.DisplayName?.Trim() is { Length: > 0 and <= 100 } given ? given : user.DisplayName ?? "志愿者";
        if (me is null)
        {
            me = new Volunteer { UserId = user.UserId!, Status = VolunteerStatus.Pending };
            db.Volunteers.Add(me);
        }
        me.DisplayName = name;
        me.Phone = phone;
        me.Skills = string.Join(',', skills);
        me.Availability = availability;
        me.Status = VolunteerStatus.Pending;
        me.DecisionNote = null;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two applications at the same instant: the other one is stored; this one is the same person's.
            return Outcome<VolunteerDto>.Fail(409, new("申请已提交，请勿重复提交。", "Your application is already in."));
        }
        await NotifyRoleSafelyAsync(Roles.Staff, new("新的志愿者申请", "A new volunteer application"),
            new($"{name} 申请成为志愿者，请审核。", $"{name} applied to volunteer; please review."), "volunteers/manage", ct);
        return Outcome<VolunteerDto>.Success(ToDto(me), 201);
    }

    public async Task<Outcome<VolunteerDto>> DecideAsync(int id, bool approve, string? note, CancellationToken ct)
    {
        if (!IsManager) return Outcome<VolunteerDto>.Fail(403, new("只有工作人员可以审核申请。", "Only staff may review applications."));
        var v = await db.Volunteers.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (v is null) return Outcome<VolunteerDto>.NotFound();
        if (v.Status != VolunteerStatus.Pending)
            return Outcome<VolunteerDto>.Fail(409, new("这份申请已经审核过了。", "This application was already decided."));
        if (!approve && string.IsNullOrWhiteSpace(note))
            return Outcome<VolunteerDto>.Invalid("note", new("不通过时请写明原因，申请人会看到。", "Say why when declining; the applicant will see it."));
        v.Status = approve ? VolunteerStatus.Approved : VolunteerStatus.Declined;
        v.DecisionNote = note?.Trim() is { Length: > 0 } n ? (n.Length > 300 ? n[..300] : n) : null;
        v.DecidedAt = clock.GetUtcNow();
        v.DecidedBy = user.UserId;
        await db.SaveChangesAsync(ct);
        await NotifySafelyAsync(v.UserId, approve ? new("志愿者申请已通过", "You are now a volunteer") : new("志愿者申请未通过", "Your volunteer application was declined"),
            approve ? new("欢迎加入！现在可以报名参加活动、领取求助任务了。", "Welcome! You can now sign up for activities and take help tasks.")
                : new($"原因：{v.DecisionNote}", $"Why: {v.DecisionNote}"), "volunteers", ct);
        return Outcome<VolunteerDto>.Success(ToDto(v));
    }

    public async Task<Outcome<IReadOnlyList<VolunteerDto>>> ListVolunteersAsync(VolunteerStatus? status, CancellationToken ct)
    {
        if (!IsManager) return Outcome<IReadOnlyList<VolunteerDto>>.Fail(403, new("只有工作人员可以查看志愿者名单。", "Only staff may list volunteers."));
        var q = db.Volunteers.AsNoTracking();
        if (status is { } s) q = q.Where(v => v.Status == s);
        var rows = await q.OrderBy(v => v.Status).ThenBy(v => v.Id).Take(1000).ToListAsync(ct);
        return Outcome<IReadOnlyList<VolunteerDto>>.Success(rows.Select(ToDto).ToList());
    }

    public async Task<VolunteerCard> CardAsync(CancellationToken ct)
    {
        var me = await MeAsync(ct);
        if (me is null) return new VolunteerCard(null, 0, 0, [], 0);
        var totals = await db.Ledger.AsNoTracking().Where(l => l.VolunteerId == me.Id)
            .GroupBy(l => 1).Select(g => new { Minutes = g.Sum(l => l.Minutes), Points = g.Sum(l => l.Points) }).FirstOrDefaultAsync(ct);
        var now = clock.GetUtcNow();
        var upcoming = await db.Activities.AsNoTracking()
            .Where(a => a.EndAt > now && !a.Cancelled && db.Signups.Any(s => s.ActivityId == a.Id && s.VolunteerId == me.Id && s.Status != SignupStatus.Cancelled))
            .OrderBy(a => a.StartAt).Take(10).ToListAsync(ct);
        var open = me.Status == VolunteerStatus.Approved ? await db.HelpTasks.CountAsync(h => h.Status == HelpTaskStatus.Open && h.ClaimBy > now, ct) : 0;
        return new VolunteerCard(ToDto(me), (totals?.Minutes ?? 0) / 60.0, totals?.Points ?? 0, await ActivityDtosAsync(upcoming, ct), open);
    }

    // ---------- notices: never undo what was stored ----------

    private async Task NotifySafelyAsync(string userId, LocalizedText title, LocalizedText body, string path, CancellationToken ct)
    {
        try
        {
            await notifier.NotifyAsync(userId, new NotificationMessage(title, body, $"/c/{Centre.Slug}/{path}"), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "A volunteers notice to {UserId} failed", userId);
        }
    }

    private async Task NotifyRoleSafelyAsync(string role, LocalizedText title, LocalizedText body, string path, CancellationToken ct)
    {
        try
        {
            await notifier.NotifyRoleAsync(role, new NotificationMessage(title, body, $"/c/{Centre.Slug}/{path}"), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "A volunteers notice to {Role} failed", role);
        }
    }

    internal static int MonthOf(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, DisplayTime.Zone);
        return local.Year * 100 + local.Month;
    }
}
