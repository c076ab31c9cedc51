using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HappyCommunity.Tests.Infrastructure;

namespace HappyCommunity.Tests.Repair;

/// <summary>Submission, dispatch and the life cycle over real HTTP, against the plugin loaded from disk.</summary>
[Collection(RepairHostCollection.Name)]
public sealed class RepairRequestTests(RepairHost host)
{
    [Fact]
    public async Task A_report_is_dispatched_at_once_to_the_least_loaded_on_duty_and_the_next_to_the_other()
    {
        var world = await RepairWorld.CreateAsync(host, "jinmi");
        var first = await world.SubmitAsync(world.Resident.Client, new { description = "厨房水管漏水", categoryId = world.CategoryId("plumbing") });

        Assert.Equal("assigned", first.GetProperty("status").GetString());
        var firstAssignee = first.GetProperty("assigneeId").GetString();
        Assert.Contains(firstAssignee, world.Workers.Select(w => w.Id));
        Assert.Contains("值班 2 人中手头工单最少", first.GetProperty("dispatchReason").GetString());
        var created = DateTimeOffset.UtcNow;
        var responseDue = first.GetProperty("responseDueAt").GetDateTimeOffset();
        Assert.InRange((responseDue - created).TotalHours, 3.9, 4.1); // plumbing: respond within 4 hours

        var second = await world.SubmitAsync(world.Resident.Client, new { description = "卫生间水管也漏", categoryId = world.CategoryId("plumbing") });
        Assert.NotEqual(firstAssignee, second.GetProperty("assigneeId").GetString());

        // The location came from the resident's record; the assignee was told.
        var detail = await HttpAssert.JsonAsync(await world.Resident.Client.GetAsync($"{world.Api}/requests/{first.GetProperty("id").GetInt32()}"), HttpStatusCode.OK);
        Assert.Equal("5", detail.GetProperty("building").GetString());
        Assert.Equal("301", detail.GetProperty("room").GetString());
        var inbox = await world.InboxAsync(world.WorkerById(firstAssignee!).Client);
        Assert.Contains(inbox, n => n.GetProperty("title").GetString() == "新的报修工单");
    }

    [Fact]
    public async Task The_whole_life_from_report_to_rating_is_on_the_timeline_and_the_resident_hears_each_step()
    {
        var world = await RepairWorld.CreateAsync(host, "xintangpu");
        var submitted = await world.SubmitAsync(world.Resident.Client, new { description = "楼道灯不亮", categoryId = world.CategoryId("public-lighting") });
        var id = submitted.GetProperty("id").GetInt32();
        var worker = world.WorkerById(submitted.GetProperty("assigneeId").GetString()!).Client;

        await world.ActAsync(worker, id, "accept");
        await world.ActAsync(worker, id, "start");
        await world.ActAsync(worker, id, "comment", new { text = "换了一个灯泡", @internal = true });
        await world.ActAsync(worker, id, "resolve", new { note = "灯泡已更换" });
        var rated = await world.ActAsync(world.Resident.Client, id, "rate", new { rating = 5, comment = "很快，谢谢" });

        Assert.Equal("closed", rated.GetProperty("status").GetString());
        Assert.Equal(5, rated.GetProperty("rating").GetInt32());
        var kinds = rated.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["submitted", "assigned", "accepted", "started", "resolved", "rated"], kinds); // the internal note is hidden from the resident

        var staffView = await HttpAssert.JsonAsync(await world.Dispatcher.Client.GetAsync($"{world.Api}/requests/{id}"), HttpStatusCode.OK);
        Assert.Contains(staffView.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("kind").GetString() == "note" && t.GetProperty("internal").GetBoolean());
        Assert.Contains(staffView.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("kind").GetString() == "dispatch-reason" && t.GetProperty("internal").GetBoolean());

