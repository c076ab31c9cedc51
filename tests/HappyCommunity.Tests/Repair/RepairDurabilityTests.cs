using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using HappyCommunity.Tests.Infrastructure;

namespace HappyCommunity.Tests.Repair;

/// <summary>The built host as its own process, killed with SIGKILL right after it answered 201.</summary>
[Collection(ProcessTestsCollection.Name)]
public sealed class RepairDurabilityTests
{
    [Fact]
    public async Task A_request_answered_201_survives_the_host_being_killed_right_after()
    {
        var plugins = new PluginFolder().AddModule("repair");
        var data = TestPaths.NewTempDirectory("data-kill");
        try
        {
            int id;
            using (var first = await HostProcess.StartAsync(plugins.Path, data))
            {
                var admin = await first.AdminAsync();
                Assert.True((await admin.PutAsJsonAsync("/api/centres/jinzecun/modules/repair", new { enabled = true })).IsSuccessStatusCode);
                var response = await admin.PostAsJsonAsync("/api/c/jinzecun/repair/requests", new { description = "桥边路灯不亮", location = new { text = "金泽古桥东侧" } });
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
                first.Kill(); // SIGKILL: no shutdown, no flush beyond what the commit already did
            }

            using var second = await HostProcess.StartAsync(plugins.Path, data);
            var again = await second.AdminAsync();
            var detail = await HttpAssert.JsonAsync(await again.GetAsync($"/api/c/jinzecun/repair/requests/{id}"), HttpStatusCode.OK);
            Assert.Equal("桥边路灯不亮", detail.GetProperty("description").GetString());
            Assert.Contains(detail.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("kind").GetString() == "submitted");
        }
        finally
        {
            try { Directory.Delete(data, true); Directory.Delete(plugins.Path, true); } catch (IOException) { }
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessTestsCollection
{
    public const string Name = "host processes";
}

/// <summary>Runs the built host (the same build the tests use) on a free loopback port.</summary>
public sealed class HostProcess : IDisposable
{
    private readonly Process _process;

    private HostProcess(Process process, Uri root)
    {
        _process = process;
        Root = root;
    }

    public Uri Root { get; }

    public static async Task<HostProcess> StartAsync(string pluginsPath, string dataPath, IReadOnlyDictionary<string, string>? settings = null)
    {
        var hostDll = Path.Combine(AppContext.BaseDirectory, "HappyCommunity.Host.dll");
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        var start = new ProcessStartInfo("dotnet", [hostDll])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["Data__Path"] = dataPath;
        start.Environment["Plugins__Path"] = pluginsPath;
        start.Environment["Seed__AdminPassword"] = TestHost.AdminPassword;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new HostProcess(process, new Uri($"http://127.0.0.1:{port}"));
        using var probeClient = new HttpClient { BaseAddress = host.Root, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"the host exited with {process.ExitCode}");
            try
            {
                if ((await probeClient.GetAsync("/health")).StatusCode is HttpStatusCode.OK) return host;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(100);
        }
        host.Dispose();
        throw new TimeoutException("the host did not answer /health within 60 s");
    }

    public async Task<HttpClient> AdminAsync()
    {
        var client = new HttpClient { BaseAddress = Root };
        var login = await client.PostAsJsonAsync("/api/auth/login", new { userName = "admin", password = TestHost.AdminPassword });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
