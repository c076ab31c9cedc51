using HappyCommunity.Modules.Volunteers.Data;
using HappyCommunity.PluginSdk;
using Microsoft.EntityFrameworkCore;

namespace HappyCommunity.Modules.Volunteers.Features;

public sealed partial class VolunteerService
{
    // ---------- the hours ledger ----------

    public async Task<Outcome<HoursDto>> HoursAsync(int? volunteerId, CancellationToken ct)
    {
        Volunteer? v;
        if (volunteerId is { } id)
        {
            v = await db.Volunteers.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
            if (v is null) return Outcome<HoursDto>.NotFound();
            if (!IsManager && v.UserId != user.UserId)
                return Outcome<HoursDto>.Fail(403, new("只能查看自己的服务时长。", "You may see only your own hours."));
        }
        else
        {
            v = await MeAsync(ct);
            if (v is null) return Outcome<HoursDto>.Fail(404, new("您还不是志愿者。", "You are not a volunteer yet."));
        }
        var lines = await db.Ledger.AsNoTracking().Where(l => l.VolunteerId == v.Id).OrderByDescending(l => l.Id).ToListAsync(ct);
        var byMonth = lines.GroupBy(l => l.Month).OrderByDescending(g => g.Key)
            .Select(g => new MonthTotal(g.Key, g.Sum(l => l.Minutes) / 60.0, g.Sum(l => l.Points))).ToList();
        return Outcome<HoursDto>.Success(new HoursDto(v.Id, v.DisplayName, lines.Sum(l => l.Minutes) / 60.0, lines.Sum(l => l.Points), byMonth,
            lines.Take(200).Select(ToLine).ToList()));
    }

    private static LedgerLine ToLine(LedgerEntry l) =>
        new(l.Id, l.Kind.ToString().ToLowerInvariant(), l.Minutes / 60.0, l.Points, l.Reason, l.At, l.Month, l.ReversesId);

    /// <summary>
    /// Staff correct the ledger by adding a line, never by editing one: an adjustment (hours and/or points, with a
    /// reason), or the exact reversal of an earlier line (at most once). Neither may take hours or points below zero.
    /// </summary>
    public async Task<Outcome<LedgerLine>> AdjustAsync(int volunteerId, AdjustmentInput input, CancellationToken ct)
    {
        if (!IsManager) return Outcome<LedgerLine>.Fail(403, new("只有工作人员可以调整时长和积分。", "Only staff may adjust hours and points."));
        var reason = input.Reason?.Trim() ?? "";
        if (reason.Length is < 2 or > 300) return Outcome<LedgerLine>.Invalid("reason", new("请写明调整原因（2–300 字）。", "Say why (2–300 characters)."));
        var rate = await settings.PointsPerHourAsync(ct);
        await using var tx = await db.BeginWriteAsync(ct);
        if (!await db.Volunteers.AnyAsync(v => v.Id == volunteerId, ct)) return Outcome<LedgerLine>.NotFound();
        LedgerEntry line;
        if (input.ReverseEntryId is { } reverseId)
        {
            var original = await db.Ledger.AsNoTracking().FirstOrDefaultAsync(l => l.Id == reverseId && l.VolunteerId == volunteerId, ct);
            if (original is null) return Outcome<LedgerLine>.Invalid("reverseEntryId", new("这位志愿者没有这条记录。", "This volunteer has no such ledger line."));
            if (original.Kind is LedgerKind.Reversal or LedgerKind.Redemption)
                return Outcome<LedgerLine>.Invalid("reverseEntryId", new("冲销和兑换记录不能再冲销；兑换请在兑换记录里退回。", "A reversal or a redemption cannot be reversed here; reject the redemption instead."));
            if (await db.Ledger.AnyAsync(l => l.ReversesId == reverseId, ct))
                return Outcome<LedgerLine>.Fail(409, new("这条记录已经冲销过了。", "That line was already reversed."));
            line = new LedgerEntry { Kind = LedgerKind.Reversal, Minutes = -original.Minutes, Points = -original.Points, ReversesId = original.Id };
        }
        else
        {
            if (input.Hours is null && input.Points is null)
                return Outcome<LedgerLine>.Invalid("hours", new("请填写要调整的时长或积分。", "Give the hours or points to adjust by."));
            if (input.Hours is { } h && (double.IsNaN(h) || Math.Abs(h) > 100))
                return Outcome<LedgerLine>.Invalid("hours", new("一次调整不超过 100 小时。", "Adjust by at most 100 hours at a time."));
            if (input.Points is { } p && Math.Abs(p) > 100_000)
                return Outcome<LedgerLine>.Invalid("points", new("一次调整不超过 100000 积分。", "Adjust by at most 100,000 points at a time."));
            var minutes = (int)Math.Round((input.Hours ?? 0) * 60);
            line = new LedgerEntry { Kind = LedgerKind.Adjustment, Minutes = minutes, Points = input.Points ?? PointsFor(minutes, rate) };
        }
        var balance = await BalanceAsync(volunteerId, ct);
        if (balance.Minutes + line.Minutes < 0) return Outcome<LedgerLine>.Fail(409, new("调整后服务时长会小于零。", "That would take the hours below zero."));
        if (balance.Points + line.Points < 0) return Outcome<LedgerLine>.Fail(409, new("调整后积分会小于零（可能已被兑换）。", "That would take the points below zero (they may have been spent)."));
        var now = clock.GetUtcNow();
        line.VolunteerId = volunteerId;
        line.Reason = reason;
        line.At = now;
        line.Month = MonthOf(now);
        line.By = user.UserId;
        db.Ledger.Add(line);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome<LedgerLine>.Success(ToLine(line), 201);
    }

