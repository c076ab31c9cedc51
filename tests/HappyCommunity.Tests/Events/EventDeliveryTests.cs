using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HappyCommunity.Tests.Infrastructure;
using HappyCommunity.Tests.Repair;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace HappyCommunity.Tests.Events;

/// <summary>
/// Volunteers and the events probe loaded from disk; the dispatcher retries fast and parks after two failures, so
/// that failing, parking and an admin's retry all happen within a test.
/// </summary>
public sealed class EventsHost() : TestHost(new PluginFolder().AddModule("volunteers").AddTestPlugin("events-probe"),
    new Dictionary<string, string?>
    {
        ["Events:MaxAttempts"] = "2",
        ["Events:RetryBaseSeconds"] = "0.2",
        ["Events:PollSeconds"] = "0.3",
    });

/// <summary>Durable events between modules, over real HTTP, real plugins and real SQLite files.</summary>
public sealed class EventDeliveryTests(EventsHost host, ITestOutputHelper output) : IClassFixture<EventsHost>
{
    private const string Centre = "zhaoxiangcun";
    private static string Probe => $"/api/c/{Centre}/events-probe";

    private async Task<HttpClient> ReadyAsync()
    {
        await host.SetModuleAsync(Centre, "events-probe", true);
        await host.SetModuleAsync(Centre, "volunteers", true);
        return await host.AdminAsync();
    }

    private static async Task<Guid> PublishAsync(HttpClient admin, string reference) =>
        (await HttpAssert.JsonAsync(await admin.PostAsJsonAsync($"{Probe}/publish", new { @ref = reference }), HttpStatusCode.OK))
        .GetProperty("eventId").GetGuid();

