using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using HappyCommunity.Tests.Infrastructure;

namespace HappyCommunity.Tests.Platform;

/// <summary>One host whose plugins folder holds every way a plugin can be wrong, beside good plugins.</summary>
public sealed class BrokenPluginsHost() : TestHost(new PluginFolder()
    .AddModule("notices")
    .AddTestPlugin("humanizer-one")
    .AddTestPlugin("humanizer-two")
    .AddRaw("bad-json", "{ \"id\": \"bad-json\", ")
    .AddRaw("nulls", """{ "id": null, "name": null, "version": null, "sdk": null, "assembly": null, "dependsOn": null }""")
    .AddRaw("bad-manifest", """{ "id": "Bad_Manifest", "version": "one", "sdk": "any" }""")
    .AddRaw("no-assembly", """{ "id": "no-assembly", "name": { "zh-CN": "无程序集" }, "version": "1.0.0", "sdk": "[1.0.0, 2.0.0)", "assembly": "Missing.dll" }""")
    .AddVariant(TestPaths.Modules, "notices", "wrong-sdk", m => m["sdk"] = "[2.0.0, 3.0.0)")
    .AddVariant(TestPaths.Modules, "notices", "residents", _ => { })
    .AddVariant(TestPaths.Modules, "notices", "needs-missing", m => m["dependsOn"] = new JsonObject { ["not-installed"] = "[1.0.0, )" })
    .AddVariant(TestPaths.Modules, "notices", "needs-newer", m => m["dependsOn"] = new JsonObject { ["notices"] = "[5.0.0, )" })
    .AddVariant(TestPaths.Modules, "notices", "cycle-a", m => m["dependsOn"] = new JsonObject { ["cycle-b"] = "[1.0.0, )" })
    .AddVariant(TestPaths.Modules, "notices", "cycle-b", m => m["dependsOn"] = new JsonObject { ["cycle-a"] = "[1.0.0, )" })
    .AddVariant(TestPaths.Modules, "notices", "needs-cycle", m => m["dependsOn"] = new JsonObject { ["cycle-a"] = "[1.0.0, )" })
    .AddVariant(TestPaths.TestPlugins, "faulty", "throws-in-services", m => m["moduleType"] = "HappyCommunity.TestPlugins.Faulty.ThrowsInServicesModule")
    .AddVariant(TestPaths.TestPlugins, "faulty", "throws-in-migration", m => m["moduleType"] = "HappyCommunity.TestPlugins.Faulty.ThrowsInMigrationModule")
    .AddVariant(TestPaths.TestPlugins, "faulty", "throwing-job", m => m["moduleType"] = "HappyCommunity.TestPlugins.Faulty.ThrowingJobModule")
    .AddVariant(TestPaths.TestPlugins, "faulty", "foreign-permission", m => m["moduleType"] = "HappyCommunity.TestPlugins.Faulty.ForeignPermissionModule")
    .AddVariant(TestPaths.TestPlugins, "faulty", "replaces-notifier", m => m["moduleType"] = "HappyCommunity.TestPlugins.Faulty.ReplacesNotifierModule")
    .AddVariant(TestPaths.TestPlugins, "faulty", "needs-faulted", m =>
    {
        m["moduleType"] = "HappyCommunity.TestPlugins.Faulty.ThrowsInMigrationModule";
        m["dependsOn"] = new JsonObject { ["throws-in-services"] = "[0.1.0, )" };
    }));

public sealed class PluginLoadingTests(BrokenPluginsHost host) : IClassFixture<BrokenPluginsHost>
{
    private async Task<Dictionary<string, JsonElement>> PluginsAsync()
    {
        var admin = await host.AdminAsync();
        var list = await HttpAssert.JsonAsync(await admin.GetAsync("/api/plugins"), HttpStatusCode.OK);
        return list.EnumerateArray().ToDictionary(p => p.GetProperty("id").GetString()!);
    }