    private async Task<(int Minutes, int Points)> BalanceAsync(int volunteerId, CancellationToken ct)
    {
        var sums = await db.Ledger.Where(l => l.VolunteerId == volunteerId).GroupBy(l => 1)
            .Select(g => new { Minutes = g.Sum(l => l.Minutes), Points = g.Sum(l => l.Points) }).FirstOrDefaultAsync(ct);
        return (sums?.Minutes ?? 0, sums?.Points ?? 0);
    }

    /// <summary>Hours and points per month: for this centre, or (district admins) for every centre with the module on.</summary>
    public async Task<Outcome<TotalsDto>> TotalsAsync(bool district, IReadOnlyList<int> districtCentres, CancellationToken ct)
    {
        if (!IsManager && !(district && user.Roles.Contains(Roles.DistrictAdmin)))
            return Outcome<TotalsDto>.Fail(403, new("只有工作人员可以查看汇总。", "Only staff may see the totals."));
        if (district && !user.Roles.Contains(Roles.DistrictAdmin))
            return Outcome<TotalsDto>.Fail(403, new("全区汇总只有区级管理员可以查看。", "Only district admins may see the district's totals."));
        var ledger = district ? db.Ledger.IgnoreQueryFilters().Where(l => districtCentres.Contains(l.CentreId)) : db.Ledger;
        var months = await ledger.AsNoTracking().GroupBy(l => l.Month)
            .Select(g => new { Month = g.Key, Minutes = g.Sum(l => l.Minutes), Points = g.Sum(l => l.Points) })
            .OrderByDescending(m => m.Month).Take(36).ToListAsync(ct);
        var volunteers = district
            ? await db.Volunteers.IgnoreQueryFilters().CountAsync(v => districtCentres.Contains(v.CentreId) && v.Status == VolunteerStatus.Approved, ct)
            : await db.Volunteers.CountAsync(v => v.Status == VolunteerStatus.Approved, ct);
        return Outcome<TotalsDto>.Success(new TotalsDto(district ? "district" : Centre.Slug,
            months.Select(m => new MonthTotal(m.Month, m.Minutes / 60.0, m.Points)).ToList(),
            months.Sum(m => m.Minutes) / 60.0, months.Sum(m => m.Points), volunteers));
    }

    // ---------- rewards ----------

