using HappyCommunity.Host.Plugins;
using HappyCommunity.Tests.Infrastructure;
using NuGet.Versioning;

namespace HappyCommunity.Tests.Unit;

/// <summary>Manifest checks and dependency ordering, on real plugin folders, without starting a host.</summary>
public sealed class PluginDiscoveryTests
{
    private static PluginFolder Variants(params (string Id, string[] DependsOn)[] plugins)
    {
        var folder = new PluginFolder();
        foreach (var (id, dependsOn) in plugins)
            folder.AddVariant(TestPaths.Modules, "notices", id, m =>
            {
                var deps = new System.Text.Json.Nodes.JsonObject();
                foreach (var d in dependsOn) deps[d] = "[1.0.0, 2.0.0)";
                m["dependsOn"] = deps;
            });
        return folder;
    }

    [Fact]
    public void Dependencies_come_before_dependents_whatever_the_folder_order()
    {
        var folder = Variants(("a-top", ["m-mid"]), ("m-mid", ["z-base"]), ("z-base", []));
        var order = PluginDiscovery.Discover(folder.Path, PluginDiscovery.HostSdkVersion).Select(p => p.Id).ToList();
        Assert.Equal(["z-base", "m-mid", "a-top"], order);
    }

    [Fact]
    public void A_cycle_marks_every_member_and_names_the_path()
    {
        var folder = Variants(("p-one", ["p-two"]), ("p-two", ["p-three"]), ("p-three", ["p-one"]), ("p-free", []));
        var plugins = PluginDiscovery.Discover(folder.Path, PluginDiscovery.HostSdkVersion).ToDictionary(p => p.Id);
        foreach (var id in new[] { "p-one", "p-two", "p-three" })
        {
            Assert.Equal(PluginStatus.DependencyCycle, plugins[id].Status);
            Assert.Contains("→", plugins[id].Reason);
        }
        Assert.True(plugins["p-free"].IsRunning);
    }

    [Theory]
    [InlineData("1.2.0", true)]
    [InlineData("1.4.2", true)]
    [InlineData("1.1.0", false)] // built against SDK 1.2: an older 1.1 host lacks what it may call
    [InlineData("1.0.0", false)]
    [InlineData("0.9.0", false)]
    [InlineData("2.0.0", false)]
    public void The_sdk_range_is_checked_against_the_host_sdk(string hostSdk, bool accepted)
    {
        var folder = Variants(("ranged", []));
        var plugin = PluginDiscovery.Discover(folder.Path, NuGetVersion.Parse(hostSdk)).Single();
        Assert.Equal(accepted, plugin.IsRunning);
        if (!accepted)
            Assert.Equal(PluginStatus.Incompatible, plugin.Status);
    }

    [Fact]
    public void A_folder_whose_id_differs_from_its_manifest_is_invalid()
    {
        var folder = new PluginFolder().AddModule("notices");
        Directory.Move(Path.Combine(folder.Path, "notices"), Path.Combine(folder.Path, "renamed"));
        var plugin = PluginDiscovery.Discover(folder.Path, PluginDiscovery.HostSdkVersion).Single();
        Assert.Equal(PluginStatus.Invalid, plugin.Status);
        Assert.Contains("'notices' but the folder is 'renamed'", plugin.Reason);
    }

    [Fact]
    public void No_plugins_folder_means_no_plugins()
    {
        Assert.Empty(PluginDiscovery.Discover(Path.Combine(Path.GetTempPath(), "hc-none-" + Guid.NewGuid()), PluginDiscovery.HostSdkVersion));
    }
}
