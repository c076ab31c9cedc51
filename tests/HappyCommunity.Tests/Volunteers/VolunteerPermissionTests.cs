using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HappyCommunity.Tests.Infrastructure;

namespace HappyCommunity.Tests.Volunteers;

/// <summary>Who may do what inside one centre: residents and volunteers join in; only staff run things.</summary>
[Collection(VolunteersHostCollection.Name)]
public sealed class VolunteerPermissionTests(VolunteersHost host)
{
    [Fact]
    public async Task A_resident_cannot_run_activities_approve_adjust_or_hand_out_rewards_and_nothing_changes()
    {
        var world = await VolunteerWorld.CreateAsync(host, "anzhuang");
        var resident = await world.UserAsync("resident");
        var volunteer = await world.VolunteerAsync();
        var applicant = await world.ApplicantAsync();
        await world.GivePointsAsync(volunteer, 100);
        var reward = await world.RewardAsync("雨伞", pointCost: 40, stock: 5);
        var redemption = (await HttpAssert.JsonAsync(await volunteer.Client.PostAsync($"{world.Api}/rewards/{reward}/redeem", null), HttpStatusCode.Created)).GetProperty("id").GetInt32();
        var activityId = await world.ActivityAsync(DateTimeOffset.UtcNow.AddDays(1), TimeSpan.FromHours(2), capacity: 3);
        var before = await SnapshotAsync(world, activityId, volunteer, reward);

        var start = DateTimeOffset.UtcNow.AddDays(3);
        foreach (var client in new[] { resident.Client, volunteer.Client })
        {
            await HttpAssert.ProblemAsync(await client.PostAsJsonAsync($"{world.Api}/activities",
                new { title = "居民自己办的活动", place = "楼下", startAt = start, endAt = start.AddHours(1), capacity = 5 }), HttpStatusCode.Forbidden);
            await HttpAssert.ProblemAsync(await client.PostAsJsonAsync($"{world.Api}/applications/{applicant.VolunteerId}/approve", new { }), HttpStatusCode.Forbidden);
            await HttpAssert.ProblemAsync(await client.PostAsJsonAsync($"{world.Api}/applications/{applicant.VolunteerId}/decline", new { note = "不行" }), HttpStatusCode.Forbidden);
            await HttpAssert.ProblemAsync(await client.PostAsJsonAsync($"{world.Api}/volunteers/{volunteer.VolunteerId}/adjustments", new { points = 1000, reason = "给自己加分" }), HttpStatusCode.Forbidden);
            await HttpAssert.ProblemAsync(await client.PostAsync($"{world.Api}/redemptions/{redemption}/confirm", null), HttpStatusCode.Forbidden);
            await HttpAssert.ProblemAsync(await client.PostAsync($"{world.Api}/redemptions/{redemption}/reject", null), HttpStatusCode.Forbidden);
            await HttpAssert.ProblemAsync(await client.PostAsJsonAsync($"{world.Api}/rewards", new { name = "自制奖品", pointCost = 1, stock = 100 }), HttpStatusCode.Forbidden);
            await HttpAssert.ProblemAsync(await client.PutAsJsonAsync($"{world.Api}/rewards/{reward}", new { stock = 100 }), HttpStatusCode.Forbidden);
            await HttpAssert.ProblemAsync(await client.PostAsync($"{world.Api}/activities/{activityId}/cancel", null), HttpStatusCode.Forbidden);
            await HttpAssert.ProblemAsync(await client.GetAsync($"{world.Api}/applications"), HttpStatusCode.Forbidden);
            await HttpAssert.ProblemAsync(await client.GetAsync($"{world.Api}/ledger/totals"), HttpStatusCode.Forbidden);
        }

        Assert.Equal(before, await SnapshotAsync(world, activityId, volunteer, reward));
        var applications = await HttpAssert.JsonAsync(await world.Staff.Client.GetAsync($"{world.Api}/applications?status=pending"), HttpStatusCode.OK);
        Assert.Contains(applications.EnumerateArray(), a => a.GetProperty("id").GetInt32() == applicant.VolunteerId);
        var activities = await HttpAssert.JsonAsync(await world.Staff.Client.GetAsync($"{world.Api}/activities"), HttpStatusCode.OK);
        Assert.Equal([activityId], activities.EnumerateArray().Select(a => a.GetProperty("id").GetInt32()));
        // Volunteers do not see the check-in code or the roster.
        var asVolunteer = await world.DetailAsync(activityId, volunteer.Client);
        Assert.Equal(JsonValueKind.Null, asVolunteer.GetProperty("activity").GetProperty("checkInCode").ValueKind);
        Assert.Equal(JsonValueKind.Null, asVolunteer.GetProperty("roster").ValueKind);
    }

    private static async Task<string> SnapshotAsync(VolunteerWorld world, int activityId, Member volunteer, int reward) =>
        (await world.DetailAsync(activityId)).GetRawText() + (await world.HoursAsync(volunteer)).GetRawText() + (await world.RewardDetailAsync(reward)).GetRawText()
        + (await HttpAssert.JsonAsync(await world.Staff.Client.GetAsync($"{world.Api}/redemptions?all=true"), HttpStatusCode.OK)).GetRawText();