    public async Task<IReadOnlyList<RewardDto>> RewardsAsync(CancellationToken ct)
    {
        var q = db.Rewards.AsNoTracking();
        if (!IsManager) q = q.Where(r => r.Active);
        return await q.OrderBy(r => r.PointCost).Select(r => new RewardDto(r.Id, r.Name, r.Description, r.PointCost, r.Stock, r.Active)).ToListAsync(ct);
    }

    public async Task<Outcome<RewardDto>> SaveRewardAsync(int? id, RewardInput input, CancellationToken ct)
    {
        if (!IsManager) return Outcome<RewardDto>.Fail(403, new("只有工作人员可以管理兑换品。", "Only staff may manage rewards."));
        Reward? r = null;
        if (id is { } rid)
        {
            r = await db.Rewards.FirstOrDefaultAsync(x => x.Id == rid, ct);
            if (r is null) return Outcome<RewardDto>.NotFound();
        }
        var name = input.Name?.Trim() ?? r?.Name ?? "";
        if (name.Length is < 1 or > 60) return Outcome<RewardDto>.Invalid("name", new("请填写兑换品名称（60 字以内）。", "Name the reward (up to 60 characters)."));
        var cost = input.PointCost ?? r?.PointCost ?? 0;
        if (cost is < 1 or > 1_000_000) return Outcome<RewardDto>.Invalid("pointCost", new("所需积分请填 1 到 1000000。", "The point cost is 1 to 1,000,000."));
        var stock = input.Stock ?? r?.Stock ?? 0;
        if (stock is < 0 or > 100_000) return Outcome<RewardDto>.Invalid("stock", new("库存请填 0 到 100000。", "The stock is 0 to 100,000."));
        var description = input.Description?.Trim() ?? r?.Description ?? "";
        if (description.Length > 400) return Outcome<RewardDto>.Invalid("description", new("说明请写在 400 字以内。", "Keep the description under 400 characters."));
        if (r is null)
        {
            r = new Reward();
            db.Rewards.Add(r);
        }
        r.Name = name;
        r.PointCost = cost;
        r.Stock = stock;
        r.Description = description;
        r.Active = input.Active ?? r.Active;
        await db.SaveChangesAsync(ct);
        return Outcome<RewardDto>.Success(new RewardDto(r.Id, r.Name, r.Description, r.PointCost, r.Stock, r.Active), id is null ? 201 : 200);
    }

