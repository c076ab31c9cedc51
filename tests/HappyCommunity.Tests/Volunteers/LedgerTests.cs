using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HappyCommunity.Tests.Infrastructure;

namespace HappyCommunity.Tests.Volunteers;

/// <summary>
/// The hours and points ledger: credits from real shifts (the clock moves past them), adjustments and reversals; the
/// balance is always the sum of the lines, and a line once written never changes.
/// </summary>
[Collection(MovedClockVolunteersHostCollection.Name)]
public sealed class LedgerTests(MovedClockVolunteersHost host)
{
    private static void AssertBalanceIsTheSumOfTheLines(JsonElement hours)
    {
        var lines = hours.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal(lines.Sum(l => l.GetProperty("hours").GetDouble()), hours.GetProperty("hours").GetDouble(), 6);
        Assert.Equal(lines.Sum(l => l.GetProperty("points").GetInt32()), hours.GetProperty("points").GetInt32());
        var months = hours.GetProperty("byMonth").EnumerateArray().ToList();
        Assert.Equal(months.Sum(m => m.GetProperty("hours").GetDouble()), hours.GetProperty("hours").GetDouble(), 6);
        Assert.Equal(months.Sum(m => m.GetProperty("points").GetInt32()), hours.GetProperty("points").GetInt32());
        Assert.True(hours.GetProperty("hours").GetDouble() >= 0 && hours.GetProperty("points").GetInt32() >= 0, hours.ToString());
    }

