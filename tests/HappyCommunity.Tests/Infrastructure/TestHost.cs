using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using HappyCommunity.PluginSdk;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace HappyCommunity.Tests.Infrastructure;

/// <summary>
/// The real host, in process, with real plugins loaded from a plugins folder on disk and a fresh data folder of
/// real SQLite files. Optionally on real Kestrel (for the browser tests).
/// </summary>
public class TestHost : WebApplicationFactory<Program>
{
    public const string AdminPassword = "Admin-pass-2026";
    private readonly Dictionary<string, string?> _settings;
    private readonly bool _kestrel;
    private int _users;

    private readonly Action<IServiceCollection>? _services;

    public TestHost(PluginFolder plugins, IDictionary<string, string?>? settings = null, bool kestrel = false, Action<IServiceCollection>? services = null)
    {
        _services = services;
        Plugins = plugins;
        DataPath = TestPaths.NewTempDirectory("data");
        _kestrel = kestrel;
        _settings = new Dictionary<string, string?>
        {
            ["Data:Path"] = DataPath,
            ["Plugins:Path"] = plugins.Path,
            ["Seed:AdminPassword"] = AdminPassword,
            ["Auth:RateLimitPerMinute"] = "100000",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Error",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            _settings[key] = value;
        if (kestrel)
            UseKestrel(0);
    }

    public PluginFolder Plugins { get; }

    public string DataPath { get; }

    /// <summary>The Kestrel address, for browser tests.</summary>
    public string RootUri
    {
        get
        {
            if (!_kestrel) throw new InvalidOperationException("Not started on Kestrel.");
            StartServer();
            return Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::]", "127.0.0.1");
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
        if (_services is not null)
            builder.ConfigureTestServices(_services);
    }

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<HttpClient> LoginAsync(string userName, string password)
    {
        var options = new WebApplicationFactoryClientOptions { AllowAutoRedirect = false };
        if (_kestrel) options.BaseAddress = new Uri(RootUri);
        var client = CreateClient(options);
        var response = await client.PostAsJsonAsync("/api/auth/login", new { userName, password });
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"login of {userName} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var token = await response.Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        return client;
    }

    public Task<HttpClient> AdminAsync() => LoginAsync("admin", AdminPassword);

    /// <summary>Creates a fresh user with one role in one centre (through the API, as the district admin) and signs them in.</summary>
    public async Task<(string UserName, string Id, HttpClient Client)> UserAsync(string centre, string role)
    {
        var admin = await AdminAsync();
        var userName = $"{role}-{centre}-{Interlocked.Increment(ref _users)}-{Guid.NewGuid().ToString("N")[..6]}";
        var response = await admin.PostAsJsonAsync("/api/users", new { userName, password = "Passw0rd-1", displayName = userName, centre, role });
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"creating {userName}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (userName, body.GetProperty("id").GetString()!, await LoginAsync(userName, "Passw0rd-1"));
    }

    public async Task SetModuleAsync(string centre, string module, bool enabled)
    {
        var admin = await AdminAsync();
        var response = await admin.PutAsJsonAsync($"/api/centres/{centre}/modules/{module}", new { enabled });
        Assert.True(response.IsSuccessStatusCode, $"switching {module} at {centre}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataPath, recursive: true);
            Directory.Delete(Plugins.Path, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}

/// <summary>The standard test district: the shipped modules plus two test plugins with private dependencies.</summary>
public sealed class StandardHost() : TestHost(new PluginFolder()
    .AddModule("notices")
    .AddModule("repair")
    .AddModule("volunteers")
    .AddTestPlugin("humanizer-one")
    .AddTestPlugin("humanizer-two"));

[CollectionDefinition(Name)]
public sealed class StandardHostCollection : ICollectionFixture<StandardHost>
{
    public const string Name = "standard host";
}

public static class HttpAssert
{
    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var problem = await JsonAsync(response, expected);
        Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType?.MediaType ?? "");
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        return problem;
    }
}
