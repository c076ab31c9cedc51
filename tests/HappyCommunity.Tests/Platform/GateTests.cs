using System.Net;
using System.Net.Http.Json;
using HappyCommunity.Tests.Infrastructure;

namespace HappyCommunity.Tests.Platform;

[Collection(StandardHostCollection.Name)]
public sealed class GateTests(StandardHost host)
{
    [Fact]
    public async Task Disabled_module_returns_404_for_that_centre_only_and_comes_back_without_restart()
    {
        await host.SetModuleAsync("qinghu", "humanizer-one", false); // it needs notices
        await host.SetModuleAsync("qinghu", "notices", true);
        await host.SetModuleAsync("chengbei", "notices", true);
        var admin = await host.AdminAsync();

        await HttpAssert.JsonAsync(await admin.GetAsync("/api/c/qinghu/notices"), HttpStatusCode.OK);

        await host.SetModuleAsync("qinghu", "notices", false);
        var off = await HttpAssert.ProblemAsync(await admin.GetAsync("/api/c/qinghu/notices"), HttpStatusCode.NotFound);
        Assert.Contains("not switched on", off.GetProperty("detail").GetString());
        await HttpAssert.ProblemAsync(await admin.PostAsJsonAsync("/api/c/qinghu/notices", new { title = "停电", body = "明天停电" }), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/c/qinghu/notices")).StatusCode);
        await HttpAssert.JsonAsync(await admin.GetAsync("/api/c/chengbei/notices"), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/c/chengbei/notices")).StatusCode);

        await host.SetModuleAsync("qinghu", "notices", true);
        await HttpAssert.JsonAsync(await admin.GetAsync("/api/c/qinghu/notices"), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/c/qinghu/notices")).StatusCode);
    }

    [Fact]
    public async Task Navigation_shows_only_the_modules_switched_on_for_the_centre()
    {
        await host.SetModuleAsync("tawan", "humanizer-one", false); // it needs notices
        await host.SetModuleAsync("tawan", "notices", true);
        var (_, _, staff) = await host.UserAsync("tawan", "staff");

        var on = await staff.GetStringAsync("/c/tawan");
        Assert.Contains("href=\"/c/tawan/notices\"", on);

        await host.SetModuleAsync("tawan", "notices", false);
        var off = await staff.GetStringAsync("/c/tawan");
        Assert.DoesNotContain("href=\"/c/tawan/notices\"", off);
        await host.SetModuleAsync("tawan", "notices", true);
    }

    [Fact]
    public async Task Enabling_a_module_needs_its_dependency_on_and_disabling_a_needed_one_is_refused()
    {
        var admin = await host.AdminAsync();
        await host.SetModuleAsync("nanmen", "humanizer-one", false);
        await host.SetModuleAsync("nanmen", "notices", false);

        var refused = await HttpAssert.ProblemAsync(
            await admin.PutAsJsonAsync("/api/centres/nanmen/modules/humanizer-one", new { enabled = true }), HttpStatusCode.Conflict);
        Assert.Contains("'notices'", refused.GetProperty("detail").GetString());

        await host.SetModuleAsync("nanmen", "notices", true);
        await host.SetModuleAsync("nanmen", "humanizer-one", true);

        var cannotDisable = await HttpAssert.ProblemAsync(
            await admin.PutAsJsonAsync("/api/centres/nanmen/modules/notices", new { enabled = false }), HttpStatusCode.Conflict);
        Assert.Contains("'humanizer-one'", cannotDisable.GetProperty("detail").GetString());
        await HttpAssert.JsonAsync(await admin.GetAsync("/api/c/nanmen/notices"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Every_module_switch_is_audited_with_who_and_before_and_after()
    {
        await host.SetModuleAsync("fuxing", "notices", true);
        await host.SetModuleAsync("fuxing", "humanizer-two", false);
        await host.SetModuleAsync("fuxing", "humanizer-two", true);
        var admin = await host.AdminAsync();

        var log = await HttpAssert.JsonAsync(await admin.GetAsync("/api/audit?centre=fuxing"), HttpStatusCode.OK);
        var entry = log.EnumerateArray().First(e => e.GetProperty("target").GetString() == "module:humanizer-two");
        Assert.Equal("module.enable", entry.GetProperty("action").GetString());
        Assert.Equal("admin", entry.GetProperty("actor").GetString());
        Assert.Contains("false", entry.GetProperty("before").GetString());
        Assert.Contains("true", entry.GetProperty("after").GetString());
    }

    [Fact]
    public async Task Module_static_files_are_served_from_the_plugin_folder()
    {
        var response = await host.CreateClient().GetAsync("/_content/notices/styles.css");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(".notices-pinned", await response.Content.ReadAsStringAsync());
        Assert.Contains("/_content/notices/styles.css", await host.CreateClient().GetStringAsync("/login"));
    }

    [Fact]
    public async Task Admin_pages_are_403_for_people_who_administer_nothing()
    {
        var (_, _, staff) = await host.UserAsync("panlong", "staff");
        foreach (var page in new[] { "/admin", "/admin/centres", "/admin/users", "/admin/plugins", "/admin/audit" })
            Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync(page)).StatusCode);
        var admin = await host.AdminAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/centres")).StatusCode);
    }

    [Fact]
    public async Task Unknown_centre_and_unknown_module_answer_404_problems()
    {
        var admin = await host.AdminAsync();
        await HttpAssert.ProblemAsync(await admin.GetAsync("/api/c/nowhere/notices"), HttpStatusCode.NotFound);
        await HttpAssert.ProblemAsync(await admin.PutAsJsonAsync("/api/centres/xintangpu/modules/nothing", new { enabled = true }), HttpStatusCode.NotFound);
        await HttpAssert.ProblemAsync(await admin.PutAsJsonAsync("/api/centres/nowhere/modules/notices", new { enabled = true }), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Module_switch_rejects_bad_input_with_the_field_named()
    {
        var admin = await host.AdminAsync();
        var missing = await HttpAssert.ProblemAsync(await admin.PutAsJsonAsync("/api/centres/xintangpu/modules/notices", new { }), HttpStatusCode.BadRequest);
        Assert.True(missing.GetProperty("errors").TryGetProperty("enabled", out _));
        var wrongType = await HttpAssert.ProblemAsync(await admin.PutAsync("/api/centres/xintangpu/modules/notices",
            new StringContent("{\"enabled\":\"yes\"}", System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        Assert.True(wrongType.GetProperty("errors").TryGetProperty("enabled", out _));
    }
}