    private static JsonElement Line(JsonElement hours, long id) =>
        hours.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("id").GetInt64() == id);

    [Fact]
    public async Task The_balance_is_always_the_sum_of_its_lines_a_reversal_adds_a_line_once_and_nothing_goes_below_zero()
    {
        var world = await VolunteerWorld.CreateAsync(host, "fuxing");
        var volunteer = await world.VolunteerAsync();
        var t0 = host.Clock.GetUtcNow();
        var hourLong = await world.ActivityAsync(t0.AddMinutes(10), TimeSpan.FromHours(1), capacity: 3);
        var halfHour = await world.ActivityAsync(t0.AddMinutes(10), TimeSpan.FromMinutes(30), capacity: 3);
        foreach (var id in new[] { hourLong, halfHour })
        {
            await world.SignUpAsync(volunteer, id);
            await HttpAssert.JsonAsync(await volunteer.Client.PostAsJsonAsync($"{world.Api}/activities/{id}/check-in", new { code = await world.CodeAsync(id) }), HttpStatusCode.OK);
        }

        host.Clock.Advance(TimeSpan.FromMinutes(75)); // both shifts are over; check-out is still open
        volunteer = await world.SignInAgainAsync(volunteer);
        var staff = await world.SignInAgainAsync(world.Staff);
        world = new VolunteerWorld { Host = host, Centre = world.Centre, Admin = await host.AdminAsync(), Staff = staff };
        foreach (var id in new[] { hourLong, halfHour })
            await HttpAssert.JsonAsync(await volunteer.Client.PostAsJsonAsync($"{world.Api}/activities/{id}/check-out", new { code = await world.CodeAsync(id) }), HttpStatusCode.OK);

        var credited = await world.HoursAsync(volunteer);
        Assert.Equal(1.5, credited.GetProperty("hours").GetDouble(), 6);
        Assert.Equal(15, credited.GetProperty("points").GetInt32()); // the default rate: 10 points an hour
        AssertBalanceIsTheSumOfTheLines(credited);
        var halfHourLine = credited.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("hours").GetDouble() == 0.5);
        Assert.Equal("credit", halfHourLine.GetProperty("kind").GetString());
        var halfHourLineText = halfHourLine.GetRawText();

        var adjustment = await world.AdjustAsync(volunteer.VolunteerId, new { hours = 2, reason = "补登：上周义诊" });
        Assert.Equal(20, adjustment.GetProperty("points").GetInt32()); // points at the centre's rate when not given
        await world.AdjustAsync(volunteer.VolunteerId, new { points = 7, reason = "表彰：优秀志愿者" });
        var reversal = await world.AdjustAsync(volunteer.VolunteerId, new { reason = "签到有误，冲销", reverseEntryId = halfHourLine.GetProperty("id").GetInt64() });
        Assert.Equal("reversal", reversal.GetProperty("kind").GetString());
        Assert.Equal(-0.5, reversal.GetProperty("hours").GetDouble(), 6);
        Assert.Equal(-5, reversal.GetProperty("points").GetInt32());
        Assert.Equal(halfHourLine.GetProperty("id").GetInt64(), reversal.GetProperty("reversesId").GetInt64());

        var after = await world.HoursAsync(volunteer);
        Assert.Equal(3.0, after.GetProperty("hours").GetDouble(), 6); // 1 + 0.5 + 2 - 0.5
        Assert.Equal(37, after.GetProperty("points").GetInt32());     // 10 + 5 + 20 + 7 - 5
        AssertBalanceIsTheSumOfTheLines(after);
        Assert.Equal(5, after.GetProperty("lines").GetArrayLength());
        Assert.Equal(halfHourLineText, Line(after, halfHourLine.GetProperty("id").GetInt64()).GetRawText()); // the reversed line is still there, unchanged
        foreach (var line in credited.GetProperty("lines").EnumerateArray())
            Assert.Equal(line.GetRawText(), Line(after, line.GetProperty("id").GetInt64()).GetRawText());

        // Refused: nothing at all is written.
        var twice = await HttpAssert.ProblemAsync(await staff.Client.PostAsJsonAsync($"{world.Api}/volunteers/{volunteer.VolunteerId}/adjustments",
            new { reason = "再冲一次", reverseEntryId = halfHourLine.GetProperty("id").GetInt64() }), HttpStatusCode.Conflict);
        Assert.Contains("already reversed", twice.GetProperty("detail").GetString());
        await HttpAssert.ProblemAsync(await staff.Client.PostAsJsonAsync($"{world.Api}/volunteers/{volunteer.VolunteerId}/adjustments",
            new { hours = -3.5, reason = "扣多了" }), HttpStatusCode.Conflict);
        await HttpAssert.ProblemAsync(await staff.Client.PostAsJsonAsync($"{world.Api}/volunteers/{volunteer.VolunteerId}/adjustments",
            new { points = -38, reason = "扣多了" }), HttpStatusCode.Conflict);
        await HttpAssert.ProblemAsync(await staff.Client.PostAsJsonAsync($"{world.Api}/volunteers/{volunteer.VolunteerId}/adjustments",
            new { hours = -1, points = -100, reason = "时长够，积分不够" }), HttpStatusCode.Conflict);
        var reverseAReversal = await HttpAssert.ProblemAsync(await staff.Client.PostAsJsonAsync($"{world.Api}/volunteers/{volunteer.VolunteerId}/adjustments",
            new { reason = "冲销冲销", reverseEntryId = reversal.GetProperty("id").GetInt64() }), HttpStatusCode.BadRequest);
        Assert.True(reverseAReversal.GetProperty("errors").TryGetProperty("reverseEntryId", out _));
        Assert.Equal(after.GetRawText(), (await world.HoursAsync(volunteer)).GetRawText());

        // Exactly to zero is allowed; the staff view is the volunteer's view; the centre's totals are the same sums.
        await world.AdjustAsync(volunteer.VolunteerId, new { points = -37, reason = "清零" });
        var mine = await world.HoursAsync(volunteer);
        Assert.Equal(0, mine.GetProperty("points").GetInt32());
        AssertBalanceIsTheSumOfTheLines(mine);
        var staffView = await HttpAssert.JsonAsync(await staff.Client.GetAsync($"{world.Api}/volunteers/{volunteer.VolunteerId}/hours"), HttpStatusCode.OK);
        Assert.Equal(mine.GetRawText(), staffView.GetRawText());
        var totals = await HttpAssert.JsonAsync(await staff.Client.GetAsync($"{world.Api}/ledger/totals"), HttpStatusCode.OK);
        Assert.Equal(mine.GetProperty("hours").GetDouble(), totals.GetProperty("hours").GetDouble(), 6);
        Assert.Equal(0, totals.GetProperty("points").GetInt32());
        Assert.Equal(1, totals.GetProperty("volunteers").GetInt32());
    }
}