    [Fact]
    public async Task An_applicant_not_yet_approved_cannot_sign_up_or_redeem_and_a_declined_one_is_told_why()
    {
        var world = await VolunteerWorld.CreateAsync(host, "lianhu");
        var applicant = await world.ApplicantAsync();
        var activityId = await world.ActivityAsync(DateTimeOffset.UtcNow.AddDays(1), TimeSpan.FromHours(2), capacity: 3);
        var reward = await world.RewardAsync("雨伞", pointCost: 1, stock: 5);
        await world.GivePointsAsync(applicant, 10); // staff may credit an applicant; spending waits for approval

        var pending = await HttpAssert.ProblemAsync(await applicant.Client.PostAsync($"{world.Api}/activities/{activityId}/signups", null), HttpStatusCode.Forbidden);
        Assert.Contains("still being reviewed", pending.GetProperty("detail").GetString());
        await HttpAssert.ProblemAsync(await applicant.Client.PostAsync($"{world.Api}/rewards/{reward}/redeem", null), HttpStatusCode.Forbidden);
        var stranger = await world.UserAsync("resident");
        var notApplied = await HttpAssert.ProblemAsync(await stranger.Client.PostAsync($"{world.Api}/activities/{activityId}/signups", null), HttpStatusCode.Forbidden);
        Assert.Contains("Apply to volunteer first", notApplied.GetProperty("detail").GetString());
        Assert.Equal(0, (await world.DetailAsync(activityId)).GetProperty("roster").GetArrayLength());
        Assert.Equal(5, (await world.RewardDetailAsync(reward)).GetProperty("stock").GetInt32());

        var noReason = await HttpAssert.ProblemAsync(await world.Staff.Client.PostAsJsonAsync($"{world.Api}/applications/{applicant.VolunteerId}/decline", new { }), HttpStatusCode.BadRequest);
        Assert.True(noReason.GetProperty("errors").TryGetProperty("note", out _));
        await HttpAssert.JsonAsync(await world.Staff.Client.PostAsJsonAsync($"{world.Api}/applications/{applicant.VolunteerId}/decline", new { note = "暂时名额已满" }), HttpStatusCode.OK);
        await HttpAssert.ProblemAsync(await world.Staff.Client.PostAsJsonAsync($"{world.Api}/applications/{applicant.VolunteerId}/approve", new { }), HttpStatusCode.Conflict);
        var declined = await HttpAssert.ProblemAsync(await applicant.Client.PostAsync($"{world.Api}/activities/{activityId}/signups", null), HttpStatusCode.Forbidden);
        Assert.Contains("declined", declined.GetProperty("detail").GetString());
        Assert.Contains(await world.InboxAsync(applicant.Client), n => n.GetProperty("body").GetString()!.Contains("暂时名额已满"));

        // Applying again, and approved this time: now the sign-up is taken.
        await HttpAssert.JsonAsync(await applicant.Client.PostAsJsonAsync($"{world.Api}/applications", new { phone = "13900000001" }), HttpStatusCode.Created);
        await HttpAssert.JsonAsync(await world.Staff.Client.PostAsync($"{world.Api}/applications/{applicant.VolunteerId}/approve", null), HttpStatusCode.OK);
        Assert.Equal("confirmed", (await world.SignUpAsync(applicant, activityId)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_volunteer_sees_their_own_hours_but_not_another_volunteers()
    {
        var world = await VolunteerWorld.CreateAsync(host, "xicen");
        var v = await world.VolunteersAsync(2);
        await world.GivePointsAsync(v[1], 25);

        var own = await HttpAssert.JsonAsync(await v[0].Client.GetAsync($"{world.Api}/volunteers/{v[0].VolunteerId}/hours"), HttpStatusCode.OK);
        Assert.Equal(v[0].VolunteerId, own.GetProperty("volunteerId").GetInt32());
        var other = await HttpAssert.ProblemAsync(await v[0].Client.GetAsync($"{world.Api}/volunteers/{v[1].VolunteerId}/hours"), HttpStatusCode.Forbidden);
        Assert.False(other.TryGetProperty("points", out _));
        var resident = await world.UserAsync("resident");
        await HttpAssert.ProblemAsync(await resident.Client.GetAsync($"{world.Api}/volunteers/{v[1].VolunteerId}/hours"), HttpStatusCode.Forbidden);
        await HttpAssert.ProblemAsync(await resident.Client.GetAsync($"{world.Api}/hours/me"), HttpStatusCode.NotFound);
        var staffView = await HttpAssert.JsonAsync(await world.Staff.Client.GetAsync($"{world.Api}/volunteers/{v[1].VolunteerId}/hours"), HttpStatusCode.OK);
        Assert.Equal(25, staffView.GetProperty("points").GetInt32());
        // Their redemptions are their own too.
        var reward = await world.RewardAsync("毛巾", pointCost: 5, stock: 5);
        await HttpAssert.JsonAsync(await v[1].Client.PostAsync($"{world.Api}/rewards/{reward}/redeem", null), HttpStatusCode.Created);
        Assert.Equal(0, (await HttpAssert.JsonAsync(await v[0].Client.GetAsync($"{world.Api}/redemptions?all=true"), HttpStatusCode.OK)).GetArrayLength());
    }
}
