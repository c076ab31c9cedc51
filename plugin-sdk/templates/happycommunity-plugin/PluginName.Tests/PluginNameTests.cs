using System.Net;
using System.Net.Http.Json;
using HappyCommunity.PluginSdk;
using HappyCommunity.PluginSdk.Testing;
using Xunit;

namespace PluginName.Tests;

public sealed class PluginNameTests : IAsyncLifetime
{
    private static readonly string PluginFolder = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../PluginName/bin/plugin/pluginname"));
    private PluginTestHost _host = null!;

    public async Task InitializeAsync() => _host = await PluginTestHost.StartAsync(PluginFolder);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_resident_adds_an_item_and_sees_it()
    {
        var resident = await _host.ClientAsync(Roles.Resident);
        var added = await resident.PostAsJsonAsync($"/api/c/{_host.Centre}/pluginname/items", new { title = "第一条" });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var page = await resident.GetStringAsync($"/c/{_host.Centre}/pluginname");
        Assert.Contains("第一条", page);
    }
}