    /// <summary>
    /// Spends the points and takes one from the stock at once (so neither can be promised twice), in one write
    /// transaction that reads the balance and the stock inside it; staff then hand the item over and confirm, or reject
    /// and the points and the item go back.
    /// </summary>
    public async Task<Outcome<RedemptionDto>> RedeemAsync(int rewardId, CancellationToken ct)
    {
        var (me, refused) = await ApprovedMeAsync<RedemptionDto>(ct);
        if (refused is not null) return refused;
        var now = clock.GetUtcNow();
        await using var tx = await db.BeginWriteAsync(ct);
        var reward = await db.Rewards.FirstOrDefaultAsync(r => r.Id == rewardId && r.Active, ct);
        if (reward is null) return Outcome<RedemptionDto>.NotFound();
        if (reward.Stock <= 0) return Outcome<RedemptionDto>.Fail(409, new("这件兑换品已经兑完了。", "This reward is out of stock."));
        var (_, points) = await BalanceAsync(me!.Id, ct);
        if (points < reward.PointCost)
            return Outcome<RedemptionDto>.Fail(409, new($"积分不够：需要 {reward.PointCost}，您有 {points}。", $"Not enough points: it needs {reward.PointCost}, you have {points}."));
        reward.Stock--;
        var redemption = new Redemption { RewardId = reward.Id, VolunteerId = me.Id, Points = reward.PointCost, Status = RedemptionStatus.Requested, RequestedAt = now };
        db.Redemptions.Add(redemption);
        await db.SaveChangesAsync(ct);
        db.Ledger.Add(new LedgerEntry
        {
            VolunteerId = me.Id, Kind = LedgerKind.Redemption, Minutes = 0, Points = -reward.PointCost, RedemptionId = redemption.Id,
            Reason = $"兑换：{reward.Name}", At = now, Month = MonthOf(now), By = user.UserId,
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await NotifyRoleSafelyAsync(Roles.Staff, new("积分兑换待确认", "A redemption to hand over"),
            new($"{me.DisplayName} 兑换“{reward.Name}”，请发放后确认。", $"{me.DisplayName} redeemed '{reward.Name}'; hand it over and confirm."), "volunteers/manage", ct);
        return Outcome<RedemptionDto>.Success(new RedemptionDto(redemption.Id, reward.Id, reward.Name, me.Id, me.DisplayName, redemption.Points, "requested", now), 201);
    }

    public async Task<IReadOnlyList<RedemptionDto>> RedemptionsAsync(bool all, CancellationToken ct)
    {
        var me = await MeAsync(ct);
        var q = from d in db.Redemptions.AsNoTracking()
                join r in db.Rewards.AsNoTracking() on d.RewardId equals r.Id
                join v in db.Volunteers.AsNoTracking() on d.VolunteerId equals v.Id
                select new { d, r.Name, v.DisplayName };
        if (!(all && IsManager)) q = q.Where(x => x.d.VolunteerId == (me == null ? -1 : me.Id));
        var rows = await q.OrderByDescending(x => x.d.Id).Take(200).ToListAsync(ct);
        return rows.Select(x => new RedemptionDto(x.d.Id, x.d.RewardId, x.Name, x.d.VolunteerId, x.DisplayName, x.d.Points,
            x.d.Status.ToString().ToLowerInvariant(), x.d.RequestedAt)).ToList();
    }

    public async Task<Outcome<RedemptionDto>> DecideRedemptionAsync(int id, bool confirm, CancellationToken ct)
    {
        if (!IsManager) return Outcome<RedemptionDto>.Fail(403, new("只有工作人员可以确认兑换。", "Only staff may confirm redemptions."));
        var now = clock.GetUtcNow();
        await using var tx = await db.BeginWriteAsync(ct);
        var d = await db.Redemptions.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (d is null) return Outcome<RedemptionDto>.NotFound();
        if (d.Status != RedemptionStatus.Requested) return Outcome<RedemptionDto>.Fail(409, new("这笔兑换已经处理过了。", "This redemption was already handled."));
        var reward = await db.Rewards.FirstAsync(r => r.Id == d.RewardId, ct);
        var v = await db.Volunteers.FirstAsync(x => x.Id == d.VolunteerId, ct);
        d.Status = confirm ? RedemptionStatus.Confirmed : RedemptionStatus.Rejected;
        d.DecidedAt = now;
        d.DecidedBy = user.UserId;
        if (!confirm)
        {
            reward.Stock++;
            var spent = await db.Ledger.FirstAsync(l => l.RedemptionId == d.Id && l.Kind == LedgerKind.Redemption, ct);
            db.Ledger.Add(new LedgerEntry
            {
                VolunteerId = d.VolunteerId, Kind = LedgerKind.Reversal, Minutes = 0, Points = d.Points, RedemptionId = d.Id, ReversesId = spent.Id,
                Reason = $"兑换退回：{reward.Name}", At = now, Month = MonthOf(now), By = user.UserId,
            });
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await NotifySafelyAsync(v.UserId, confirm ? new("兑换已发放", "Reward handed over") : new("兑换已退回", "Redemption returned"),
            confirm ? new($"“{reward.Name}”已发放。", $"'{reward.Name}' was handed over.") : new($"“{reward.Name}”未能发放，{d.Points} 积分已退回。", $"'{reward.Name}' could not be handed over; {d.Points} points are back."),
            "volunteers/rewards", ct);
        return Outcome<RedemptionDto>.Success(new RedemptionDto(d.Id, reward.Id, reward.Name, v.Id, v.DisplayName, d.Points, d.Status.ToString().ToLowerInvariant(), d.RequestedAt));
    }
}
