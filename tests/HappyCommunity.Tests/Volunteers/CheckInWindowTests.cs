using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HappyCommunity.Tests.Infrastructure;

namespace HappyCommunity.Tests.Volunteers;

/// <summary>Check-in and check-out at the venue, as the clock moves through a shift.</summary>
[Collection(MovedClockVolunteersHostCollection.Name)]
public sealed class CheckInWindowTests(MovedClockVolunteersHost host)
{
    private DateTimeOffset Now => host.Clock.GetUtcNow();

    private static Task<HttpResponseMessage> CheckInAsync(VolunteerWorld world, HttpClient client, int activityId, object body) =>
        client.PostAsJsonAsync($"{world.Api}/activities/{activityId}/check-in", body);

    private static Task<HttpResponseMessage> CheckOutAsync(VolunteerWorld world, HttpClient client, int activityId, object body) =>
        client.PostAsJsonAsync($"{world.Api}/activities/{activityId}/check-out", body);

    /// <summary>Moves the clock and signs everyone in again (their tokens expire as the clock moves).</summary>
    private async Task<(VolunteerWorld World, Member[] Volunteers)> AdvanceAsync(VolunteerWorld world, Member[] volunteers, TimeSpan by)
    {
        host.Clock.Advance(by);
        var again = new VolunteerWorld { Host = host, Centre = world.Centre, Admin = await host.AdminAsync(), Staff = await world.SignInAgainAsync(world.Staff) };
        var signedIn = new Member[volunteers.Length];
        for (var i = 0; i < volunteers.Length; i++)
            signedIn[i] = await world.SignInAgainAsync(volunteers[i]);
        return (again, signedIn);
    }

    [Fact]
    public async Task Check_in_with_the_code_opens_thirty_minutes_before_the_start_and_closes_at_the_end_but_staff_can_still_record_it()
    {
        var world = await VolunteerWorld.CreateAsync(host, "xianghua");
        var v = await world.VolunteersAsync(3);
        var start = Now.AddMinutes(31);
        var end = start.AddHours(1);
        var activityId = await world.ActivityAsync(start, end - start, capacity: 5);
        foreach (var volunteer in v)
            await world.SignUpAsync(volunteer, activityId);
        var code = await world.CodeAsync(activityId);
        Assert.Matches("^[0-9]{6}$", code);

        var early = await HttpAssert.ProblemAsync(await CheckInAsync(world, v[0].Client, activityId, new { code }), HttpStatusCode.Conflict);
        Assert.Contains("30 minutes", early.GetProperty("detail").GetString());

        (world, v) = await AdvanceAsync(world, v, TimeSpan.FromMinutes(2)); // 29 minutes before the start
        var wrong = await HttpAssert.ProblemAsync(await CheckInAsync(world, v[0].Client, activityId, new { code = code == "000000" ? "111111" : "000000" }), HttpStatusCode.BadRequest);
        Assert.True(wrong.GetProperty("errors").TryGetProperty("code", out _));
        var missing = await HttpAssert.ProblemAsync(await CheckInAsync(world, v[0].Client, activityId, new { }), HttpStatusCode.BadRequest);
        Assert.True(missing.GetProperty("errors").TryGetProperty("code", out _));
        Assert.All((await world.DetailAsync(activityId)).GetProperty("roster").EnumerateArray(),
            l => Assert.Equal(JsonValueKind.Null, l.GetProperty("checkedInAt").ValueKind));

        var checkedIn = await HttpAssert.JsonAsync(await CheckInAsync(world, v[0].Client, activityId, new { code }), HttpStatusCode.OK);
        Assert.Equal(Now, checkedIn.GetProperty("checkedInAt").GetDateTimeOffset());
        (world, v) = await AdvanceAsync(world, v, TimeSpan.FromMinutes(20));
        var twice = await HttpAssert.JsonAsync(await CheckInAsync(world, v[0].Client, activityId, new { code }), HttpStatusCode.OK);
        Assert.Equal(checkedIn.GetProperty("checkedInAt").GetDateTimeOffset(), twice.GetProperty("checkedInAt").GetDateTimeOffset()); // the first time stays

        (world, v) = await AdvanceAsync(world, v, end - Now); // the very end: still open
        await HttpAssert.JsonAsync(await CheckInAsync(world, v[1].Client, activityId, new { code }), HttpStatusCode.OK);

        (world, v) = await AdvanceAsync(world, v, TimeSpan.FromMinutes(1)); // after the end: closed to the code
        var closed = await HttpAssert.ProblemAsync(await CheckInAsync(world, v[2].Client, activityId, new { code }), HttpStatusCode.Conflict);
        Assert.Contains("over", closed.GetProperty("detail").GetString());
        // Staff recording it after the end record it from the start, so that the check-out credits the shift.
        var byStaff = await HttpAssert.JsonAsync(await CheckInAsync(world, world.Staff.Client, activityId, new { volunteerId = v[2].VolunteerId }), HttpStatusCode.OK);
        Assert.Equal(start, byStaff.GetProperty("checkedInAt").GetDateTimeOffset());
        var outByStaff = await HttpAssert.JsonAsync(await world.Staff.Client.PostAsJsonAsync($"{world.Api}/activities/{activityId}/check-out", new { volunteerId = v[2].VolunteerId }), HttpStatusCode.OK);
        Assert.Equal(1.0, outByStaff.GetProperty("creditedHours").GetDouble());

        var roster = (await world.DetailAsync(activityId)).GetProperty("roster").EnumerateArray()
            .ToDictionary(l => l.GetProperty("volunteerId").GetInt32(), l => l.GetProperty("checkedInAt").GetDateTimeOffset());
        Assert.Equal(start.AddMinutes(-29), roster[v[0].VolunteerId]);
        Assert.Equal(end, roster[v[1].VolunteerId]);
        Assert.Equal(start, roster[v[2].VolunteerId]);
    }

