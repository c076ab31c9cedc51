using System.Globalization;
using HappyCommunity.Modules.Repair.Data;
using HappyCommunity.Modules.Repair.Domain;
using HappyCommunity.PluginSdk;
using Microsoft.EntityFrameworkCore;

namespace HappyCommunity.Modules.Repair.Features;

/// <summary>
/// Small jobs for residents who need extra care go to the centre's volunteers first, through the SDK's help events
/// (never by referencing the Volunteers module): <see cref="HelpRequested"/> out; claimed, completed or expired back.
/// Property staff take over when nobody claims it in time, when the volunteer does not finish in time, or when the
/// Volunteers module is off or silent.
/// </summary>
public sealed partial class RepairService
{
    /// <summary>The module id of the volunteers module that answers help requests.</summary>
    public const string VolunteersModule = "volunteers";

    /// <summary>How long after a help deadline Repair waits for the Volunteers module's answer before taking the job back.</summary>
    public static readonly TimeSpan HelpGrace = TimeSpan.FromMinutes(15);

    private bool VolunteersOn => scopes.CentresWithModule(VolunteersModule).Any(c => c.Id == Centre.Id);

    /// <summary>A volunteer-eligible category, a resident needing extra care, and Volunteers on in this centre.</summary>
    private bool GoesToVolunteers(CatalogCategory? category, bool vulnerable) => category is { VolunteerEligible: true } && vulnerable && VolunteersOn;

    /// <summary>
    /// Puts the request with the volunteers (the caller saves it first, so it has its id). Volunteers get half the
    /// response time to claim it and half the resolution time to finish, so staff still have the other half.
    /// </summary>
    private void OfferToVolunteers(RepairRequest r, CatalogCategory category, DateTimeOffset now)
    {
        var claimBy = now + (r.ResponseDueAt - now) / 2;
        var doneBy = now + (r.ResolutionDueAt - now) / 2;
        r.Status = RequestStatus.WithVolunteer;
        r.HelpFallbackAt = claimBy + HelpGrace;
        r.Version++;
        r.DispatchReasonZh = $"“{category.NameZh}”可由志愿者帮忙，居民需要关照：先请社区志愿者，{DisplayTime.Format(claimBy)} 前无人领取则转物业人员。";
        r.DispatchReasonEn = $"'{category.Name.Current}' can be done by volunteers for a resident needing care: offered to volunteers first; property staff take over if nobody claims it by {DisplayTime.Format(claimBy)}.";
        AddTimeline(r, "with-volunteer", new("已请社区志愿者上门帮忙", "Offered to the centre's volunteers"), false, now, SystemActor);
        AddTimeline(r, "dispatch-reason", new(r.DispatchReasonZh, r.DispatchReasonEn), true, now, SystemActor);
        db.Publish(new HelpRequested
        {
            SourceModule = RepairSettings.Module,
            SourceRef = r.Id.ToString(CultureInfo.InvariantCulture),
            Title = new($"{category.NameZh}：{Shorten(r.Description)}", $"{category.NameEn ?? category.NameZh}: {Shorten(r.Description)}"),
            Details = r.Description,
            Place = r.Building is null ? r.LocationText : Locations.Describe(r.Building, null, null, null),
            PrivateDetails = $"{Locations.Describe(r.Building, r.Unit, r.Room, r.LocationText)} · {r.ContactName} {r.ContactPhone}".Trim(),
            Skills = ["repair"],
            EstimatedHours = 1,
            ClaimBy = claimBy,
            DoneBy = doneBy,
            Link = $"/c/{Centre.Slug}/repair/requests/{r.Id}",
        });
    }

    /// <summary>Tells the Volunteers module the job is no longer theirs (cancelled, rejected, taken back by staff).</summary>
    private void WithdrawHelp(RepairRequest r)
    {
        r.HelpFallbackAt = null;
        db.Publish(new HelpWithdrawn { SourceModule = RepairSettings.Module, SourceRef = r.Id.ToString(CultureInfo.InvariantCulture) });
    }

    /// <summary>Hands the request to property staff: dispatched as any new request would be.</summary>
    private async Task<DispatchDecision> FallBackToStaffAsync(RepairRequest r, LocalizedText why, DateTimeOffset now, CancellationToken ct)
    {
        r.HelpFallbackAt = null;
        AddTimeline(r, "volunteer-fallback", why, false, now, SystemActor);
        return await DispatchAsync(r, null, now, ct);
    }