    private static async Task<List<JsonElement>> ReceivedAsync(HttpClient admin, string reference) =>
        (await HttpAssert.JsonAsync(await admin.GetAsync($"{Probe}/received"), HttpStatusCode.OK)).EnumerateArray()
        .Where(r => r.GetProperty("sourceRef").GetString() == reference).ToList();

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, int seconds = 15)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (DateTime.UtcNow > until) throw new TimeoutException($"{what} did not happen within {seconds} s");
            await Task.Delay(50);
        }
    }

    private static async Task<List<JsonElement>> DeliveriesAsync(HttpClient admin, string status) =>
        (await HttpAssert.JsonAsync(await admin.GetAsync($"/api/events/deliveries?status={status}"), HttpStatusCode.OK)).EnumerateArray().ToList();

    private long OutboxAttempts(Guid eventId)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(host.DataPath, "modules", "events-probe.db")}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """SELECT "Attempts" FROM "__outbox" WHERE lower("Id") = lower($id) AND "DispatchedAt" IS NOT NULL""";
        command.Parameters.AddWithValue("$id", eventId.ToString());
        return command.ExecuteScalar() is long attempts ? attempts : 0;
    }

    [Fact]
    public async Task An_event_committed_in_one_module_reaches_the_handlers_of_the_others_once()
    {
        var admin = await ReadyAsync();
        var eventId = await PublishAsync(admin, "hello-1");

        var received = await EventuallyAsync(() => ReceivedAsync(admin, "hello-1"), r => r.Count > 0, "delivery to the probe's own handler");
        Assert.Equal(eventId, received.Single().GetProperty("eventId").GetGuid());
        // The Volunteers module, which knows nothing of the probe, put it on the help board.
        var board = await EventuallyAsync(async () => (await HttpAssert.JsonAsync(await admin.GetAsync($"/api/c/{Centre}/volunteers/help-tasks?all=true"), HttpStatusCode.OK)).EnumerateArray().ToList(),
            b => b.Any(t => t.GetProperty("sourceRef").GetString() == "hello-1"), "the help task on the board");
        Assert.Equal("open", board.Single(t => t.GetProperty("sourceRef").GetString() == "hello-1").GetProperty("status").GetString());
        await EventuallyAsync(() => Task.FromResult(OutboxAttempts(eventId)), a => a == 1, "the outbox row marked dispatched");
    }

    [Fact]
    public async Task A_handler_that_keeps_failing_is_parked_with_its_error_and_the_other_handlers_still_get_the_event()
    {
        var admin = await ReadyAsync();
        var eventId = await PublishAsync(admin, "fail-always-1");

        var parked = await EventuallyAsync(() => DeliveriesAsync(admin, "parked"), d => d.Any(x => x.GetProperty("eventId").GetGuid() == eventId), "parking");
        var delivery = parked.Single(x => x.GetProperty("eventId").GetGuid() == eventId);
        Assert.Equal(2, delivery.GetProperty("attempts").GetInt32());
        Assert.Equal("events-probe", delivery.GetProperty("handlerModule").GetString());
        Assert.Equal(Centre, delivery.GetProperty("centre").GetString());
        Assert.Contains("fails on purpose", delivery.GetProperty("lastError").GetString());
        Assert.Empty(await ReceivedAsync(admin, "fail-always-1"));

        var board = (await HttpAssert.JsonAsync(await admin.GetAsync($"/api/c/{Centre}/volunteers/help-tasks?all=true"), HttpStatusCode.OK)).EnumerateArray();
        Assert.Contains(board, t => t.GetProperty("sourceRef").GetString() == "fail-always-1");

        // Parked is never dropped: it is still there a while later, on the admins' page too, with a way to send it again.
        await Task.Delay(1000);
        Assert.Contains(await DeliveriesAsync(admin, "parked"), x => x.GetProperty("eventId").GetGuid() == eventId);
        var page = await admin.GetAsync("/admin/events");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains($"data-delivery=\"{delivery.GetProperty("id").GetInt64()}\"", html);
        Assert.Contains($"/admin/events/{delivery.GetProperty("id").GetInt64()}/retry", html);
        var (_, _, staff) = await host.UserAsync(Centre, "staff");
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/admin/events")).StatusCode);
    }

    [Fact]
    public async Task A_parked_delivery_retried_by_an_admin_goes_through_and_the_handlers_that_had_it_do_not_run_again()
    {
        var admin = await ReadyAsync();
        var eventId = await PublishAsync(admin, "fail-twice-1"); // fails twice: parked after the second, as MaxAttempts is 2

        var parked = await EventuallyAsync(() => DeliveriesAsync(admin, "parked"), d => d.Any(x => x.GetProperty("eventId").GetGuid() == eventId), "parking");
        var id = parked.Single(x => x.GetProperty("eventId").GetGuid() == eventId).GetProperty("id").GetInt64();
        var (_, _, staff) = await host.UserAsync(Centre, "staff");
        await HttpAssert.ProblemAsync(await staff.PostAsync($"/api/events/deliveries/{id}/retry", null), HttpStatusCode.NotFound);

        await HttpAssert.JsonAsync(await admin.PostAsync($"/api/events/deliveries/{id}/retry", null), HttpStatusCode.Accepted);
        var received = await EventuallyAsync(() => ReceivedAsync(admin, "fail-twice-1"), r => r.Count > 0, "delivery after the retry");
        Assert.Single(received);
        var delivered = await EventuallyAsync(() => DeliveriesAsync(admin, "delivered"), d => d.Any(x => x.GetProperty("eventId").GetGuid() == eventId), "delivered status");
        Assert.Equal(eventId, delivered.Single(x => x.GetProperty("eventId").GetGuid() == eventId).GetProperty("eventId").GetGuid());
        await HttpAssert.ProblemAsync(await admin.PostAsync($"/api/events/deliveries/{id}/retry", null), HttpStatusCode.Conflict);

        // Volunteers had it the first time; its receipt kept the second pass from making a second task.
        var board = (await HttpAssert.JsonAsync(await admin.GetAsync($"/api/c/{Centre}/volunteers/help-tasks?all=true"), HttpStatusCode.OK)).EnumerateArray();
        Assert.Single(board, t => t.GetProperty("sourceRef").GetString() == "fail-twice-1");
    }

    [Fact]
    public async Task A_delivery_made_again_after_a_lost_dispatch_mark_is_ignored_by_the_receiver()
    {
        var admin = await ReadyAsync();
        var eventId = await PublishAsync(admin, "dup-1");
        await EventuallyAsync(() => Task.FromResult(OutboxAttempts(eventId)), a => a == 1, "the first dispatch");

        // As if the host died after the handlers ran but before it marked the event dispatched: it goes out again.
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(host.DataPath, "modules", "events-probe.db")}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """UPDATE "__outbox" SET "DispatchedAt" = NULL WHERE lower("Id") = lower($id)""";
            command.Parameters.AddWithValue("$id", eventId.ToString());
            Assert.Equal(1, command.ExecuteNonQuery());
        }
        await EventuallyAsync(() => Task.FromResult(OutboxAttempts(eventId)), a => a == 2, "the second dispatch");

        Assert.Single(await ReceivedAsync(admin, "dup-1"));
        var board = (await HttpAssert.JsonAsync(await admin.GetAsync($"/api/c/{Centre}/volunteers/help-tasks?all=true"), HttpStatusCode.OK)).EnumerateArray();
        Assert.Single(board, t => t.GetProperty("sourceRef").GetString() == "dup-1");
    }

    [Fact]
    public async Task A_module_switched_off_in_the_events_centre_is_not_called_and_other_centres_are_unaffected()
    {
        const string other = "huaxincun";
        var admin = await ReadyAsync();
        await host.SetModuleAsync(other, "events-probe", true);
        await host.SetModuleAsync(other, "volunteers", true);
        await host.SetModuleAsync(Centre, "volunteers", false);
        try
        {
            var offId = await PublishAsync(admin, "while-off-1");
            var onId = (await HttpAssert.JsonAsync(await admin.PostAsJsonAsync($"/api/c/{other}/events-probe/publish", new { @ref = "elsewhere-1" }), HttpStatusCode.OK))
                .GetProperty("eventId").GetGuid();
            await EventuallyAsync(() => Task.FromResult(OutboxAttempts(offId)), a => a == 1, "dispatch while off");
            await EventuallyAsync(() => Task.FromResult(OutboxAttempts(onId)), a => a == 1, "dispatch elsewhere");
            Assert.Single(await ReceivedAsync(admin, "while-off-1")); // the probe itself is on here
            var elsewhere = (await HttpAssert.JsonAsync(await admin.GetAsync($"/api/c/{other}/volunteers/help-tasks?all=true"), HttpStatusCode.OK)).EnumerateArray();
            Assert.Contains(elsewhere, t => t.GetProperty("sourceRef").GetString() == "elsewhere-1");
        }
        finally
        {
            await host.SetModuleAsync(Centre, "volunteers", true);
        }
        var board = (await HttpAssert.JsonAsync(await admin.GetAsync($"/api/c/{Centre}/volunteers/help-tasks?all=true"), HttpStatusCode.OK)).EnumerateArray();
        Assert.DoesNotContain(board, t => t.GetProperty("sourceRef").GetString() == "while-off-1");
    }

    [Fact]
    public async Task Only_admins_see_deliveries_and_a_bad_status_filter_names_the_field()
    {
        var admin = await ReadyAsync();
        var (_, _, staff) = await host.UserAsync(Centre, "staff");
        await HttpAssert.ProblemAsync(await staff.GetAsync("/api/events/deliveries"), HttpStatusCode.Forbidden);
        var (_, _, centreAdmin) = await host.UserAsync("huaxincun", "centre-admin");
        await HttpAssert.ProblemAsync(await centreAdmin.GetAsync($"/api/events/deliveries?centre={Centre}"), HttpStatusCode.Forbidden);
        var problem = await HttpAssert.ProblemAsync(await admin.GetAsync("/api/events/deliveries?status=lost"), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("status", out _));
    }

    /// <summary>Reports the commit-to-handler latency, paced and in a burst; the figures are printed, not asserted (machines here are shared).</summary>
    [Fact]
    public async Task Events_paced_and_in_a_burst_are_all_delivered_and_their_latency_is_reported()
    {
        const string centre = "fengxi"; // its own centre: these tasks stay off the other tests' board
        await host.SetModuleAsync(centre, "events-probe", true);
        await host.SetModuleAsync(centre, "volunteers", true);
        var admin = await host.AdminAsync();
        foreach (var (kind, count, pace) in new[] { ("paced", 100, 20), ("burst", 200, 0) })
        {
            for (var i = 0; i < count; i++)
            {
                await HttpAssert.JsonAsync(await admin.PostAsJsonAsync($"/api/c/{centre}/events-probe/publish", new { @ref = $"{kind}-{i}" }), HttpStatusCode.OK);
                if (pace > 0) await Task.Delay(pace);
            }
            var all = await EventuallyAsync(async () => (await HttpAssert.JsonAsync(await admin.GetAsync($"/api/c/{centre}/events-probe/received"), HttpStatusCode.OK)).EnumerateArray()
                .Where(r => r.GetProperty("sourceRef").GetString()!.StartsWith(kind + "-", StringComparison.Ordinal)).ToList(), r => r.Count >= count, $"{count} deliveries", 60);
            Assert.Equal(count, all.Select(r => r.GetProperty("sourceRef").GetString()).Distinct().Count());
            var latencies = all.Select(r => r.GetProperty("latencyMs").GetDouble()).Order().ToList();
            output.WriteLine($"event delivery latency, {count} events {(pace > 0 ? $"one every {pace} ms" : "back to back")}: " +
                             $"median {latencies[count / 2]:0.0} ms, p99 {latencies[(int)(count * 0.99) - 1]:0.0} ms, max {latencies[^1]:0.0} ms");
        }
    }
}