/// <summary>Spending points: never more than the balance, never more than the stock, however many ask at once.</summary>
[Collection(VolunteersHostCollection.Name)]
public sealed class RedemptionTests(VolunteersHost host)
{
    [Fact]
    public async Task Ten_redemptions_at_once_with_points_for_three_give_exactly_three_and_the_points_never_go_negative()
    {
        var world = await VolunteerWorld.CreateAsync(host, "nanmen");
        var volunteer = await world.VolunteerAsync();
        await world.GivePointsAsync(volunteer, 300);
        var reward = await world.RewardAsync("环保袋", pointCost: 100, stock: 50);

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => volunteer.Client.PostAsync($"{world.Api}/rewards/{reward}/redeem", null)));

        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(7, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        foreach (var refused in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
            Assert.Contains("Not enough points", (await HttpAssert.ProblemAsync(refused, HttpStatusCode.Conflict)).GetProperty("detail").GetString());
        var hours = await world.HoursAsync(volunteer);
        Assert.Equal(0, hours.GetProperty("points").GetInt32());
        Assert.Equal(3, hours.GetProperty("lines").EnumerateArray().Count(l => l.GetProperty("kind").GetString() == "redemption" && l.GetProperty("points").GetInt32() == -100));
        Assert.Equal(47, (await world.RewardDetailAsync(reward)).GetProperty("stock").GetInt32());
        var mine = await HttpAssert.JsonAsync(await volunteer.Client.GetAsync($"{world.Api}/redemptions"), HttpStatusCode.OK);
        Assert.Equal(3, mine.GetArrayLength());
    }

    [Fact]
    public async Task Six_volunteers_redeeming_the_last_two_at_once_get_two_and_a_rejection_gives_the_points_and_the_item_back()
    {
        var world = await VolunteerWorld.CreateAsync(host, "sanyuanhe");
        var volunteers = await world.VolunteersAsync(6);
        foreach (var v in volunteers)
            await world.GivePointsAsync(v, 50);
        var reward = await world.RewardAsync("理发券", pointCost: 30, stock: 2);

        var responses = await Task.WhenAll(volunteers.Select(v => v.Client.PostAsync($"{world.Api}/rewards/{reward}/redeem", null)));

        Assert.Equal(2, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(4, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(0, (await world.RewardDetailAsync(reward)).GetProperty("stock").GetInt32());
        var winners = volunteers.Where((_, i) => responses[i].StatusCode == HttpStatusCode.Created).ToList();
        foreach (var v in volunteers)
            Assert.Equal(winners.Contains(v) ? 20 : 50, (await world.HoursAsync(v)).GetProperty("points").GetInt32());
        var all = await HttpAssert.JsonAsync(await world.Staff.Client.GetAsync($"{world.Api}/redemptions?all=true"), HttpStatusCode.OK);
        Assert.Equal(2, all.GetArrayLength());
        Assert.All(all.EnumerateArray(), d => Assert.Equal("requested", d.GetProperty("status").GetString()));

        // One is handed over; the other is rejected: its points and its item come back.
        var redemptions = all.EnumerateArray().ToList();
        var confirmed = await HttpAssert.JsonAsync(await world.Staff.Client.PostAsync($"{world.Api}/redemptions/{redemptions[0].GetProperty("id").GetInt32()}/confirm", null), HttpStatusCode.OK);
        Assert.Equal("confirmed", confirmed.GetProperty("status").GetString());
        var rejectedId = redemptions[1].GetProperty("id").GetInt32();
        var rejected = await HttpAssert.JsonAsync(await world.Staff.Client.PostAsync($"{world.Api}/redemptions/{rejectedId}/reject", null), HttpStatusCode.OK);
        Assert.Equal("rejected", rejected.GetProperty("status").GetString());
        var refunded = volunteers.Single(v => v.VolunteerId == redemptions[1].GetProperty("volunteerId").GetInt32());
        var refundedHours = await world.HoursAsync(refunded);
        Assert.Equal(50, refundedHours.GetProperty("points").GetInt32());
        Assert.Contains(refundedHours.GetProperty("lines").EnumerateArray(), l => l.GetProperty("kind").GetString() == "redemption" && l.GetProperty("points").GetInt32() == -30);
        Assert.Contains(refundedHours.GetProperty("lines").EnumerateArray(), l => l.GetProperty("kind").GetString() == "reversal" && l.GetProperty("points").GetInt32() == 30);
        Assert.Equal(20, (await world.HoursAsync(volunteers.Single(v => v.VolunteerId == redemptions[0].GetProperty("volunteerId").GetInt32()))).GetProperty("points").GetInt32());
        Assert.Equal(1, (await world.RewardDetailAsync(reward)).GetProperty("stock").GetInt32());

        // Decided once: neither can be decided again, and the refund is not paid twice.
        await HttpAssert.ProblemAsync(await world.Staff.Client.PostAsync($"{world.Api}/redemptions/{rejectedId}/reject", null), HttpStatusCode.Conflict);
        await HttpAssert.ProblemAsync(await world.Staff.Client.PostAsync($"{world.Api}/redemptions/{redemptions[0].GetProperty("id").GetInt32()}/reject", null), HttpStatusCode.Conflict);
        Assert.Equal(50, (await world.HoursAsync(refunded)).GetProperty("points").GetInt32());
        Assert.Equal(1, (await world.RewardDetailAsync(reward)).GetProperty("stock").GetInt32());

        // The item that came back can be redeemed again, once.
        var loser = volunteers.First(v => !winners.Contains(v));
        await HttpAssert.JsonAsync(await loser.Client.PostAsync($"{world.Api}/rewards/{reward}/redeem", null), HttpStatusCode.Created);
        var outOfStock = await HttpAssert.ProblemAsync(await refunded.Client.PostAsync($"{world.Api}/rewards/{reward}/redeem", null), HttpStatusCode.Conflict);
        Assert.Contains("out of stock", outOfStock.GetProperty("detail").GetString());
    }
}
