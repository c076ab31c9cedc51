using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HappyCommunity.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HappyCommunity.Tests.Repair;

/// <summary>A host whose clock the test moves: deadlines, escalation and auto-close happen as time passes.</summary>
public sealed class MovedClockRepairHost : TestHost
{
    public MovedClockRepairHost() : this(new FakeTimeProvider(DateTimeOffset.UtcNow))
    {
    }

    private MovedClockRepairHost(FakeTimeProvider clock)
        : base(new PluginFolder().AddModule("repair"), new Dictionary<string, string?> { ["Modules:repair:WatchSeconds"] = "1" },
            services: s => s.AddSingleton<TimeProvider>(clock)) => Clock = clock;

    public FakeTimeProvider Clock { get; }
}

public sealed class RepairDeadlineTests(MovedClockRepairHost host) : IClassFixture<MovedClockRepairHost>
{
    private async Task<JsonElement> WaitForAsync(string centre, int id, Func<JsonElement, bool> condition)
    {
        for (var i = 0; i < 100; i++)
        {
            var admin = await host.AdminAsync(); // a fresh sign-in: moving the clock expires tokens, as it would
            var detail = await HttpAssert.JsonAsync(await admin.GetAsync($"/api/c/{centre}/repair/requests/{id}"), HttpStatusCode.OK);
            if (condition(detail)) return detail;
            await Task.Delay(100);
        }
        throw new TimeoutException($"request {id} never reached the expected state");
    }

    [Fact]
    public async Task A_late_request_is_marked_escalated_to_the_centre_then_the_town_and_a_silent_fix_closes_itself()
    {
        var world = await RepairWorld.CreateAsync(host, "liandong", workers: 1);
        var admin = await host.AdminAsync();
        var town = await HttpAssert.JsonAsync(await admin.PostAsJsonAsync("/api/users",
            new { userName = "town-liantang", password = "Passw0rd-1", displayName = "练塘镇管理员", town = "liantang", role = "town-admin" }), HttpStatusCode.Created);
        var late = await world.SubmitAsync(world.Resident.Client, new { description = "电梯停了", categoryId = world.CategoryId("lift") }); // respond within 1 h
        var lateId = late.GetProperty("id").GetInt32();
        var fixedOne = await world.SubmitAsync(world.Resident.Client, new { description = "门铃坏了", categoryId = world.CategoryId("electrical") });
        var fixedId = fixedOne.GetProperty("id").GetInt32();
        var worker = world.Workers[0].Client;
        await world.ActAsync(worker, fixedId, "accept");
        await world.ActAsync(worker, fixedId, "resolve");
        host.Clock.Advance(TimeSpan.FromMinutes(61));
        var overdue = await WaitForAsync("liandong", lateId, d => d.GetProperty("escalationLevel").GetInt32() == 1);
        Assert.True(overdue.GetProperty("responseOverdue").GetBoolean());
        Assert.Contains(overdue.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("kind").GetString() == "escalated");
        var centreAdmin = await host.LoginAsync(world.CentreAdmin.UserName, "Passw0rd-1");
        Assert.Contains(await world.InboxAsync(centreAdmin), n => n.GetProperty("body").GetString()!.Contains($"#{lateId}"));

        // Still overdue 24 hours later: the town admin hears (default setting), once.
        host.Clock.Advance(TimeSpan.FromHours(24));
        var badly = await WaitForAsync("liandong", lateId, d => d.GetProperty("escalationLevel").GetInt32() == 2);
        Assert.True(badly.GetProperty("resolutionOverdue").GetBoolean());
        var townClient = await host.LoginAsync("town-liantang", "Passw0rd-1");
        Assert.Single(await world.InboxAsync(townClient), n => n.GetProperty("body").GetString()!.Contains($"#{lateId}"));

        // Nobody answered the fix for three days (default setting): it closes itself, and the resident is told.
        host.Clock.Advance(TimeSpan.FromDays(2));
        var closed = await WaitForAsync("liandong", fixedId, d => d.GetProperty("status").GetString() == "closed");
        Assert.Contains(closed.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("kind").GetString() == "auto-closed");
        _ = town;
    }
}