    [Fact]
    public async Task Hours_credited_never_exceed_the_shift_and_points_follow_the_centres_rate()
    {
        var world = await VolunteerWorld.CreateAsync(host, "tianyi");
        await world.SetAsync("pointsPerHour", "12");
        var v = await world.VolunteersAsync(2);
        var start = Now.AddMinutes(25);
        var end = start.AddMinutes(90);
        var activityId = await world.ActivityAsync(start, end - start, capacity: 5);
        foreach (var volunteer in v)
            await world.SignUpAsync(volunteer, activityId);
        var code = await world.CodeAsync(activityId);

        // The first comes early and leaves late; the second comes 15 minutes late and leaves 20 minutes early.
        await HttpAssert.JsonAsync(await CheckInAsync(world, v[0].Client, activityId, new { code }), HttpStatusCode.OK);
        (world, v) = await AdvanceAsync(world, v, start.AddMinutes(15) - Now);
        await HttpAssert.JsonAsync(await CheckInAsync(world, v[1].Client, activityId, new { code }), HttpStatusCode.OK);
        (world, v) = await AdvanceAsync(world, v, end.AddMinutes(-20) - Now);
        var partial = await HttpAssert.JsonAsync(await CheckOutAsync(world, v[1].Client, activityId, new { code }), HttpStatusCode.OK);
        Assert.Equal(55 / 60.0, partial.GetProperty("creditedHours").GetDouble(), 6);
        Assert.Equal(11, partial.GetProperty("creditedPoints").GetInt32()); // 55 minutes at 12 an hour
        (world, v) = await AdvanceAsync(world, v, end.AddMinutes(45) - Now);
        var full = await HttpAssert.JsonAsync(await CheckOutAsync(world, v[0].Client, activityId, new { code }), HttpStatusCode.OK);
        Assert.Equal(1.5, full.GetProperty("creditedHours").GetDouble(), 6);
        Assert.Equal(18, full.GetProperty("creditedPoints").GetInt32());

        // Checking out twice credits nothing more.
        await HttpAssert.JsonAsync(await CheckOutAsync(world, v[0].Client, activityId, new { code }), HttpStatusCode.OK);
        var hours = await world.HoursAsync(v[0]);
        Assert.Equal(1.5, hours.GetProperty("hours").GetDouble(), 6);
        Assert.Equal(18, hours.GetProperty("points").GetInt32());
        var credit = Assert.Single(hours.GetProperty("lines").EnumerateArray());
        Assert.Equal("credit", credit.GetProperty("kind").GetString());
        Assert.Equal(1.5, credit.GetProperty("hours").GetDouble(), 6);
        var roster = (await world.DetailAsync(activityId)).GetProperty("roster").EnumerateArray()
            .ToDictionary(l => l.GetProperty("volunteerId").GetInt32(), l => l.GetProperty("creditedHours").GetDouble());
        Assert.Equal(1.5, roster[v[0].VolunteerId], 6);
        Assert.Equal(55 / 60.0, roster[v[1].VolunteerId], 6);
    }

    [Fact]
    public async Task Check_out_with_the_code_closes_an_hour_after_the_end_and_then_only_staff_can_record_it()
    {
        var world = await VolunteerWorld.CreateAsync(host, "jinmi");
        var v = await world.VolunteersAsync(2);
        var start = Now.AddMinutes(10);
        var end = start.AddHours(1);
        var activityId = await world.ActivityAsync(start, end - start, capacity: 5);
        foreach (var volunteer in v)
            await world.SignUpAsync(volunteer, activityId);
        var code = await world.CodeAsync(activityId);
        foreach (var volunteer in v)
            await HttpAssert.JsonAsync(await CheckInAsync(world, volunteer.Client, activityId, new { code }), HttpStatusCode.OK);

        (world, v) = await AdvanceAsync(world, v, end.AddMinutes(60) - Now); // the last minute of check-out
        var onTime = await HttpAssert.JsonAsync(await CheckOutAsync(world, v[0].Client, activityId, new { code }), HttpStatusCode.OK);
        Assert.Equal(1.0, onTime.GetProperty("creditedHours").GetDouble(), 6);

        (world, v) = await AdvanceAsync(world, v, TimeSpan.FromMinutes(1));
        var closed = await HttpAssert.ProblemAsync(await CheckOutAsync(world, v[1].Client, activityId, new { code }), HttpStatusCode.Conflict);
        Assert.Contains("closed", closed.GetProperty("detail").GetString());
        Assert.Equal(0, (await world.HoursAsync(v[1])).GetProperty("lines").GetArrayLength());

        var byStaff = await HttpAssert.JsonAsync(await CheckOutAsync(world, world.Staff.Client, activityId, new { volunteerId = v[1].VolunteerId }), HttpStatusCode.OK);
        Assert.Equal(1.0, byStaff.GetProperty("creditedHours").GetDouble(), 6);
        Assert.Equal(10, byStaff.GetProperty("creditedPoints").GetInt32()); // the default rate
        Assert.Equal(1.0, (await world.HoursAsync(v[1])).GetProperty("hours").GetDouble(), 6);

        // Only staff may name someone else.
        var other = await HttpAssert.ProblemAsync(await CheckOutAsync(world, v[0].Client, activityId, new { volunteerId = v[1].VolunteerId }), HttpStatusCode.Forbidden);
        Assert.NotNull(other.GetProperty("detail").GetString());
    }
}
