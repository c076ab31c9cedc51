using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HappyCommunity.Tests.Infrastructure;

namespace HappyCommunity.Tests.Volunteers;

/// <summary>
/// One centre's volunteering is closed to another's people, with the real ids of real records: through the other
/// centre's address, and through their own centre's address with this centre's ids.
/// </summary>
[Collection(VolunteersHostCollection.Name)]
public sealed class VolunteerIsolationTests(VolunteersHost host)
{
    private const string Victim = "mingzhu";
    private const string Outsider = "yingzhong";

    [Fact]
    public async Task Staff_and_volunteers_of_another_centre_can_neither_read_nor_change_this_centres_records_by_id()
    {
        var a = await VolunteerWorld.CreateAsync(host, Victim);
        var b = await VolunteerWorld.CreateAsync(host, Outsider);
        var va = await a.VolunteerAsync();
        var vb = await b.VolunteerAsync();
        await b.GivePointsAsync(vb, 500);

        var activityId = await a.ActivityAsync(DateTimeOffset.UtcNow.AddMinutes(10), TimeSpan.FromHours(1), capacity: 5);
        await a.SignUpAsync(va, activityId);
        var code = await a.CodeAsync(activityId);
        var credit = await a.GivePointsAsync(va, 80);
        var reward = await a.RewardAsync("保温杯", pointCost: 30, stock: 4);
        var redemption = (await HttpAssert.JsonAsync(await va.Client.PostAsync($"{a.Api}/rewards/{reward}/redeem", null), HttpStatusCode.Created)).GetProperty("id").GetInt32();
        var applicant = await a.ApplicantAsync();
        var helpTask = await HelpTaskAsync(a, va);
        var before = await SnapshotAsync(a, activityId, va);

        var ids = new Dictionary<string, object>
        {
            ["activity"] = activityId, ["volunteer"] = va.VolunteerId, ["reward"] = reward, ["redemption"] = redemption,
            ["applicant"] = applicant.VolunteerId, ["help"] = helpTask, ["line"] = credit.GetProperty("id").GetInt64(),
        };
        var leaks = new List<string>();
        foreach (var (who, client) in new[] { ("staff", b.Staff.Client), ("volunteer", vb.Client) })
            foreach (var centre in new[] { Victim, Outsider }) // their own centre's address with this centre's ids, too
                foreach (var (method, path, body) in Calls(ids, code, va.VolunteerId))
                {
                    using var request = new HttpRequestMessage(new HttpMethod(method), $"/api/c/{centre}/volunteers{path}");
                    if (body is not null) request.Content = JsonContent.Create(body);
                    var response = await client.SendAsync(request);
                    if (response.StatusCode is not (HttpStatusCode.Forbidden or HttpStatusCode.NotFound))
                        leaks.Add($"{who} {method} /api/c/{centre}/volunteers{path} -> {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
        Assert.Empty(leaks);

        Assert.Equal(before, await SnapshotAsync(a, activityId, va));
        // And the outsiders' own records did not pick anything up.
        Assert.Equal(500, (await b.HoursAsync(vb)).GetProperty("points").GetInt32());
        Assert.Equal(0, (await HttpAssert.JsonAsync(await b.Staff.Client.GetAsync($"{b.Api}/redemptions?all=true"), HttpStatusCode.OK)).GetArrayLength());
        Assert.Equal(0, (await HttpAssert.JsonAsync(await b.Staff.Client.GetAsync($"{b.Api}/rewards"), HttpStatusCode.OK)).GetArrayLength());
        Assert.Equal(0, (await HttpAssert.JsonAsync(await b.Staff.Client.GetAsync($"{b.Api}/activities"), HttpStatusCode.OK)).GetArrayLength());
        Assert.Equal(0, (await HttpAssert.JsonAsync(await b.Staff.Client.GetAsync($"{b.Api}/help-tasks?all=true"), HttpStatusCode.OK)).GetArrayLength());

        // The centre's own people still can: the calls were refused for who made them, not for being wrong.
        await HttpAssert.JsonAsync(await va.Client.PostAsync($"{a.Api}/help-tasks/{helpTask}/claim", null), HttpStatusCode.OK);
        await HttpAssert.JsonAsync(await a.Staff.Client.PostAsync($"{a.Api}/redemptions/{redemption}/confirm", null), HttpStatusCode.OK);
    }

    private static IEnumerable<(string Method, string Path, object? Body)> Calls(IReadOnlyDictionary<string, object> id, string code, int volunteerId) =>
    [
        ("GET", $"/activities/{id["activity"]}", null),
        ("POST", $"/activities/{id["activity"]}/cancel", null),
        ("POST", $"/activities/{id["activity"]}/signups", null),
        ("DELETE", $"/activities/{id["activity"]}/signups/me", null),
        ("POST", $"/activities/{id["activity"]}/signups/me/cancel", null),
        ("POST", $"/activities/{id["activity"]}/check-in", new { code }),
        ("POST", $"/activities/{id["activity"]}/check-in", new { volunteerId }),
        ("POST", $"/activities/{id["activity"]}/check-out", new { code }),
        ("POST", $"/activities/{id["activity"]}/check-out", new { volunteerId }),
        ("GET", $"/volunteers/{id["volunteer"]}/hours", null),
        ("POST", $"/volunteers/{id["volunteer"]}/adjustments", new { points = 1000, reason = "跨中心加分" }),
        ("POST", $"/volunteers/{id["volunteer"]}/adjustments", new { points = -80, reason = "跨中心扣分" }),
        ("POST", $"/volunteers/{id["volunteer"]}/adjustments", new { reason = "跨中心冲销", reverseEntryId = id["line"] }),
        ("POST", $"/applications/{id["applicant"]}/approve", new { }),
        ("POST", $"/applications/{id["applicant"]}/decline", new { note = "跨中心拒绝" }),
        ("PUT", $"/rewards/{id["reward"]}", new { stock = 0 }),
        ("POST", $"/rewards/{id["reward"]}/redeem", null),
        ("POST", $"/redemptions/{id["redemption"]}/confirm", null),
        ("POST", $"/redemptions/{id["redemption"]}/reject", null),
        ("POST", $"/help-tasks/{id["help"]}/claim", null),
        ("POST", $"/help-tasks/{id["help"]}/release", null),
        ("POST", $"/help-tasks/{id["help"]}/complete", new { note = "跨中心完成", hours = 1 }),
    ];

    /// <summary>A real help task in the centre: the events probe publishes a help request, and Volunteers puts it on the board.</summary>
    private async Task<int> HelpTaskAsync(VolunteerWorld world, Member volunteer)
    {
        await host.SetModuleAsync(world.Centre, "events-probe", true);
        var reference = $"iso-{Guid.NewGuid():N}";
        await HttpAssert.JsonAsync(await world.Staff.Client.PostAsJsonAsync($"/api/c/{world.Centre}/events-probe/publish", new { @ref = reference }), HttpStatusCode.OK);
        for (var i = 0; i < 100; i++)
        {
            var board = await HttpAssert.JsonAsync(await volunteer.Client.GetAsync($"{world.Api}/help-tasks"), HttpStatusCode.OK);
            if (board.EnumerateArray().FirstOrDefault(t => t.GetProperty("sourceRef").GetString() == reference) is { ValueKind: JsonValueKind.Object } task)
                return task.GetProperty("id").GetInt32();
            await Task.Delay(50);
        }
        throw new TimeoutException("the help request never reached the volunteers' board");
    }

    private static async Task<string> SnapshotAsync(VolunteerWorld world, int activityId, Member volunteer)
    {
        async Task<string> Get(string path) => (await HttpAssert.JsonAsync(await world.Staff.Client.GetAsync($"{world.Api}{path}"), HttpStatusCode.OK)).GetRawText();
        return string.Join("\n", await Get($"/activities/{activityId}"), await Get($"/volunteers/{volunteer.VolunteerId}/hours"), await Get("/rewards"),
            await Get("/redemptions?all=true"), await Get("/applications"), await Get("/help-tasks?all=true"), await Get("/ledger/totals"));
    }

    [Fact]
    public async Task A_centre_with_the_module_off_answers_404_on_its_routes_while_other_centres_are_served()
    {
        var off = await VolunteerWorld.CreateAsync(host, "panlong");
        var on = await VolunteerWorld.CreateAsync(host, "qianming");
        var volunteer = await off.VolunteerAsync();
        var activityId = await off.ActivityAsync(DateTimeOffset.UtcNow.AddDays(1), TimeSpan.FromHours(1), capacity: 2);
        var onsActivity = await on.ActivityAsync(DateTimeOffset.UtcNow.AddDays(1), TimeSpan.FromHours(1), capacity: 2);

        await host.SetModuleAsync(off.Centre, "volunteers", false);
        foreach (var (method, path) in new[]
                 {
                     ("GET", "/me"), ("GET", "/activities"), ("GET", $"/activities/{activityId}"), ("POST", $"/activities/{activityId}/signups"),
                     ("GET", "/hours/me"), ("GET", "/rewards"), ("POST", "/applications"), ("GET", "/help-tasks"),
                 })
        {
            foreach (var client in new[] { off.Staff.Client, volunteer.Client })
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), $"{off.Api}{path}");
                if (method == "POST") request.Content = JsonContent.Create(new { phone = "13900000000" });
                await HttpAssert.ProblemAsync(await client.SendAsync(request), HttpStatusCode.NotFound);
            }
        }
        var elsewhere = await HttpAssert.JsonAsync(await on.Staff.Client.GetAsync($"{on.Api}/activities"), HttpStatusCode.OK);
        Assert.Equal([onsActivity], elsewhere.EnumerateArray().Select(x => x.GetProperty("id").GetInt32()));

        // Switched back on, everything is where it was.
        await host.SetModuleAsync(off.Centre, "volunteers", true);
        Assert.Equal(activityId, (await off.DetailAsync(activityId)).GetProperty("activity").GetProperty("id").GetInt32());
        Assert.Equal("confirmed", (await off.SignUpAsync(volunteer, activityId)).GetProperty("status").GetString());
    }
}
