using System.Net;
using System.Net.Http.Json;
using HappyCommunity.Tests.Infrastructure;

namespace HappyCommunity.Tests.Platform;

[Collection(StandardHostCollection.Name)]
public sealed class CentresTests(StandardHost host)
{
    [Fact]
    public async Task The_demo_district_is_seeded_on_first_run()
    {
        var client = host.CreateClient();
        var towns = await HttpAssert.JsonAsync(await client.GetAsync("/api/towns"), HttpStatusCode.OK);
        Assert.Equal(
            ["xiayang", "yingpu", "xianghuaqiao", "zhujiajiao", "liantang", "jinze", "zhaoxiang", "xujing", "huaxin", "chonggu", "baihe"],
            towns.EnumerateArray().Select(t => t.GetProperty("slug").GetString()));
        var centres = await HttpAssert.JsonAsync(await client.GetAsync("/api/centres"), HttpStatusCode.OK);
        Assert.True(centres.GetArrayLength() >= 45);
        var xintangpu = centres.EnumerateArray().Single(c => c.GetProperty("slug").GetString() == "xintangpu");
        Assert.Equal("新塘浦社区中心", xintangpu.GetProperty("name").GetString());
        Assert.Equal("xiayang", xintangpu.GetProperty("town").GetString());
    }

    [Fact]
    public async Task Modules_are_switched_on_differently_per_centre_in_the_demo()
    {
        var admin = await host.AdminAsync();
        var patterns = new HashSet<string>();
        foreach (var centre in new[] { "xintangpu", "qinghu", "chengbei", "tawan", "yingzhong", "fuxing" })
        {
            var modules = await HttpAssert.JsonAsync(await admin.GetAsync($"/api/centres/{centre}/modules"), HttpStatusCode.OK);
            patterns.Add(string.Join(",", modules.EnumerateArray().Select(m => m.GetProperty("enabled").GetBoolean())));
        }
        Assert.True(patterns.Count > 1);
    }

    [Fact]
    public async Task A_district_admin_creates_a_centre_that_is_usable_at_once()
    {
        var admin = await host.AdminAsync();
        var created = await HttpAssert.JsonAsync(await admin.PostAsJsonAsync("/api/centres",
            new { slug = "xinqiao", name = "新桥社区中心", nameEn = "Xinqiao", town = "xiayang" }), HttpStatusCode.Created);
        Assert.Equal("xinqiao", created.GetProperty("slug").GetString());

        var modules = await HttpAssert.JsonAsync(await admin.GetAsync("/api/centres/xinqiao/modules"), HttpStatusCode.OK);
        Assert.All(modules.EnumerateArray(), m => Assert.False(m.GetProperty("enabled").GetBoolean()));
        await host.SetModuleAsync("xinqiao", "notices", true);
        await HttpAssert.JsonAsync(await admin.GetAsync("/api/c/xinqiao/notices"), HttpStatusCode.OK);

        await HttpAssert.ProblemAsync(await admin.PostAsJsonAsync("/api/centres",
            new { slug = "xinqiao", name = "重复", town = "xiayang" }), HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("""{"slug":"Bad Slug!","name":"坏名字","town":"xiayang"}""", "slug")]
    [InlineData("""{"slug":"okslug","name":"好名字","town":"atlantis"}""", "town")]
    [InlineData("""{"slug":"okslug","town":"xiayang"}""", "name")]
    [InlineData("""{"slug":"okslug","name":"好名字","town":"xiayang""", "town")]
    [InlineData("""not json at all""", "body")]
    public async Task Creating_a_centre_with_bad_input_names_the_field(string json, string field)
    {
        var admin = await host.AdminAsync();
        var problem = await HttpAssert.ProblemAsync(await admin.PostAsync("/api/centres",
            new StringContent(json, System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        var centres = await HttpAssert.JsonAsync(await admin.GetAsync("/api/centres"), HttpStatusCode.OK);
        Assert.DoesNotContain(centres.EnumerateArray(), c => c.GetProperty("slug").GetString() == "okslug");
    }

    [Fact]
    public async Task Only_district_and_town_admins_create_centres()
    {
        var (_, _, centreAdmin) = await host.UserAsync("xianghua", "centre-admin");
        await HttpAssert.ProblemAsync(await centreAdmin.PostAsJsonAsync("/api/centres",
            new { slug = "mine", name = "我的中心", town = "xianghuaqiao" }), HttpStatusCode.Forbidden);
        var anonymous = host.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/centres",
            new { slug = "anon", name = "匿名", town = "xiayang" })).StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_lists_host_and_plugin_routes()
    {
        var doc = await HttpAssert.JsonAsync(await host.CreateClient().GetAsync("/openapi/v1.json"), HttpStatusCode.OK);
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/centres", paths);
        Assert.Contains("/api/c/{centre}/notices", paths);
        Assert.Equal(HttpStatusCode.OK, (await host.CreateClient().GetAsync("/api-reference/")).StatusCode);
    }
}
