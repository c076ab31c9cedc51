using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HappyCommunity.Tests.Infrastructure;

namespace HappyCommunity.Tests.Volunteers;

/// <summary>Places, the waitlist and weekly series, over real HTTP against the plugin loaded from disk.</summary>
[Collection(VolunteersHostCollection.Name)]
public sealed class SignupTests(VolunteersHost host)
{
    // Beyond the reminder horizon (24 hours), so the only notices are the ones the test causes.
    private static DateTimeOffset Tomorrow => DateTimeOffset.UtcNow.AddDays(2);

    private static bool IsPromotionNotice(JsonElement n, int activityId) =>
        n.GetProperty("link").GetString()!.EndsWith($"/volunteers/activities/{activityId}", StringComparison.Ordinal)
        && n.GetProperty("title").GetString() is "候补成功" or "You have a place";

    [Fact]
    public async Task Fifty_volunteers_signing_up_at_once_for_ten_places_get_ten_places_and_forty_waitlist_numbers_and_none_is_lost()
    {
        var world = await VolunteerWorld.CreateAsync(host, "qinghu");
        var volunteers = await world.VolunteersAsync(50);
        var activityId = await world.ActivityAsync(Tomorrow, TimeSpan.FromHours(2), capacity: 10);

        var responses = await Task.WhenAll(volunteers.Select(v => v.Client.PostAsync($"{world.Api}/activities/{activityId}/signups", null)));
        var results = new List<JsonElement>();
        foreach (var r in responses)
            results.Add(await HttpAssert.JsonAsync(r, HttpStatusCode.Created));

        Assert.Equal(10, results.Count(r => r.GetProperty("status").GetString() == "confirmed"));
        var waitlisted = results.Where(r => r.GetProperty("status").GetString() == "waitlisted").ToList();
        Assert.Equal(40, waitlisted.Count);
        Assert.Equal(Enumerable.Range(1, 40), waitlisted.Select(r => r.GetProperty("waitlistPosition").GetInt32()).Order());
        Assert.All(results.Where(r => r.GetProperty("status").GetString() == "confirmed"), r => Assert.Equal(JsonValueKind.Null, r.GetProperty("waitlistPosition").ValueKind));

        var detail = await world.DetailAsync(activityId);
        var activity = detail.GetProperty("activity");
        Assert.Equal(10, activity.GetProperty("confirmed").GetInt32());
        Assert.Equal(40, activity.GetProperty("waitlisted").GetInt32());
        var roster = detail.GetProperty("roster").EnumerateArray().ToList();
        Assert.Equal(50, roster.Count);
        Assert.Equal(volunteers.Select(v => v.VolunteerId).Order(), roster.Select(l => l.GetProperty("volunteerId").GetInt32()).Order());
        Assert.Equal(10, roster.Count(l => l.GetProperty("status").GetString() == "confirmed"));
        // What each was told is what the roster holds.
        Assert.Equal(results.Select(r => (r.GetProperty("signupId").GetInt32(), r.GetProperty("status").GetString())).Order(),
            roster.Select(l => (l.GetProperty("signupId").GetInt32(), l.GetProperty("status").GetString())).Order());
    }

