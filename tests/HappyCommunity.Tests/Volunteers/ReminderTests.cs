using HappyCommunity.Tests.Infrastructure;

namespace HappyCommunity.Tests.Volunteers;

/// <summary>The day-before reminder, sent by the module's watch through the SDK notifier as the clock moves.</summary>
[Collection(MovedClockVolunteersHostCollection.Name)]
public sealed class ReminderTests(MovedClockVolunteersHost host)
{
    [Fact]
    public async Task Confirmed_volunteers_are_reminded_once_the_day_before_and_the_waitlist_is_not()
    {
        var world = await VolunteerWorld.CreateAsync(host, "dongfang");
        var v = await world.VolunteersAsync(2);
        var start = host.Clock.GetUtcNow().AddHours(30);
        var activityId = await world.ActivityAsync(start, TimeSpan.FromHours(2), capacity: 1);
        await world.SignUpAsync(v[0], activityId);
        await world.SignUpAsync(v[1], activityId); // waitlisted

        async Task<int> RemindersAsync(Member m) =>
            (await world.InboxAsync((await world.SignInAgainAsync(m)).Client)).Count(n => n.GetProperty("title").GetString() == "活动提醒");

        await Task.Delay(1500); // a watch pass or more, 30 hours before: nothing yet
        Assert.Equal(0, await RemindersAsync(v[0]));

        host.Clock.Advance(TimeSpan.FromHours(7)); // 23 hours before: inside the 24-hour reminder window
        var until = DateTime.UtcNow.AddSeconds(15);
        while (await RemindersAsync(v[0]) == 0 && DateTime.UtcNow < until) await Task.Delay(100);
        Assert.Equal(1, await RemindersAsync(v[0]));

        await Task.Delay(1500); // more passes: still one
        Assert.Equal(1, await RemindersAsync(v[0]));
        Assert.Equal(0, await RemindersAsync(v[1]));
        var detail = await world.DetailAsync(activityId, (await world.SignInAgainAsync(world.Staff)).Client);
        Assert.Equal(1, detail.GetProperty("activity").GetProperty("confirmed").GetInt32());
    }
}
