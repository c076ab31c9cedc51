using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HappyCommunity.Tests.Infrastructure;
using HappyCommunity.Tests.Repair;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HappyCommunity.Tests.Events;

/// <summary>Repairs and Volunteers loaded from disk, knowing each other only through the SDK's help events; a clock the test moves.</summary>
public sealed class RepairVolunteersHost : TestHost
{
    public RepairVolunteersHost() : this(new FakeTimeProvider(DateTimeOffset.UtcNow))
    {
    }

    private RepairVolunteersHost(FakeTimeProvider clock)
        : base(new PluginFolder().AddModule("repair").AddModule("volunteers"),
            new Dictionary<string, string?> { ["Modules:repair:WatchSeconds"] = "1", ["Modules:volunteers:WatchSeconds"] = "1", ["Events:PollSeconds"] = "0.3" },
            services: s => s.AddSingleton<TimeProvider>(clock)) => Clock = clock;

    public FakeTimeProvider Clock { get; }
}

/// <summary>
/// The proving flow: a small repair for an elderly resident goes to the centre's volunteers; done by one, the request is
/// resolved and the volunteer credited; not taken in time, or with Volunteers off, property staff get it as usual.
/// </summary>
public sealed class RepairVolunteerFlowTests(RepairVolunteersHost host) : IClassFixture<RepairVolunteersHost>
{
    private sealed record Flow(RepairWorld World, Person Volunteer);