    [Fact]
    public async Task A_cancelled_place_goes_to_the_first_on_the_waitlist_who_is_told_and_a_returning_volunteer_joins_the_back()
    {
        var world = await VolunteerWorld.CreateAsync(host, "chengbei");
        var v = await world.VolunteersAsync(4);
        var activityId = await world.ActivityAsync(Tomorrow, TimeSpan.FromHours(2), capacity: 2);
        foreach (var volunteer in v[..2])
            Assert.Equal("confirmed", (await world.SignUpAsync(volunteer, activityId)).GetProperty("status").GetString());
        var third = await world.SignUpAsync(v[2], activityId);
        Assert.Equal(1, third.GetProperty("waitlistPosition").GetInt32());
        var fourth = await world.SignUpAsync(v[3], activityId);
        Assert.Equal(2, fourth.GetProperty("waitlistPosition").GetInt32());

        // Signing up again is the same sign-up, not a second place.
        var again = await world.SignUpAsync(v[1], activityId, HttpStatusCode.OK);
        Assert.Equal("confirmed", again.GetProperty("status").GetString());
        Assert.Equal(2, (await world.DetailAsync(activityId)).GetProperty("activity").GetProperty("confirmed").GetInt32());
        Assert.Equal(4, (await world.DetailAsync(activityId)).GetProperty("roster").GetArrayLength());

        await HttpAssert.JsonAsync(await v[0].Client.DeleteAsync($"{world.Api}/activities/{activityId}/signups/me"), HttpStatusCode.OK);

        var asThird = await world.DetailAsync(activityId, v[2].Client);
        Assert.Equal("confirmed", asThird.GetProperty("activity").GetProperty("myStatus").GetString());
        Assert.Equal(JsonValueKind.Null, asThird.GetProperty("roster").ValueKind); // volunteers do not see the roster
        Assert.Single(await world.InboxAsync(v[2].Client), n => IsPromotionNotice(n, activityId));
        Assert.DoesNotContain(await world.InboxAsync(v[3].Client), n => IsPromotionNotice(n, activityId));
        var staffView = (await world.DetailAsync(activityId)).GetProperty("activity");
        Assert.Equal(2, staffView.GetProperty("confirmed").GetInt32());
        Assert.Equal(1, staffView.GetProperty("waitlisted").GetInt32());
        Assert.Equal(1, (await world.SignUpAsync(v[3], activityId, HttpStatusCode.OK)).GetProperty("waitlistPosition").GetInt32());

        // The one who gave the place up comes back: behind the one already waiting.
        var back = await world.SignUpAsync(v[0], activityId);
        Assert.Equal("waitlisted", back.GetProperty("status").GetString());
        Assert.Equal(2, back.GetProperty("waitlistPosition").GetInt32());

        // A place freed again goes to the one who waited longer, not to the one who came back.
        await HttpAssert.JsonAsync(await v[1].Client.DeleteAsync($"{world.Api}/activities/{activityId}/signups/me"), HttpStatusCode.OK);
        var roster = (await world.DetailAsync(activityId)).GetProperty("roster").EnumerateArray()
            .ToDictionary(l => l.GetProperty("volunteerId").GetInt32(), l => l.GetProperty("status").GetString());
        Assert.Equal("confirmed", roster[v[2].VolunteerId]);
        Assert.Equal("confirmed", roster[v[3].VolunteerId]);
        Assert.Equal("waitlisted", roster[v[0].VolunteerId]);
        Assert.False(roster.ContainsKey(v[1].VolunteerId));
        Assert.Single(await world.InboxAsync(v[3].Client), n => IsPromotionNotice(n, activityId));
    }

    [Fact]
    public async Task Repeating_weekly_three_times_makes_three_activities_a_week_apart_in_one_series()
    {
        var world = await VolunteerWorld.CreateAsync(host, "tawan");
        var start = new DateTimeOffset(Tomorrow.Year, Tomorrow.Month, Tomorrow.Day, 1, 30, 0, TimeSpan.Zero);
        var created = await world.CreateActivityAsync(start, TimeSpan.FromHours(3), capacity: 6, repeatWeeks: 3, title: "周六助餐");

        var activities = created.GetProperty("activities").EnumerateArray().ToList();
        Assert.Equal(3, activities.Count);
        Assert.Equal(activities[0].GetProperty("id").GetInt32(), created.GetProperty("id").GetInt32());
        var series = activities[0].GetProperty("seriesId").GetGuid();
        Assert.NotEqual(Guid.Empty, series);
        for (var week = 0; week < 3; week++)
        {
            var detail = (await world.DetailAsync(activities[week].GetProperty("id").GetInt32())).GetProperty("activity");
            Assert.Equal(series, detail.GetProperty("seriesId").GetGuid());
            Assert.Equal(start.AddDays(7 * week), detail.GetProperty("startAt").GetDateTimeOffset());
            Assert.Equal(start.AddDays(7 * week).AddHours(3), detail.GetProperty("endAt").GetDateTimeOffset());
            Assert.Equal(6, detail.GetProperty("capacity").GetInt32());
        }
        Assert.Equal(3, activities.Select(a => a.GetProperty("id").GetInt32()).Distinct().Count());

        // Each week is its own activity: a place in one is not a place in the others.
        var volunteer = await world.VolunteerAsync();
        await world.SignUpAsync(volunteer, activities[1].GetProperty("id").GetInt32());
        var list = await HttpAssert.JsonAsync(await volunteer.Client.GetAsync($"{world.Api}/activities"), HttpStatusCode.OK);
        var mine = list.EnumerateArray().Where(a => a.GetProperty("seriesId").ValueKind == JsonValueKind.String && a.GetProperty("seriesId").GetGuid() == series).ToList();
        Assert.Equal(3, mine.Count);
        Assert.Equal([null, "confirmed", null], mine.OrderBy(a => a.GetProperty("startAt").GetDateTimeOffset()).Select(a => a.GetProperty("myStatus").GetString()));

        // Not repeated: no series.
        var single = await world.CreateActivityAsync(start, TimeSpan.FromHours(1), capacity: 1);
        Assert.Equal(JsonValueKind.Null, single.GetProperty("activities")[0].GetProperty("seriesId").ValueKind);
    }
}
