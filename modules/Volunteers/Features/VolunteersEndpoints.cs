using HappyCommunity.Modules.Volunteers.Data;
using HappyCommunity.PluginSdk;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace HappyCommunity.Modules.Volunteers.Features;

/// <summary>The volunteers API: <c>/api/c/{centre}/volunteers/…</c>. Each route takes JSON, or a page's form with a returnUrl.</summary>
public static class VolunteersEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var join = VolunteersPermissions.Join;

        // ---- volunteers ----
        api.MapGet("/me", async (VolunteerService s, CancellationToken ct) => Results.Ok(await s.CardAsync(ct)))
            .WithName("VolunteerCard").WithSummary("Your volunteer card: status, hours, points, upcoming shifts").RequirePermission(join);

        api.MapGet("/skills", async (VolunteerService s, CancellationToken ct) => Results.Ok(await s.SkillsAsync(ct)))
            .WithName("VolunteerSkills").WithSummary("The centre's skill list").RequirePermission(join);
        api.MapPost("/skills", (HttpContext http, VolunteerService s, CancellationToken ct) =>
                Post<SkillInput, SkillDto>(http, ct, input => s.AddSkillAsync(input, ct), new("已添加技能。", "Skill added.")))
            .WithName("AddVolunteerSkill").WithSummary("Add a skill to the list (staff)").RequirePermission(join);
        api.MapDelete("/skills/{code}", async (string code, HttpContext http, VolunteerService s, CancellationToken ct) =>
                FormBody.Answer(http, await s.RemoveSkillAsync(code, ct), new("已删除。", "Removed.")))
            .WithName("RemoveVolunteerSkill").WithSummary("Remove a skill from the list (staff)").RequirePermission(join);
        // Forms cannot send DELETE: the pages post here.
        api.MapPost("/skills/{code}/remove", (string code, HttpContext http, VolunteerService s, CancellationToken ct) =>
                Post<DecisionInput, bool>(http, ct, _ => s.RemoveSkillAsync(code, ct), new("已删除这个技能。", "The skill is removed."), allowEmpty: true))
            .ExcludeFromDescription().RequirePermission(join);

        api.MapPost("/applications", (HttpContext http, VolunteerService s, CancellationToken ct) =>
                Post<ApplicationInput, VolunteerDto>(http, ct, input => s.ApplyAsync(input, ct), new("申请已提交，请等待审核。", "Application sent; staff will review it.")))
            .WithName("ApplyToVolunteer").WithSummary("Apply to volunteer: phone, skills, availability").RequirePermission(join);
        api.MapGet("/applications", async Task<IResult> (string? status, VolunteerService s, CancellationToken ct) =>
            {
                VolunteerStatus? filter = null;
                if (status is not null)
                {
                    if (!Enum.TryParse<VolunteerStatus>(status, true, out var parsed))
                        return Outcome<object>.Invalid("status", new("状态应为 pending、approved 或 declined。", "status is pending, approved or declined.")).ToProblem();
                    filter = parsed;
                }
                var outcome = await s.ListVolunteersAsync(filter, ct);
                return outcome.Ok ? Results.Ok(outcome.Value) : outcome.ToProblem();
            })
            .WithName("ListVolunteers").WithSummary("Applications and volunteers (staff)").RequirePermission(join);
        api.MapPost("/applications/{id:int}/approve", (int id, HttpContext http, VolunteerService s, CancellationToken ct) =>
                Post<DecisionInput, VolunteerDto>(http, ct, input => s.DecideAsync(id, true, input.Note, ct), new("已通过。", "Approved."), allowEmpty: true))
            .WithName("ApproveVolunteer").WithSummary("Approve an application (staff)").RequirePermission(join);
        api.MapPost("/applications/{id:int}/decline", (int id, HttpContext http, VolunteerService s, CancellationToken ct) =>
                Post<DecisionInput, VolunteerDto>(http, ct, input => s.DecideAsync(id, false, input.Note, ct), new("已回复申请人。", "The applicant is told."), allowEmpty: true))
            .WithName("DeclineVolunteer").WithSummary("Decline an application, saying why (staff)").RequirePermission(join);

        // ---- activities ----
        api.MapGet("/activities", async (bool? past, VolunteerService s, CancellationToken ct) => Results.Ok(await s.ListActivitiesAsync(past == true, ct)))
            .WithName("ListActivities").WithSummary("Upcoming activities (past=true: those that ended)").RequirePermission(join);
        api.MapPost("/activities", (HttpContext http, VolunteerService s, CancellationToken ct) =>
                Post<ActivityInput, IReadOnlyList<ActivityDto>>(http, ct, input => s.CreateActivityAsync(input, ct), new("活动已发布。", "Activity published."),
                    created => Results.Created($"/api/c/{http.GetRouteValue("centre")}/volunteers/activities/{created[0].Id}", new { created[0].Id, activities = created })))
            .WithName("CreateActivity").WithSummary("Create an activity, optionally repeated weekly (staff)").RequirePermission(join);
        api.MapGet("/activities/{id:int}", async (int id, VolunteerService s, CancellationToken ct) =>
            {
                var outcome = await s.GetActivityAsync(id, ct);
                return outcome.Ok ? Results.Ok(outcome.Value) : outcome.ToProblem();
            })
            .WithName("GetActivity").WithSummary("One activity; staff also get the roster and the check-in code").RequirePermission(join);
        api.MapPost("/activities/{id:int}/cancel", (int id, HttpContext http, VolunteerService s, CancellationToken ct) =>
                Post<DecisionInput, ActivityDto>(http, ct, _ => s.CancelActivityAsync(id, ct), new("活动已取消，已通知报名者。", "Cancelled; everyone signed up is told."), allowEmpty: true))
            .WithName("CancelActivity").WithSummary("Cancel an activity before it starts (staff)").RequirePermission(join);
        api.MapPost("/activities/{id:int}/signups", async (int id, HttpContext http, VolunteerService s, CancellationToken ct) =>
            {
                var (_, error) = await FormBody.ReadAsync<DecisionInput>(http, ct, allowEmpty: true);
                if (error is not null) return FormBody.Refuse(http, error);
                var outcome = await s.SignUpAsync(id, ct);
                var done = outcome.Value?.Status == "waitlisted" ? new LocalizedText($"名额已满，您在候补第 {outcome.Value.WaitlistPosition} 位，有人取消时会自动转正并通知您。",
                    $"It is full: you are number {outcome.Value.WaitlistPosition} on the waitlist, and will move up automatically.") : new LocalizedText("报名成功！", "You are signed up!");
                return FormBody.Answer(http, outcome, done);
            })
            .WithName("SignUp").WithSummary("Sign up: 201 with status confirmed or waitlisted").RequirePermission(join);
        api.MapDelete("/activities/{id:int}/signups/me", async (int id, HttpContext http, VolunteerService s, CancellationToken ct) =>
                FormBody.Answer(http, await s.CancelSignupAsync(id, ct), new("已取消报名。", "Sign-up cancelled.")))
            .WithName("CancelSignup").WithSummary("Give your place up; the waitlist moves up").RequirePermission(join);
        // Forms cannot send DELETE: the pages post here.
        api.MapPost("/activities/{id:int}/signups/me/cancel", async (int id, HttpContext http, VolunteerService s, CancellationToken ct) =>
            {
                var (_, error) = await FormBody.ReadAsync<DecisionInput>(http, ct, allowEmpty: true);
                if (error is not null) return FormBody.Refuse(http, error);
                return FormBody.Answer(http, await s.CancelSignupAsync(id, ct), new("已取消报名。", "Sign-up cancelled."));
            })
            .ExcludeFromDescription().RequirePermission(join);
        api.MapPost("/activities/{id:int}/check-in", (int id, HttpContext http, VolunteerService s, CancellationToken ct) =>
                Post<AttendanceInput, AttendanceResult>(http, ct, input => s.CheckInAsync(id, input, ct), new("签到成功！", "Checked in!")))
            .WithName("CheckIn").WithSummary("Check in: a volunteer with {code}, or staff with {volunteerId}").RequirePermission(join);
        api.MapPost("/activities/{id:int}/check-out", (int id, HttpContext http, VolunteerService s, CancellationToken ct) =>
                Post<AttendanceInput, AttendanceResult>(http, ct, input => s.CheckOutAsync(id, input, ct), new("签退成功，时长已记入。", "Checked out; the hours are credited.")))
            .WithName("CheckOut").WithSummary("Check out and credit the hours: a volunteer with {code}, or staff with {volunteerId}").RequirePermission(join);

        // ---- hours and points ----
        api.MapGet("/hours/me", async (VolunteerService s, CancellationToken ct) =>
            {
                var outcome = await s.HoursAsync(null, ct);
                return outcome.Ok ? Results.Ok(outcome.Value) : outcome.ToProblem();
            })
            .WithName("MyHours").WithSummary("Your hours and points, per month, with the ledger").RequirePermission(join);
        api.MapGet("/volunteers/{id:int}/hours", async (int id, VolunteerService s, CancellationToken ct) =>
            {
                var outcome = await s.HoursAsync(id, ct);
                return outcome.Ok ? Results.Ok(outcome.Value) : outcome.ToProblem();
            })
            .WithName("VolunteerHours").WithSummary("A volunteer's hours and ledger (staff, or the volunteer)").RequirePermission(join);
        api.MapPost("/volunteers/{id:int}/adjustments", (int id, HttpContext http, VolunteerService s, CancellationToken ct) =>
                Post<AdjustmentInput, LedgerLine>(http, ct, input => s.AdjustAsync(id, input, ct), new("已记入台账。", "Added to the ledger.")))
            .WithName("AdjustLedger").WithSummary("Add an adjustment or reverse a line (staff); lines are never edited").RequirePermission(join);
        api.MapGet("/ledger/totals", async (string? scope, VolunteerService s, ICentreScopeFactory centres, CancellationToken ct) =>
            {
                var district = scope == "district";
                var outcome = await s.TotalsAsync(district, district ? centres.CentresWithModule(VolunteerSettings.Module).Select(c => c.Id).ToList() : [], ct);
                return outcome.Ok ? Results.Ok(outcome.Value) : outcome.ToProblem();
            })
            .WithName("LedgerTotals").WithSummary("Hours and points per month for the centre (staff), or scope=district (district admins)").RequirePermission(join);

        // ---- rewards ----
        api.MapGet("/rewards", async (VolunteerService s, CancellationToken ct) => Results.Ok(await s.RewardsAsync(ct)))
            .WithName("ListRewards").WithSummary("The rewards catalogue").RequirePermission(join);
        api.MapPost("/rewards", (HttpContext http, VolunteerService s, CancellationToken ct) =>
                Post<RewardInput, RewardDto>(http, ct, input => s.SaveRewardAsync(null, input, ct), new("兑换品已添加。", "Reward added.")))
            .WithName("AddReward").WithSummary("Add a reward (staff)").RequirePermission(join);
        api.MapPut("/rewards/{id:int}", (int id, HttpContext http, VolunteerService s, CancellationToken ct) =>
                Post<RewardInput, RewardDto>(http, ct, input => s.SaveRewardAsync(id, input, ct), new("已保存。", "Saved.")))
            .WithName("UpdateReward").WithSummary("Change a reward: cost, stock, active (staff)").RequirePermission(join);
        api.MapPost("/rewards/{id:int}/redeem", (int id, HttpContext http, VolunteerService s, CancellationToken ct) =>
                Post<DecisionInput, RedemptionDto>(http, ct, _ => s.RedeemAsync(id, ct), new("兑换成功，请到服务中心领取。", "Redeemed; collect it at the centre."), allowEmpty: true))
            .WithName("Redeem").WithSummary("Spend points on a reward; staff confirm when handed over").RequirePermission(join);
        api.MapGet("/redemptions", async (bool? all, VolunteerService s, CancellationToken ct) => Results.Ok(await s.RedemptionsAsync(all == true, ct)))
            .WithName("ListRedemptions").WithSummary("Your redemptions (all=true: every one, staff)").RequirePermission(join);
        api.MapPost("/redemptions/{id:int}/confirm", (int id, HttpContext http, VolunteerService s, CancellationToken ct) =>
                Post<DecisionInput, RedemptionDto>(http, ct, _ => s.DecideRedemptionAsync(id, true, ct), new("已确认发放。", "Confirmed."), allowEmpty: true))
            .WithName("ConfirmRedemption").WithSummary("Confirm a reward was handed over (staff)").RequirePermission(join);
        api.MapPost("/redemptions/{id:int}/reject", (int id, HttpContext http, VolunteerService s, CancellationToken ct) =>
                Post<DecisionInput, RedemptionDto>(http, ct, _ => s.DecideRedemptionAsync(id, false, ct), new("已退回积分。", "Points returned."), allowEmpty: true))
            .WithName("RejectRedemption").WithSummary("Reject a redemption: points and stock go back (staff)").RequirePermission(join);

        // ---- help tasks ----
        api.MapGet("/help-tasks", async (bool? all, VolunteerService s, CancellationToken ct) => Results.Ok(await s.HelpTasksAsync(all == true, ct)))
            .WithName("ListHelpTasks").WithSummary("The help-needed board and your tasks (all=true: the last 30 days, staff)").RequirePermission(join);
        api.MapPost("/help-tasks/{id:int}/claim", (int id, HttpContext http, VolunteerService s, CancellationToken ct) =>
                Post<DecisionInput, HelpTaskDto>(http, ct, _ => s.ClaimAsync(id, ct), new("已领取，谢谢您！", "It is yours; thank you!"), allowEmpty: true))
            .WithName("ClaimHelpTask").WithSummary("Take a help task").RequirePermission(join);
        api.MapPost("/help-tasks/{id:int}/release", (int id, HttpContext http, VolunteerService s, CancellationToken ct) =>
                Post<DecisionInput, HelpTaskDto>(http, ct, _ => s.ReleaseAsync(id, ct), new("已放回，其他志愿者可以领取。", "Given back to the board."), allowEmpty: true))
            .WithName("ReleaseHelpTask").WithSummary("Give a taken task back to the board").RequirePermission(join);
        api.MapPost("/help-tasks/{id:int}/complete", (int id, HttpContext http, VolunteerService s, CancellationToken ct) =>
                Post<CompleteInput, HelpTaskDto>(http, ct, input => s.CompleteAsync(id, input, ct), new("已完成，时长已记入。谢谢您！", "Done; the hours are credited. Thank you!")))
            .WithName("CompleteHelpTask").WithSummary("Complete a task with a note; hours are credited and the asking module told").RequirePermission(join);
    }

    private static async Task<IResult> Post<TIn, TOut>(HttpContext http, CancellationToken ct, Func<TIn, Task<Outcome<TOut>>> act, LocalizedText done,
        Func<TOut, IResult>? api = null, bool allowEmpty = false) where TIn : class
    {
        var (input, error) = await FormBody.ReadAsync<TIn>(http, ct, allowEmpty);
        if (error is not null) return FormBody.Refuse(http, error);
        input ??= (TIn)Activator.CreateInstance(typeof(TIn), typeof(TIn).GetConstructors()[0].GetParameters().Select(_ => (object?)null).ToArray())!;
        return FormBody.Answer(http, await act(input), done, api);
    }
}