    private async Task<RepairRequest?> HelpedRequestAsync(string sourceModule, string sourceRef, CancellationToken ct) =>
        sourceModule == RepairSettings.Module && int.TryParse(sourceRef, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? await db.Requests.FirstOrDefaultAsync(r => r.Id == id, ct)
            : null;

    /// <summary>A volunteer took the job: that is the response; the resident hears who is coming.</summary>
    public async Task OnHelpClaimedAsync(HelpTaskClaimed e, CancellationToken ct)
    {
        var r = await HelpedRequestAsync(e.SourceModule, e.SourceRef, ct);
        if (r is null) return;
        if (r.Status != RequestStatus.WithVolunteer)
        {
            // Taken back or closed meanwhile; a withdrawal sent while Volunteers was off never arrived: say it again.
            WithdrawHelp(r);
            await SaveAsync(ct);
            return;
        }
        var now = clock.GetUtcNow();
        r.VolunteerName = e.VolunteerName;
        r.AcceptedAt ??= now;
        r.HelpFallbackAt = now + (r.ResolutionDueAt - now) / 2 + HelpGrace;
        r.Version++;
        AddTimeline(r, "volunteer-claimed", new($"志愿者{e.VolunteerName}已接下，会尽快上门", $"Volunteer {e.VolunteerName} took it on and will come by"), false, now, SystemActor);
        await SaveAsync(ct);
        await NotifyReportersAsync(r, new("志愿者来帮忙", "A volunteer is coming"),
            new($"#{r.Id}：社区志愿者{e.VolunteerName}会上门帮忙。", $"#{r.Id}: volunteer {e.VolunteerName} will come to help."), ct);
    }

    /// <summary>The volunteer did the job: resolved, for the resident to confirm and rate as with any fix.</summary>
    public async Task OnHelpCompletedAsync(HelpTaskCompleted e, CancellationToken ct)
    {
        var r = await HelpedRequestAsync(e.SourceModule, e.SourceRef, ct);
        if (r is not { Status: RequestStatus.WithVolunteer }) return;
        var now = clock.GetUtcNow();
        r.VolunteerName = e.VolunteerName;
        r.AcceptedAt ??= now;
        r.ResolvedAt = now;
        r.HelpFallbackAt = null;
        await MoveAsync(r, RequestStatus.Resolved, null, now, ct);
        AddTimeline(r, "resolved", Said($"志愿者{e.VolunteerName}已修好，请确认", $"Fixed by volunteer {e.VolunteerName}; please confirm", e.Note), false, now, SystemActor);
        await SaveAsync(ct);
        await NotifyReportersAsync(r, new("报修进展", "Repair request update"),
            new($"#{r.Id} 志愿者{e.VolunteerName}已修好，请确认并评价。", $"#{r.Id} was fixed by volunteer {e.VolunteerName}; please confirm and rate it."), ct);
    }

    /// <summary>Nobody claimed it, or the volunteer did not finish, in time: property staff take over.</summary>
    public async Task OnHelpExpiredAsync(HelpTaskExpired e, CancellationToken ct)
    {
        var r = await HelpedRequestAsync(e.SourceModule, e.SourceRef, ct);
        if (r is not { Status: RequestStatus.WithVolunteer }) return;
        var now = clock.GetUtcNow();
        var decision = await FallBackToStaffAsync(r, e.WasClaimed
            ? new("志愿者未能按时完成，转物业人员处理", "The volunteer could not finish in time: handed to property staff")
            : new("没有志愿者及时领取，转物业人员处理", "No volunteer took it in time: handed to property staff"), now, ct);
        await SaveAsync(ct);
        await AfterFallBackAsync(r, decision, ct);
    }

    /// <summary>
    /// The safety net of the deadline watch: requests with volunteers whose answer is overdue, or whose centre switched
    /// Volunteers off (its handlers are then not called, so no answer would ever come), go to property staff.
    /// </summary>
    private async Task<int> TakeBackStuckHelpAsync(DateTimeOffset now, CancellationToken ct)
    {
        var volunteersOn = VolunteersOn;
        var stuck = await db.Requests.Where(r => r.Status == RequestStatus.WithVolunteer && (!volunteersOn || r.HelpFallbackAt < now))
            .OrderBy(r => r.Id).Take(100).ToListAsync(ct);
        var decisions = new List<(RepairRequest, DispatchDecision)>();
        foreach (var r in stuck)
        {
            WithdrawHelp(r);
            decisions.Add((r, await FallBackToStaffAsync(r, volunteersOn
                ? new("志愿者那边没有及时回音，转物业人员处理", "No word from the volunteers in time: handed to property staff")
                : new("本中心已停用志愿服务，转物业人员处理", "Volunteering is off at this centre: handed to property staff"), now, ct)));
        }
        if (stuck.Count == 0) return 0;
        try
        {
            await SaveAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return 0; // an answer or an action came meanwhile; the next pass sees it
        }
        foreach (var (r, decision) in decisions)
            await AfterFallBackAsync(r, decision, ct);
        return stuck.Count;
    }

    private async Task AfterFallBackAsync(RepairRequest r, DispatchDecision decision, CancellationToken ct)
    {
        if (decision.AssigneeId is { } assignee)
            await NotifySafelyAsync(assignee, new("新的报修工单", "New repair job"), new($"#{r.Id}：{Shorten(r.Description)}", $"#{r.Id}: {Shorten(r.Description)}"), r.Id, ct);
        else
            await NotifyRoleSafelyAsync(Roles.Staff, new("报修待分派", "A repair request needs dispatching"), new($"#{r.Id}：{decision.Reason.Zh}", $"#{r.Id}: {decision.Reason.En}"), r.Id, ct);
        await NotifyReportersAsync(r, new("报修进展", "Repair request update"),
            new($"#{r.Id} 已转给物业人员处理。", $"#{r.Id} is now with property staff."), ct);
    }
}

/// <summary>The Volunteers module's answers to Repair's help requests; the host calls these at least once, the receipt makes it once.</summary>
public sealed class VolunteerHelpHandlers(RepairService repair) :
    IIntegrationEventHandler<HelpTaskClaimed>, IIntegrationEventHandler<HelpTaskCompleted>, IIntegrationEventHandler<HelpTaskExpired>
{
    public Task HandleAsync(HelpTaskClaimed integrationEvent, CancellationToken cancellationToken) => repair.OnHelpClaimedAsync(integrationEvent, cancellationToken);

    public Task HandleAsync(HelpTaskCompleted integrationEvent, CancellationToken cancellationToken) => repair.OnHelpCompletedAsync(integrationEvent, cancellationToken);

    public Task HandleAsync(HelpTaskExpired integrationEvent, CancellationToken cancellationToken) => repair.OnHelpExpiredAsync(integrationEvent, cancellationToken);
}