    private async Task<Flow> SetUpAsync(string centre, bool volunteersOn = true)
    {
        var world = await RepairWorld.CreateAsync(host, centre, residentTags: ["elderly"]);
        await host.SetModuleAsync(centre, "volunteers", true);
        var (name, id, client) = await host.UserAsync(centre, "volunteer");
        var applied = await HttpAssert.JsonAsync(await client.PostAsJsonAsync($"/api/c/{centre}/volunteers/applications",
            new { phone = "13900000002", skills = new[] { "repair" }, availability = "周末" }), HttpStatusCode.Created);
        await HttpAssert.JsonAsync(await world.Dispatcher.Client.PostAsJsonAsync(
            $"/api/c/{centre}/volunteers/applications/{applied.GetProperty("id").GetInt32()}/approve", new { }), HttpStatusCode.OK);
        if (!volunteersOn) await host.SetModuleAsync(centre, "volunteers", false);
        return new Flow(world, new Person(id, client, name));
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (DateTime.UtcNow > until) throw new TimeoutException($"{what} did not happen in time");
            await Task.Delay(50);
        }
    }

    private async Task<JsonElement> RequestAsync(RepairWorld world, int id) =>
        await HttpAssert.JsonAsync(await (await host.AdminAsync()).GetAsync($"{world.Api}/requests/{id}"), HttpStatusCode.OK);

    private static async Task<JsonElement> TaskOnBoardAsync(Flow flow, int requestId) =>
        await EventuallyAsync(async () => (await HttpAssert.JsonAsync(await flow.Volunteer.Client.GetAsync($"/api/c/{flow.World.Centre}/volunteers/help-tasks"), HttpStatusCode.OK))
            .EnumerateArray().FirstOrDefault(t => t.GetProperty("sourceModule").GetString() == "repair" && t.GetProperty("sourceRef").GetString() == requestId.ToString()),
            t => t.ValueKind == JsonValueKind.Object, "the help task on the volunteers' board");

    [Fact]
    public async Task A_small_repair_for_an_elderly_resident_is_done_by_a_volunteer_who_is_credited_and_the_request_resolved()
    {
        var flow = await SetUpAsync("zhaoxiangcun");
        var world = flow.World;
        var submitted = await world.SubmitAsync(world.Resident.Client, new { description = "窗户关不上", categoryId = world.CategoryId("doors-windows") });
        Assert.Equal("with-volunteer", submitted.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, submitted.GetProperty("assigneeId").ValueKind);
        var id = submitted.GetProperty("id").GetInt32();

        var task = await TaskOnBoardAsync(flow, id);
        Assert.Equal(JsonValueKind.Null, task.GetProperty("privateDetails").ValueKind); // the flat and phone only for the one who claims it
        Assert.DoesNotContain("301", task.GetProperty("place").GetString() ?? "");
        var taskId = task.GetProperty("id").GetInt32();

        var claimed = await HttpAssert.JsonAsync(await flow.Volunteer.Client.PostAsJsonAsync($"/api/c/{world.Centre}/volunteers/help-tasks/{taskId}/claim", new { }), HttpStatusCode.OK);
        Assert.Contains("301", claimed.GetProperty("privateDetails").GetString());
        await EventuallyAsync(() => RequestAsync(world, id),
            r => r.GetProperty("timeline").EnumerateArray().Any(t => t.GetProperty("kind").GetString() == "volunteer-claimed"), "the claim reaching Repair");

        await HttpAssert.JsonAsync(await flow.Volunteer.Client.PostAsJsonAsync($"/api/c/{world.Centre}/volunteers/help-tasks/{taskId}/complete",
            new { note = "换了窗户合页" }), HttpStatusCode.OK);
        var resolved = await EventuallyAsync(() => RequestAsync(world, id), r => r.GetProperty("status").GetString() == "resolved", "the request resolved");
        Assert.Contains(resolved.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("text").GetString()!.Contains("换了窗户合页"));

        var hours = await HttpAssert.JsonAsync(await flow.Volunteer.Client.GetAsync($"/api/c/{world.Centre}/volunteers/hours/me"), HttpStatusCode.OK);
        Assert.Equal(1.0, hours.GetProperty("hours").GetDouble());
        Assert.Equal(10, hours.GetProperty("points").GetInt32());

        var rated = await world.ActAsync(world.Resident.Client, id, "rate", new { rating = 5 });
        Assert.Equal("closed", rated.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, resolved.GetProperty("assigneeId").ValueKind); // no property staff were sent

        // The centre's dashboard counts the volunteer and the job.
        var dashboard = await HttpAssert.JsonAsync(await world.CentreAdmin.Client.GetAsync($"/api/c/{world.Centre}/dashboard"), HttpStatusCode.OK);
        var figures = dashboard.EnumerateArray().Single(m => m.GetProperty("module").GetString() == "volunteers").GetProperty("figures").EnumerateArray()
            .ToDictionary(f => f.GetProperty("key").GetString()!, f => f.GetProperty("value").GetDecimal());
        Assert.Equal(1m, figures["volunteers.help-done"]);
        Assert.Equal(1m, figures["volunteers.active"]);
        Assert.Equal(1m, figures["volunteers.hours-this-month"]);
    }

    [Fact]
    public async Task A_task_nobody_claims_in_time_goes_to_property_staff_as_usual()
    {
        var flow = await SetUpAsync("songze");
        var world = flow.World;
        var submitted = await world.SubmitAsync(world.Resident.Client, new { description = "楼道灯坏了", categoryId = world.CategoryId("public-lighting") });
        Assert.Equal("with-volunteer", submitted.GetProperty("status").GetString());
        var id = submitted.GetProperty("id").GetInt32();
        await TaskOnBoardAsync(flow, id);

        // Public lighting: 8 h to respond, halved for an elderly resident; volunteers get half of that to claim it.
        host.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
        var assigned = await EventuallyAsync(() => RequestAsync(world, id), r => r.GetProperty("status").GetString() == "assigned", "the fallback to property staff");
        Assert.Contains(assigned.GetProperty("assigneeId").GetString(), world.Workers.Select(w => w.Id));
        Assert.Contains(assigned.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("kind").GetString() == "volunteer-fallback");

        var volunteer = await host.LoginAsync(flow.Volunteer.UserName, "Passw0rd-1"); // moving the clock expired the old token
        var mine = (await HttpAssert.JsonAsync(await volunteer.GetAsync($"/api/c/{world.Centre}/volunteers/help-tasks"), HttpStatusCode.OK)).EnumerateArray();
        Assert.DoesNotContain(mine, t => t.GetProperty("sourceRef").GetString() == id.ToString());
    }

    [Fact]
    public async Task With_volunteers_off_at_the_centre_the_same_report_goes_straight_to_property_staff()
    {
        var flow = await SetUpAsync("fangxia", volunteersOn: false);
        var world = flow.World;
        var submitted = await world.SubmitAsync(world.Resident.Client, new { description = "窗户关不上", categoryId = world.CategoryId("doors-windows") });
        Assert.Equal("assigned", submitted.GetProperty("status").GetString());
        Assert.Contains(submitted.GetProperty("assigneeId").GetString(), world.Workers.Select(w => w.Id));
    }

    [Fact]
    public async Task A_category_not_for_volunteers_is_dispatched_to_staff_even_for_an_elderly_resident()
    {
        var flow = await SetUpAsync("zhongbu");
        var submitted = await flow.World.SubmitAsync(flow.World.Resident.Client, new { description = "水管爆了", categoryId = flow.World.CategoryId("plumbing") });
        Assert.Equal("assigned", submitted.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_request_cancelled_while_with_volunteers_leaves_the_board_and_switching_volunteers_off_hands_the_rest_to_staff()
    {
        var flow = await SetUpAsync("xujingcun");
        var world = flow.World;
        var first = await world.SubmitAsync(world.Resident.Client, new { description = "门把手掉了", categoryId = world.CategoryId("doors-windows") });
        var firstId = first.GetProperty("id").GetInt32();
        var second = await world.SubmitAsync(world.Resident.Client, new { description = "院子里的树枝断了", categoryId = world.CategoryId("greenery") });
        var secondId = second.GetProperty("id").GetInt32();
        await TaskOnBoardAsync(flow, firstId);
        await TaskOnBoardAsync(flow, secondId);

        await world.ActAsync(world.Resident.Client, firstId, "cancel", new { reason = "自己修好了" });
        await EventuallyAsync(async () => (await HttpAssert.JsonAsync(await flow.Volunteer.Client.GetAsync($"/api/c/{world.Centre}/volunteers/help-tasks"), HttpStatusCode.OK))
            .EnumerateArray().Any(t => t.GetProperty("sourceRef").GetString() == firstId.ToString()), gone => !gone, "the withdrawn task leaving the board");

        await host.SetModuleAsync(world.Centre, "volunteers", false);
        var taken = await EventuallyAsync(() => RequestAsync(world, secondId), r => r.GetProperty("status").GetString() == "assigned", "the deadline watch handing it to staff");
        Assert.Contains(taken.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("kind").GetString() == "volunteer-fallback");
    }
}
