using System.Net;
using System.Net.Http.Json;
using HappyCommunity.Tests.Infrastructure;

namespace HappyCommunity.Tests.Platform;

/// <summary>What the SDK promises modules, used by real plugins over HTTP: settings, notifier, resident directory, dashboard.</summary>
[Collection(StandardHostCollection.Name)]
public sealed class SdkServicesTests(StandardHost host)
{
    [Fact]
    public async Task A_centre_setting_changes_what_the_module_allows_and_bad_values_are_refused()
    {
        await host.SetModuleAsync("jinmi", "notices", true);
        var (_, _, centreAdmin) = await host.UserAsync("jinmi", "centre-admin");
        var (_, _, staff) = await host.UserAsync("jinmi", "staff");

        var settings = await HttpAssert.JsonAsync(await centreAdmin.GetAsync("/api/c/jinmi/settings"), HttpStatusCode.OK);
        var pinned = settings.EnumerateArray().Single(s => s.GetProperty("key").GetString() == "pinnedLimit");
        Assert.Equal("3", pinned.GetProperty("value").GetString());

        var bad = await HttpAssert.ProblemAsync(await centreAdmin.PutAsJsonAsync("/api/c/jinmi/settings/notices/pinnedLimit", new { value = "many" }), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("value", out _));
        await HttpAssert.JsonAsync(await centreAdmin.PutAsJsonAsync("/api/c/jinmi/settings/notices/pinnedLimit", new { value = "1" }), HttpStatusCode.OK);
        await HttpAssert.ProblemAsync(await staff.PutAsJsonAsync("/api/c/jinmi/settings/notices/pinnedLimit", new { value = "9" }), HttpStatusCode.Forbidden);

        await HttpAssert.JsonAsync(await staff.PostAsJsonAsync("/api/c/jinmi/notices", new { title = "置顶一", body = "第一条置顶", pinned = true }), HttpStatusCode.Created);
        var refused = await HttpAssert.ProblemAsync(await staff.PostAsJsonAsync("/api/c/jinmi/notices", new { title = "置顶二", body = "第二条置顶", pinned = true }), HttpStatusCode.BadRequest);
        Assert.True(refused.GetProperty("errors").TryGetProperty("pinned", out _));
    }

    [Fact]
    public async Task A_pinned_notice_reaches_the_residents_inbox_through_the_notifier()
    {
        await host.SetModuleAsync("shenxiang", "notices", true);
        var (_, _, resident) = await host.UserAsync("shenxiang", "resident");
        var (_, _, outsider) = await host.UserAsync("zhangma", "resident");
        var (_, _, staff) = await host.UserAsync("shenxiang", "staff");

        await HttpAssert.JsonAsync(await staff.PostAsJsonAsync("/api/c/shenxiang/notices", new { title = "明日停水", body = "明天8点到12点停水", pinned = true }), HttpStatusCode.Created);

        var inbox = await HttpAssert.JsonAsync(await resident.GetAsync("/api/me/notifications"), HttpStatusCode.OK);
        var message = inbox.EnumerateArray().Single();
        Assert.Contains("明日停水", message.GetProperty("title").GetString());
        Assert.Equal("/c/shenxiang/notices", message.GetProperty("link").GetString());
        Assert.False(message.GetProperty("read").GetBoolean());

        await HttpAssert.JsonAsync(await resident.PostAsync($"/api/me/notifications/{message.GetProperty("id").GetInt64()}/read", null), HttpStatusCode.NoContent);
        Assert.True((await HttpAssert.JsonAsync(await resident.GetAsync("/api/me/notifications"), HttpStatusCode.OK))[0].GetProperty("read").GetBoolean());
        Assert.Equal(0, (await HttpAssert.JsonAsync(await outsider.GetAsync("/api/me/notifications"), HttpStatusCode.OK)).GetArrayLength());
        await HttpAssert.ProblemAsync(await outsider.PostAsync($"/api/me/notifications/{message.GetProperty("id").GetInt64()}/read", null), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_plugin_reads_only_the_current_centres_residents_through_the_sdk()
    {
        await host.SetModuleAsync("xintangpu", "humanizer-two", true);
        await host.SetModuleAsync("anzhuang", "humanizer-two", true);
        var admin = await host.AdminAsync();

        var seeded = await HttpAssert.JsonAsync(await admin.GetAsync("/api/c/xintangpu/humanizer-two/residents"), HttpStatusCode.OK);
        Assert.Contains(seeded.EnumerateArray(), r => r.GetProperty("name").GetString() == "王秀英" && r.GetProperty("elderly").GetBoolean());
        var centreIds = seeded.EnumerateArray().Select(r => r.GetProperty("centreId").GetInt32()).Distinct().ToList();
        Assert.Single(centreIds);

        var other = await HttpAssert.JsonAsync(await admin.GetAsync("/api/c/anzhuang/humanizer-two/residents"), HttpStatusCode.OK);
        Assert.DoesNotContain(other.EnumerateArray(), r => r.GetProperty("name").GetString() == "王秀英");
    }

    [Fact]
    public async Task Dashboards_show_figures_of_enabled_modules_to_those_allowed()
    {
        await host.SetModuleAsync("liandong", "notices", true);
        var (_, _, staff) = await host.UserAsync("liandong", "staff");
        var (_, _, resident) = await host.UserAsync("liandong", "resident");
        await HttpAssert.JsonAsync(await staff.PostAsJsonAsync("/api/c/liandong/notices", new { title = "活动", body = "周六下午手工课" }), HttpStatusCode.Created);

        var centre = await HttpAssert.JsonAsync(await staff.GetAsync("/api/c/liandong/dashboard"), HttpStatusCode.OK);
        var notices = centre.EnumerateArray().Single(m => m.GetProperty("module").GetString() == "notices");
        Assert.Equal(1m, notices.GetProperty("figures")[0].GetProperty("value").GetDecimal());
        await HttpAssert.ProblemAsync(await resident.GetAsync("/api/c/liandong/dashboard"), HttpStatusCode.Forbidden);

        var admin = await host.AdminAsync();
        var district = await HttpAssert.JsonAsync(await admin.GetAsync("/api/district/dashboard"), HttpStatusCode.OK);
        Assert.True(district.GetProperty("centres").GetInt32() >= 45);
        await HttpAssert.ProblemAsync(await staff.GetAsync("/api/district/dashboard"), HttpStatusCode.Forbidden);

        var page = await admin.GetAsync("/district?town=liantang");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("近30天公告", html);
        Assert.Contains("练东社区中心", html);
        Assert.DoesNotContain("新塘浦社区中心", html); // another town
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/district")).StatusCode);

        await host.SetModuleAsync("liandong", "humanizer-one", false); // it needs notices
        await host.SetModuleAsync("liandong", "notices", false);
        var off = await HttpAssert.JsonAsync(await staff.GetAsync("/api/c/liandong/dashboard"), HttpStatusCode.OK);
        Assert.DoesNotContain(off.EnumerateArray(), m => m.GetProperty("module").GetString() == "notices");
    }
}