/// <summary>The host as its own process, killed with SIGKILL between the commit and the dispatch.</summary>
[Collection(ProcessTestsCollection.Name)]
public sealed class EventCrashTests
{
    [Fact]
    public async Task An_event_committed_before_the_host_was_killed_is_delivered_after_the_restart()
    {
        var plugins = new PluginFolder().AddModule("volunteers").AddTestPlugin("events-probe");
        var data = TestPaths.NewTempDirectory("data-events-kill");
        try
        {
            Guid eventId;
            // Dispatch off: the event is committed and the host dies before any dispatcher has read it.
            using (var first = await HostProcess.StartAsync(plugins.Path, data, new Dictionary<string, string> { ["Events:Dispatch"] = "false" }))
            {
                var admin = await first.AdminAsync();
                Assert.True((await admin.PutAsJsonAsync("/api/centres/jinzecun/modules/events-probe", new { enabled = true })).IsSuccessStatusCode);
                Assert.True((await admin.PutAsJsonAsync("/api/centres/jinzecun/modules/volunteers", new { enabled = true })).IsSuccessStatusCode);
                eventId = (await HttpAssert.JsonAsync(await admin.PostAsJsonAsync("/api/c/jinzecun/events-probe/publish", new { @ref = "crash-1" }), HttpStatusCode.OK))
                    .GetProperty("eventId").GetGuid();
                await Task.Delay(300);
                var none = await HttpAssert.JsonAsync(await admin.GetAsync("/api/c/jinzecun/events-probe/received"), HttpStatusCode.OK);
                Assert.Equal(0, none.GetArrayLength());
                first.Kill();
            }

            using var second = await HostProcess.StartAsync(plugins.Path, data);
            var again = await second.AdminAsync();
            var until = DateTime.UtcNow.AddSeconds(20);
            JsonElement received;
            do
            {
                received = await HttpAssert.JsonAsync(await again.GetAsync("/api/c/jinzecun/events-probe/received"), HttpStatusCode.OK);
                if (received.GetArrayLength() > 0) break;
                await Task.Delay(100);
            }
            while (DateTime.UtcNow < until);
            Assert.Equal(eventId, received.EnumerateArray().Single().GetProperty("eventId").GetGuid());
            var board = await HttpAssert.JsonAsync(await again.GetAsync("/api/c/jinzecun/volunteers/help-tasks?all=true"), HttpStatusCode.OK);
            Assert.Contains(board.EnumerateArray(), t => t.GetProperty("sourceRef").GetString() == "crash-1");
        }
        finally
        {
            try { Directory.Delete(data, true); Directory.Delete(plugins.Path, true); } catch (IOException) { }
        }
    }
}