    [Theory]
    [InlineData("bad-json", "Invalid", "not valid JSON")]
    [InlineData("bad-manifest", "Invalid", "'id' must be")]
    [InlineData("nulls", "Invalid", "'name' needs a 'zh-CN' text")]
    [InlineData("bad-manifest", "Invalid", "'version' 'one' is not a SemVer version")]
    [InlineData("no-assembly", "Invalid", "Missing.dll, which is not in the plugin folder")]
    [InlineData("residents", "Invalid", "reserved by the platform")]
    [InlineData("wrong-sdk", "Incompatible", "needs SDK [2.0.0, 3.0.0), but this host has SDK 1.2.0")]
    [InlineData("needs-missing", "MissingDependency", "'not-installed'")]
    [InlineData("needs-newer", "MissingDependency", "but version 1.0.0 is installed")]
    [InlineData("cycle-a", "DependencyCycle", "cycle")]
    [InlineData("cycle-b", "DependencyCycle", "cycle")]
    [InlineData("needs-cycle", "DependencyFailed", "'cycle-a'")]
    [InlineData("throws-in-services", "Faulted", "ConfigureServices threw: InvalidOperationException: boom in ConfigureServices")]
    [InlineData("throws-in-migration", "Faulted", "boom in migration")]
    [InlineData("needs-faulted", "DependencyFailed", "'throws-in-services'")]
    [InlineData("foreign-permission", "Faulted", "Refused: InvalidOperationException: The permission 'residents.read' must start with the module id")]
    [InlineData("replaces-notifier", "Faulted", "registers INotifier, which only the host may provide")]
    public async Task A_wrong_plugin_is_left_out_with_its_status_and_reason(string id, string status, string reason)
    {
        var plugins = await PluginsAsync();
        Assert.True(plugins.ContainsKey(id), $"{id} is not listed");
        Assert.Equal(status, plugins[id].GetProperty("status").GetString());
        Assert.Contains(reason, plugins[id].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Good_plugins_run_beside_broken_ones()
    {
        var plugins = await PluginsAsync();
        foreach (var id in new[] { "notices", "humanizer-one", "humanizer-two" })
        {
            Assert.Equal("Running", plugins[id].GetProperty("status").GetString());
            Assert.Equal(JsonValueKind.Null, plugins[id].GetProperty("reason").ValueKind);
        }

        var admin = await host.AdminAsync();
        await HttpAssert.JsonAsync(await admin.GetAsync("/api/c/xintangpu/notices"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Health_is_degraded_and_names_the_broken_plugins()
    {
        var client = host.CreateClient();
        var response = await client.GetAsync("/health");
        var health = await HttpAssert.JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal("Degraded", health.GetProperty("status").GetString());
        var plugins = health.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "plugins");
        Assert.Contains("throws-in-migration", plugins.GetProperty("description").GetString());
        Assert.Equal("Running", plugins.GetProperty("data").GetProperty("notices").GetString());
    }

    [Fact]
    public async Task A_faulted_plugin_serves_nothing()
    {
        await host.SetModuleAsync("xintangpu", "notices", true);
        var admin = await host.AdminAsync();
        await HttpAssert.ProblemAsync(await admin.GetAsync("/api/c/xintangpu/throws-in-migration"), HttpStatusCode.NotFound);
        await HttpAssert.ProblemAsync(await admin.GetAsync("/api/c/xintangpu/throws-in-services"), HttpStatusCode.NotFound);
        // Not offered for switching on either.
        var modules = await HttpAssert.JsonAsync(await admin.GetAsync("/api/centres/xintangpu/modules"), HttpStatusCode.OK);
        Assert.DoesNotContain(modules.EnumerateArray(), m => m.GetProperty("id").GetString()!.StartsWith("throws"));
        await HttpAssert.ProblemAsync(await admin.PutAsync("/api/centres/xintangpu/modules/throws-in-migration",
            JsonContent.Create(new { enabled = true })), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_plugins_throwing_background_job_does_not_take_the_host_down()
    {
        await host.SetModuleAsync("xintangpu", "throwing-job", true);
        var admin = await host.AdminAsync();
        Assert.Equal("still here", await (await admin.GetAsync("/api/c/xintangpu/throwing-job")).Content.ReadAsStringAsync());
        await HttpAssert.JsonAsync(await admin.GetAsync("/api/c/xintangpu/notices"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_platform_services_stay_the_hosts_own()
    {
        // replaces-notifier was refused, so a pinned notice still reaches residents' inboxes.
        await host.SetModuleAsync("qinghu", "notices", true);
        var (_, _, resident) = await host.UserAsync("qinghu", "resident");
        var (_, _, staff) = await host.UserAsync("qinghu", "staff");
        await HttpAssert.JsonAsync(await staff.PostAsJsonAsync("/api/c/qinghu/notices", new { title = "置顶", body = "重要通知", pinned = true }), HttpStatusCode.Created);
        Assert.Equal(1, (await HttpAssert.JsonAsync(await resident.GetAsync("/api/me/notifications"), HttpStatusCode.OK)).GetArrayLength());
    }

    [Fact]
    public async Task Two_plugins_use_different_versions_of_the_same_private_dependency()
    {
        await host.SetModuleAsync("xintangpu", "notices", true);
        await host.SetModuleAsync("xintangpu", "humanizer-one", true);
        await host.SetModuleAsync("xintangpu", "humanizer-two", true);
        var admin = await host.AdminAsync();

        var one = await HttpAssert.JsonAsync(await admin.GetAsync("/api/c/xintangpu/humanizer-one"), HttpStatusCode.OK);
        var two = await HttpAssert.JsonAsync(await admin.GetAsync("/api/c/xintangpu/humanizer-two"), HttpStatusCode.OK);

        Assert.StartsWith("2.14.", one.GetProperty("humanizer").GetString());
        Assert.StartsWith("3.0.", two.GetProperty("humanizer").GetString());
        Assert.Equal("Plugin load context", one.GetProperty("text").GetString());
        Assert.Equal("Plugin load context", two.GetProperty("text").GetString());
    }
}
