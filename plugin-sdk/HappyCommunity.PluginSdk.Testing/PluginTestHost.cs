using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace HappyCommunity.PluginSdk.Testing;

/// <summary>
/// The real HappyCommunity host, in process, with the plugin under test loaded from its build output
/// (<c>bin/plugin/&lt;id&gt;</c>), a temporary SQLite data folder, the demo district, and the plugin switched on at
/// the centre <see cref="Centre"/>. Create one per test class (or share it with a class fixture) and dispose it.
/// </summary>
public sealed class PluginTestHost : IAsyncDisposable
{
    private const string AdminPassword = "Kit-admin-2026";
    private readonly Factory _factory;
    private readonly string _root;
    private int _users;

    private PluginTestHost(Factory factory, string root, string pluginId)
    {
        _factory = factory;
        _root = root;
        PluginId = pluginId;
    }

    /// <summary>The centre where the plugin is switched on (the demo district's Xintangpu).</summary>
    public string Centre { get; } = "xintangpu";

    /// <summary>The id of the plugin under test, read from its manifest.</summary>
    public string PluginId { get; }

    /// <summary>The host's services, for assertions on what was stored.</summary>
    public IServiceProvider Services => _factory.Services;

    /// <summary>The folder holding the host's SQLite files.</summary>
    public string DataPath => Path.Combine(_root, "data");

    /// <summary>
    /// Starts the host with the plugin in <paramref name="pluginDirectory"/> (its built plugin folder) and switches it on at
    /// <see cref="Centre"/>. Further plugin folders (e.g. dependencies) can be given in <paramref name="otherPlugins"/>.
    /// </summary>
    /// <param name="pluginDirectory">The plugin folder the build laid out, e.g. <c>bin/plugin/housekeeping</c>.</param>
    /// <param name="otherPlugins">Other plugin folders to load beside it.</param>
    public static async Task<PluginTestHost> StartAsync(string pluginDirectory, params string[] otherPlugins)
    {
        var manifestPath = Path.Combine(pluginDirectory, "plugin.json");
        if (!File.Exists(manifestPath))
            throw new InvalidOperationException($"{pluginDirectory} is not a plugin folder (no plugin.json). Build the plugin first.");
        var pluginId = JsonDocument.Parse(await File.ReadAllTextAsync(manifestPath)).RootElement.GetProperty("id").GetString()!;

        var root = Path.Combine(Path.GetTempPath(), "happycommunity-kit", Guid.NewGuid().ToString("N"));
        var plugins = Path.Combine(root, "plugins");
        foreach (var folder in otherPlugins.Prepend(pluginDirectory))
        {
            var id = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "plugin.json"))).RootElement.GetProperty("id").GetString()!;
            Copy(folder, Path.Combine(plugins, id));
        }
        Directory.CreateDirectory(Path.Combine(root, "content", "wwwroot"));

        var host = new PluginTestHost(new Factory(root, plugins), root, pluginId);
        try
        {
            var status = await host.PluginStatusAsync();
            if (status.Status != "Running")
                throw new InvalidOperationException($"The host did not start the plugin '{pluginId}': {status.Status}: {status.Reason}");
            var admin = await host.AdminAsync();
            var enabled = await admin.PutAsJsonAsync($"/api/centres/{host.Centre}/modules/{pluginId}", new { enabled = true });
            if (!enabled.IsSuccessStatusCode)
                throw new InvalidOperationException($"Could not switch '{pluginId}' on: {await enabled.Content.ReadAsStringAsync()}");
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>The plugin's status and reason as the host reports them (<c>GET /api/plugins</c>).</summary>
    public async Task<(string Status, string? Reason)> PluginStatusAsync()
    {
        var admin = await AdminAsync();
        var plugins = await admin.GetFromJsonAsync<JsonElement>("/api/plugins");
        var mine = plugins.EnumerateArray().Single(p => p.GetProperty("id").GetString() == PluginId);
        return (mine.GetProperty("status").GetString()!, mine.GetProperty("reason").GetString());
    }

    /// <summary>A client signed in as the district admin.</summary>
    public Task<HttpClient> AdminAsync() => SignInAsync("admin", AdminPassword);

    /// <summary>A client signed in as a new user holding <paramref name="role"/> (e.g. <see cref="Roles.Resident"/>) at the centre.</summary>
    /// <param name="role">A centre role token.</param>
    /// <param name="centre">The centre; <see cref="Centre"/> when null.</param>
    public async Task<HttpClient> ClientAsync(string role, string? centre = null)
    {
        var admin = await AdminAsync();
        var userName = $"{role}-{Interlocked.Increment(ref _users)}-{Guid.NewGuid().ToString("N")[..6]}";
        var created = await admin.PostAsJsonAsync("/api/users", new { userName, password = "Kit-user-2026", displayName = userName, centre = centre ?? Centre, role });
        if (!created.IsSuccessStatusCode)
            throw new InvalidOperationException($"Could not create a {role}: {await created.Content.ReadAsStringAsync()}");
        return await SignInAsync(userName, "Kit-user-2026");
    }

    /// <summary>A client that is not signed in.</summary>
    public HttpClient Anonymous() => _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private async Task<HttpClient> SignInAsync(string userName, string password)
    {
        var client = Anonymous();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { userName, password });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        return client;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    private sealed class Factory : WebApplicationFactory<Program>
    {
        private readonly string _root;
        private readonly string _plugins;

        public Factory(string root, string plugins)
        {
            _root = root;
            _plugins = plugins;
            // The host needs a content root; a plugin's test project has no host project to find one in.
            Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_HAPPYCOMMUNITY_HOST", Path.Combine(root, "content"));
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseContentRoot(Path.Combine(_root, "content"));
            builder.UseSetting("Data:Path", Path.Combine(_root, "data"));
            builder.UseSetting("Plugins:Path", _plugins);
            builder.UseSetting("Seed:AdminPassword", AdminPassword);
            builder.UseSetting("Auth:RateLimitPerMinute", "100000");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
        }
    }
}