        var inbox = await world.InboxAsync(world.Resident.Client);
        Assert.Contains(inbox, n => n.GetProperty("body").GetString()!.Contains($"#{id} 现在是“已接单”"));
        Assert.Contains(inbox, n => n.GetProperty("body").GetString()!.Contains($"#{id} 现在是“已修好，待确认”"));
    }

    [Fact]
    public async Task An_illegal_step_is_a_409_that_says_why_and_someone_elses_step_is_a_403()
    {
        var world = await RepairWorld.CreateAsync(host, "qinghu");
        var submitted = await world.SubmitAsync(world.Resident.Client, new { description = "门锁坏了", categoryId = world.CategoryId("doors-windows") });
        var id = submitted.GetProperty("id").GetInt32();
        var assignee = world.WorkerById(submitted.GetProperty("assigneeId").GetString()!);
        var other = world.Workers.First(w => w != assignee);

        var early = await HttpAssert.ProblemAsync(await assignee.Client.PostAsJsonAsync($"{world.Api}/requests/{id}/resolve", new { }), HttpStatusCode.Conflict);
        Assert.Contains("assigned", early.GetProperty("detail").GetString());
        await HttpAssert.ProblemAsync(await other.Client.PostAsJsonAsync($"{world.Api}/requests/{id}/accept", new { }), HttpStatusCode.Forbidden);
        await HttpAssert.ProblemAsync(await world.Resident.Client.PostAsJsonAsync($"{world.Api}/requests/{id}/reject", new { reason = "x" }), HttpStatusCode.Forbidden);
        var noReason = await HttpAssert.ProblemAsync(await world.Dispatcher.Client.PostAsJsonAsync($"{world.Api}/requests/{id}/reject", new { }), HttpStatusCode.BadRequest);
        Assert.True(noReason.GetProperty("errors").TryGetProperty("reason", out _));
        await HttpAssert.ProblemAsync(await assignee.Client.PostAsJsonAsync($"{world.Api}/requests/{id}/fly", new { }), HttpStatusCode.NotFound);

        await world.ActAsync(assignee.Client, id, "accept");
        var cancel = await HttpAssert.ProblemAsync(await world.Resident.Client.PostAsJsonAsync($"{world.Api}/requests/{id}/cancel", new { }), HttpStatusCode.Conflict);
        Assert.Contains("已接单", cancel.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Two_staff_taking_the_same_request_at_once_exactly_one_wins()
    {
        var world = await RepairWorld.CreateAsync(host, "chengbei", workers: 2);
        for (var round = 0; round < 5; round++)
        {
            // No category: the request waits in triage, where any property staff may take it.
            var submitted = await world.SubmitAsync(world.Resident.Client, new { description = $"不知道是什么问题 {round}" });
            Assert.Equal("triage", submitted.GetProperty("status").GetString());
            var id = submitted.GetProperty("id").GetInt32();

            var responses = await Task.WhenAll(world.Workers.Select(w => w.Client.PostAsJsonAsync($"{world.Api}/requests/{id}/accept", new { })));
            Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
            Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
            var winner = world.Workers[Array.FindIndex(responses, r => r.StatusCode == HttpStatusCode.OK)];
            var detail = await HttpAssert.JsonAsync(await world.Dispatcher.Client.GetAsync($"{world.Api}/requests/{id}"), HttpStatusCode.OK);
            Assert.Equal(winner.Id, detail.GetProperty("assigneeId").GetString());
        }
        // Loads stayed exact: each worker's count equals the requests they really hold.
        var staff = await HttpAssert.JsonAsync(await world.Dispatcher.Client.GetAsync($"{world.Api}/staff"), HttpStatusCode.OK);
        var all = await HttpAssert.JsonAsync(await world.Dispatcher.Client.GetAsync($"{world.Api}/requests?take=500"), HttpStatusCode.OK);
        foreach (var s in staff.EnumerateArray())
            Assert.Equal(all.EnumerateArray().Count(r => r.GetProperty("assigneeId").GetString() == s.GetProperty("userId").GetString() && r.GetProperty("status").GetString() == "accepted"),
                s.GetProperty("openLoad").GetInt32());
    }

    [Fact]
    public async Task Decline_sends_it_to_the_other_member_and_then_to_triage_with_the_dispatchers_told()
    {
        var world = await RepairWorld.CreateAsync(host, "tawan");
        var submitted = await world.SubmitAsync(world.Resident.Client, new { description = "下水道堵了", categoryId = world.CategoryId("drains") });
        var id = submitted.GetProperty("id").GetInt32();
        var first = world.WorkerById(submitted.GetProperty("assigneeId").GetString()!);
        var second = world.Workers.First(w => w != first);

        var declined = await world.ActAsync(first.Client, id, "decline", new { reason = "今天在外区" });
        Assert.Equal(second.Id, declined.GetProperty("assigneeId").GetString());
        Assert.Equal("assigned", declined.GetProperty("status").GetString());

        var again = await world.ActAsync(second.Client, id, "decline", new { reason = "没有工具" });
        Assert.Equal("triage", again.GetProperty("status").GetString());
        Assert.Contains("没有其他人值班", (await HttpAssert.JsonAsync(await world.Dispatcher.Client.GetAsync($"{world.Api}/requests/{id}"), HttpStatusCode.OK)).GetProperty("dispatchReason").GetString());
        Assert.Contains(await world.InboxAsync(world.Dispatcher.Client), n => n.GetProperty("title").GetString() == "报修待分派");

        var reassigned = await world.ActAsync(world.Dispatcher.Client, id, "reassign", new { assigneeId = first.Id, reason = "明天上午去" });
        Assert.Equal(first.Id, reassigned.GetProperty("assigneeId").GetString());
        var notStaff = await HttpAssert.ProblemAsync(await world.Dispatcher.Client.PostAsJsonAsync($"{world.Api}/requests/{id}/reassign", new { assigneeId = world.Resident.Id }), HttpStatusCode.BadRequest);
        Assert.True(notStaff.GetProperty("errors").TryGetProperty("assigneeId", out _));
    }

    [Fact]
    public async Task Nobody_on_duty_means_triage_and_a_notice_to_the_dispatcher()
    {
        var world = await RepairWorld.CreateAsync(host, "dianshanhu", onDuty: false);
        var submitted = await world.SubmitAsync(world.Resident.Client, new { description = "电梯异响", categoryId = world.CategoryId("lift") });
        Assert.Equal("triage", submitted.GetProperty("status").GetString());
        Assert.True(submitted.GetProperty("assigneeId").ValueKind == JsonValueKind.Null);
        Assert.Contains("无人值班", submitted.GetProperty("dispatchReason").GetString());
        Assert.Contains(await world.InboxAsync(world.Dispatcher.Client), n => n.GetProperty("body").GetString()!.Contains($"#{submitted.GetProperty("id").GetInt32()}"));
    }

    [Fact]
    public async Task Residents_who_need_care_get_tighter_deadlines()
    {
        var world = await RepairWorld.CreateAsync(host, "yingzhong", residentTags: ["elderly", "lives-alone"]);
        var submitted = await world.SubmitAsync(world.Resident.Client, new { description = "灯不亮", categoryId = world.CategoryId("electrical") });
        var hours = (submitted.GetProperty("resolutionDueAt").GetDateTimeOffset() - DateTimeOffset.UtcNow).TotalHours;
        Assert.InRange(hours, 11.8, 12.1); // electrical: 24 h, halved by the default factor 0.5
    }

    [Fact]
    public async Task A_second_report_of_the_same_problem_is_offered_the_first_and_staff_can_merge_it_keeping_both_informed()
    {
        var world = await RepairWorld.CreateAsync(host, "fuxing");
        var (_, neighbourId, neighbour) = await host.UserAsync("fuxing", "resident");
        var first = await world.SubmitAsync(world.Resident.Client, new { description = "5号楼楼道灯坏了", categoryId = world.CategoryId("public-lighting") });
        var second = await world.SubmitAsync(neighbour, new { description = "楼道里很黑", categoryId = world.CategoryId("public-lighting"), location = new { building = "5号楼" } });
        var firstId = first.GetProperty("id").GetInt32();
        var secondId = second.GetProperty("id").GetInt32();

        Assert.Contains(second.GetProperty("possibleDuplicates").EnumerateArray(), d => d.GetProperty("id").GetInt32() == firstId);
        var other = await world.SubmitAsync(neighbour, new { description = "灯", categoryId = world.CategoryId("public-lighting"), location = new { building = "7" } });
        Assert.Empty(other.GetProperty("possibleDuplicates").EnumerateArray());

        var merged = await world.ActAsync(world.Dispatcher.Client, secondId, "merge", new { intoId = firstId });
        Assert.Equal("merged", merged.GetProperty("status").GetString());
        Assert.Equal(firstId, merged.GetProperty("mergedIntoId").GetInt32());

        // The neighbour now follows the first request: can read it and hears when it moves.
        await HttpAssert.JsonAsync(await neighbour.GetAsync($"{world.Api}/requests/{firstId}"), HttpStatusCode.OK);
        var assignee = world.WorkerById(first.GetProperty("assigneeId").GetString()!).Client;
        await world.ActAsync(assignee, firstId, "accept");
        Assert.Contains(await world.InboxAsync(neighbour), n => n.GetProperty("body").GetString()!.Contains($"#{firstId} 现在是“已接单”"));
        Assert.Contains(await world.InboxAsync(world.Resident.Client), n => n.GetProperty("body").GetString()!.Contains($"#{firstId} 现在是“已接单”"));
        _ = neighbourId;
    }

    [Fact]
    public async Task A_resident_may_join_only_a_similar_request_and_then_sees_it_without_the_neighbours_home()
    {
        var world = await RepairWorld.CreateAsync(host, "zhengxia");
        var (_, _, neighbour) = await host.UserAsync("zhengxia", "resident");
        var first = await world.SubmitAsync(world.Resident.Client, new { description = "5号楼电梯卡住了", categoryId = world.CategoryId("lift") });
        var firstId = first.GetProperty("id").GetInt32();
        var elsewhere = await world.SubmitAsync(world.Resident.Client, new { description = "7号楼电梯", categoryId = world.CategoryId("lift"), location = new { building = "7" } });
        var mine = await world.SubmitAsync(neighbour, new { description = "电梯不动", categoryId = world.CategoryId("lift"), location = new { building = "5", unit = "1", room = "101" } });
        var mineId = mine.GetProperty("id").GetInt32();

        // Offered: the building only, never the neighbour's unit or room.
        var offered = Assert.Single(mine.GetProperty("possibleDuplicates").EnumerateArray());
        Assert.Equal(firstId, offered.GetProperty("id").GetInt32());
        Assert.Equal("5号楼", offered.GetProperty("location").GetString());

        // Not a request it was offered: refused, naming the field.
        var wrong = await HttpAssert.ProblemAsync(await neighbour.PostAsJsonAsync($"{world.Api}/requests/{mineId}/merge", new { intoId = elsewhere.GetProperty("id").GetInt32() }), HttpStatusCode.BadRequest);
        Assert.True(wrong.GetProperty("errors").TryGetProperty("intoId", out _));

        var joined = await world.ActAsync(neighbour, mineId, "merge", new { intoId = firstId });
        Assert.Equal("merged", joined.GetProperty("status").GetString());
        var list = await HttpAssert.JsonAsync(await neighbour.GetAsync($"{world.Api}/requests"), HttpStatusCode.OK);
        var followed = list.EnumerateArray().Single(r => r.GetProperty("id").GetInt32() == firstId);
        Assert.Equal("5号楼", followed.GetProperty("location").GetString());
        var detail = await HttpAssert.JsonAsync(await neighbour.GetAsync($"{world.Api}/requests/{firstId}"), HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("contactPhone").ValueKind);
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("room").ValueKind);
        Assert.Equal(["comment"], detail.GetProperty("actions").EnumerateArray().Select(a => a.GetString()));
        await HttpAssert.ProblemAsync(await neighbour.PostAsJsonAsync($"{world.Api}/requests/{firstId}/cancel", new { }), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Staff_report_for_a_resident_by_phone_and_the_channel_is_recorded()
    {
        var world = await RepairWorld.CreateAsync(host, "nanmen");
        var submitted = await world.SubmitAsync(world.Dispatcher.Client,
            new { description = "独居老人家里没电了", categoryId = world.CategoryId("electrical"), residentId = world.ResidentId, channel = "phone" });
        var id = submitted.GetProperty("id").GetInt32();
        var detail = await HttpAssert.JsonAsync(await world.Dispatcher.Client.GetAsync($"{world.Api}/requests/{id}"), HttpStatusCode.OK);
        Assert.Equal("Phone", detail.GetProperty("createdVia").GetString());
        Assert.Contains("电话", detail.GetProperty("timeline")[0].GetProperty("text").GetString());
        // It is the resident's request: they see it among theirs.
        var mine = await HttpAssert.JsonAsync(await world.Resident.Client.GetAsync($"{world.Api}/requests?mine=true"), HttpStatusCode.OK);
        Assert.Contains(mine.EnumerateArray(), r => r.GetProperty("id").GetInt32() == id);

        // A resident cannot claim a channel, nor report for someone else.
        var channel = await HttpAssert.ProblemAsync(await world.Resident.Client.PostAsJsonAsync($"{world.Api}/requests", new { description = "x", channel = "counter", location = new { building = "5" } }), HttpStatusCode.BadRequest);
        Assert.True(channel.GetProperty("errors").TryGetProperty("channel", out _));
        var (_, _, stranger) = await host.UserAsync("nanmen", "resident");
        var forOther = await HttpAssert.ProblemAsync(await stranger.PostAsJsonAsync($"{world.Api}/requests", new { description = "x", residentId = world.ResidentId }), HttpStatusCode.BadRequest);
        Assert.True(forOther.GetProperty("errors").TryGetProperty("residentId", out _));
    }

    [Fact]
    public async Task Bad_input_names_the_field_and_stores_nothing()
    {
        var world = await RepairWorld.CreateAsync(host, "sanyuanhe", workers: 1);
        var before = (await HttpAssert.JsonAsync(await world.Dispatcher.Client.GetAsync($"{world.Api}/requests"), HttpStatusCode.OK)).GetArrayLength();

        async Task<JsonElement> Refused(string json, string field)
        {
            var response = await world.Resident.Client.PostAsync($"{world.Api}/requests", new StringContent(json, Encoding.UTF8, "application/json"));
            var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"expected an error on '{field}': {problem}");
            return problem;
        }

        await Refused("{\"description\": \"\"}", "description");
        await Refused("{\"description\": \"漏水\", \"categoryId\": 99999}", "categoryId");
        await Refused("{\"description\": \"漏水\", \"categoryId\": \"plumbing\"}", "categoryId");
        await Refused("not json", "body");
        await Refused("{\"description\": 5}", "description");
        await Refused("{\"description\": \"漏水\", \"contactPhone\": \"call me\"}", "contactPhone");
        await Refused("{\"description\": \"" + new string('水', 2001) + "\"}", "description");
        await HttpAssert.ProblemAsync(await world.Resident.Client.PostAsync($"{world.Api}/requests", new StringContent("description=x", Encoding.UTF8, "text/plain")), HttpStatusCode.UnsupportedMediaType);
        await HttpAssert.ProblemAsync(await world.Resident.Client.GetAsync($"{world.Api}/requests?status=flying"), HttpStatusCode.BadRequest);

        var after = (await HttpAssert.JsonAsync(await world.Dispatcher.Client.GetAsync($"{world.Api}/requests"), HttpStatusCode.OK)).GetArrayLength();
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task A_resident_sees_only_their_own_requests_and_staff_see_the_centres()
    {
        var world = await RepairWorld.CreateAsync(host, "dongfang", workers: 1);
        var mine = await world.SubmitAsync(world.Resident.Client, new { description = "我的报修", categoryId = world.CategoryId("other") });
        var (_, _, neighbour) = await host.UserAsync("dongfang", "resident");
        await HttpAssert.ProblemAsync(await neighbour.GetAsync($"{world.Api}/requests/{mine.GetProperty("id").GetInt32()}"), HttpStatusCode.NotFound);
        Assert.Empty((await HttpAssert.JsonAsync(await neighbour.GetAsync($"{world.Api}/requests"), HttpStatusCode.OK)).EnumerateArray());
        await HttpAssert.ProblemAsync(await neighbour.PostAsJsonAsync($"{world.Api}/requests/{mine.GetProperty("id").GetInt32()}/cancel", new { }), HttpStatusCode.NotFound);
        Assert.NotEmpty((await HttpAssert.JsonAsync(await world.Dispatcher.Client.GetAsync($"{world.Api}/requests"), HttpStatusCode.OK)).EnumerateArray());
    }

    [Fact]
    public async Task Centre_admins_set_categories_teams_and_rosters_and_others_cannot()
    {
        var world = await RepairWorld.CreateAsync(host, "xianghua", workers: 1);
        var created = await HttpAssert.JsonAsync(await world.CentreAdmin.Client.PostAsJsonAsync($"{world.Api}/categories",
            new { code = "water-heater", nameZh = "热水器", nameEn = "Water heater", responseHours = 2, resolutionHours = 24, teamId = world.TeamId, volunteerEligible = false }), HttpStatusCode.Created);
        Assert.Equal("热水器", created.GetProperty("nameZh").GetString());
        var bad = await HttpAssert.ProblemAsync(await world.CentreAdmin.Client.PostAsJsonAsync($"{world.Api}/categories",
            new { code = "x2", nameZh = "坏", responseHours = 10, resolutionHours = 5 }), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("resolutionHours", out _));
        var dup = await HttpAssert.ProblemAsync(await world.CentreAdmin.Client.PostAsJsonAsync($"{world.Api}/categories",
            new { code = "water-heater", nameZh = "重复" }), HttpStatusCode.BadRequest);
        Assert.True(dup.GetProperty("errors").TryGetProperty("code", out _));
        var slot = await HttpAssert.ProblemAsync(await world.CentreAdmin.Client.PutAsJsonAsync($"{world.Api}/staff/{world.Workers[0].Id}/roster",
            new { slots = new[] { new { day = "monday", start = "25:00", end = "10:00" } } }), HttpStatusCode.BadRequest);
        Assert.True(slot.GetProperty("errors").TryGetProperty("slots[0].start", out _));

        await HttpAssert.ProblemAsync(await world.Resident.Client.PostAsJsonAsync($"{world.Api}/categories", new { code = "zz", nameZh = "z" }), HttpStatusCode.Forbidden);
        await HttpAssert.ProblemAsync(await world.Workers[0].Client.PutAsJsonAsync($"{world.Api}/teams/{world.TeamId}", new { name = "改名" }), HttpStatusCode.Forbidden);
        var categories = await HttpAssert.JsonAsync(await world.Resident.Client.GetAsync($"{world.Api}/categories"), HttpStatusCode.OK);
        Assert.Equal(9, categories.GetArrayLength()); // the eight demo categories and the new one

        // The list is kept in memory: a change through the API shows at once, in the next answer.
        await HttpAssert.JsonAsync(await world.CentreAdmin.Client.PutAsJsonAsync($"{world.Api}/teams/{world.TeamId}", new { name = "夜班组" }), HttpStatusCode.OK);
        await HttpAssert.JsonAsync(await world.CentreAdmin.Client.PutAsJsonAsync($"{world.Api}/categories/{created.GetProperty("id").GetInt32()}",
            new { nameZh = "燃气热水器", active = false }), HttpStatusCode.OK);
        var after = (await HttpAssert.JsonAsync(await world.Resident.Client.GetAsync($"{world.Api}/categories"), HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.Equal(8, after.Count); // the new one is inactive now
        Assert.All(after.Where(c => c.GetProperty("teamId").ValueKind == JsonValueKind.Number && c.GetProperty("teamId").GetInt32() == world.TeamId),
            c => Assert.Equal("夜班组", c.GetProperty("teamName").GetString()));
        var all = (await HttpAssert.JsonAsync(await world.CentreAdmin.Client.GetAsync($"{world.Api}/categories?all=true"), HttpStatusCode.OK)).EnumerateArray();
        Assert.Equal("燃气热水器", all.Single(c => c.GetProperty("code").GetString() == "water-heater").GetProperty("nameZh").GetString());
    }

    [Fact]
    public async Task Figures_reach_the_centre_dashboard()
    {
        var world = await RepairWorld.CreateAsync(host, "tianyi", workers: 1);
        var submitted = await world.SubmitAsync(world.Resident.Client, new { description = "绿化带积水", categoryId = world.CategoryId("greenery") });
        var id = submitted.GetProperty("id").GetInt32();
        var worker = world.Workers[0].Client;
        await world.ActAsync(worker, id, "accept");
        await world.ActAsync(worker, id, "resolve");
        await world.ActAsync(world.Resident.Client, id, "rate", new { rating = 4 });
        await world.SubmitAsync(world.Resident.Client, new { description = "还有一处", categoryId = world.CategoryId("greenery") });

        var dashboard = await HttpAssert.JsonAsync(await world.CentreAdmin.Client.GetAsync("/api/c/tianyi/dashboard"), HttpStatusCode.OK);
        var text = dashboard.ToString();
        Assert.Contains("repair.open.assigned", text);
        var figures = Flatten(dashboard).ToDictionary(f => f.GetProperty("key").GetString()!, f => f.GetProperty("value").GetDecimal());
        Assert.Equal(1, figures["repair.open.assigned"]);
        Assert.Equal(4, figures["repair.satisfaction"]);
        Assert.Equal(100, figures["repair.sla-compliance"]);
    }

    private static IEnumerable<JsonElement> Flatten(JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.Object)
        {
            if (e.TryGetProperty("key", out _) && e.TryGetProperty("value", out _)) yield return e;
            foreach (var p in e.EnumerateObject())
                foreach (var x in Flatten(p.Value)) yield return x;
        }
        else if (e.ValueKind == JsonValueKind.Array)
            foreach (var item in e.EnumerateArray())
                foreach (var x in Flatten(item)) yield return x;
    }
}
