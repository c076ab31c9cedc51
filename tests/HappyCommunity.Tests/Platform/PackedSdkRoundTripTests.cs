using System.Net;
using System.Net.Http.Json;
using HappyCommunity.Tests.Infrastructure;

namespace HappyCommunity.Tests.Platform;

/// <summary>
/// The third-party path end to end: pack the SDK, build the housekeeping sample from the package (outside the
/// repository, as an outsider would), drop its plugin folder into a host and use it over HTTP.
/// </summary>
public sealed class PackedSample : IAsyncLifetime
{
    public string WorkDirectory { get; } = TestPaths.NewTempDirectory("sample");

    /// <summary>The configuration this suite was built in: the SDK and the kit are packed from that build, not rebuilt.</summary>
    private static string Configuration { get; } =
        typeof(PackedSample).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyConfigurationAttribute), false)
            .OfType<System.Reflection.AssemblyConfigurationAttribute>().Single().Configuration;
    public string PluginDirectory { get; private set; } = "";
    public string IncompatiblePluginDirectory { get; private set; } = "";
    public string SampleTestOutput { get; private set; } = "";
    public string SdkVersion { get; private set; } = "";
    public string TemplateTestOutput { get; private set; } = "";
    public TimeSpan TemplateToGreen { get; private set; }
    public TestHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var stamp = DateTime.UtcNow.ToString("yyyyMMddHHmmssfff");
        SdkVersion = $"1.0.0-rt.{stamp}";
        PluginDirectory = await BuildSampleAsync($"1.0.0-rt.{stamp}", "compatible", runItsTests: true);
        IncompatiblePluginDirectory = await BuildSampleAsync($"2.0.0-rt.{stamp}", "incompatible", runItsTests: false);
        await RunTemplateAsync();

        var plugins = new PluginFolder().AddModule("notices");
        TestPaths.CopyDirectory(PluginDirectory, Path.Combine(plugins.Path, "housekeeping"));
        // The same plugin built against a 2.x SDK, under another folder name (and id), must be refused.
        TestPaths.CopyDirectory(IncompatiblePluginDirectory, Path.Combine(plugins.Path, "housekeeping-next"));
        var manifest = Path.Combine(plugins.Path, "housekeeping-next", "plugin.json");
        await File.WriteAllTextAsync(manifest, (await File.ReadAllTextAsync(manifest)).Replace("\"id\": \"housekeeping\"", "\"id\": \"housekeeping-next\""));
        Host = new TestHost(plugins);
    }

    /// <summary>
    /// Packs the SDK and the test kit at a version of their own, copies the sample and its tests out of the repository,
    /// and builds the sample against those packages only (and runs its own tests, which use the test kit).
    /// </summary>
    private async Task<string> BuildSampleAsync(string sdkVersion, string name, bool runItsTests)
    {
        var packages = Path.Combine(WorkDirectory, name, "packages");
        await DotnetCli.RunAsync(TestPaths.RepoRoot, "pack", "plugin-sdk/HappyCommunity.PluginSdk", "--no-build", "-c", Configuration, "-o", packages, $"-p:Version={sdkVersion}");
        if (runItsTests)
            await DotnetCli.RunAsync(TestPaths.RepoRoot, "pack", "plugin-sdk/HappyCommunity.PluginSdk.Testing", "--no-build", "-c", Configuration, "-o", packages, $"-p:Version={sdkVersion}");

        var root = Path.Combine(WorkDirectory, name);
        var project = Path.Combine(root, "Housekeeping");
        TestPaths.CopyDirectory(Path.Combine(TestPaths.RepoRoot, "samples", "Housekeeping"), project);
        TestPaths.CopyDirectory(Path.Combine(TestPaths.RepoRoot, "samples", "Housekeeping.Tests"), Path.Combine(root, "Housekeeping.Tests"));
        foreach (var dir in new[] { project, Path.Combine(root, "Housekeeping.Tests") })
            foreach (var generated in new[] { "bin", "obj", "bin-design", "obj-design" })
                if (Directory.Exists(Path.Combine(dir, generated))) Directory.Delete(Path.Combine(dir, generated), true);
        await File.WriteAllTextAsync(Path.Combine(root, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="sdk-under-test" value="{packages}" />
              </packageSources>
            </configuration>
            """);
        if (runItsTests)
            SampleTestOutput = await DotnetCli.RunAsync(Path.Combine(root, "Housekeeping.Tests"), "test", $"-p:HappyCommunitySdkPackageVersion={sdkVersion}", "-nodeReuse:false");
        else
            await DotnetCli.RunAsync(project, "build", $"-p:HappyCommunitySdkPackageVersion={sdkVersion}", "-nodeReuse:false");
        return Path.Combine(project, "bin", "plugin", "housekeeping");
    }

    /// <summary>`dotnet new happycommunity-plugin -n Library`, then the generated test, against the packed SDK and kit.</summary>
    private async Task RunTemplateAsync()
    {
        var hive = Path.Combine(WorkDirectory, "template-hive");
        var output = Path.Combine(WorkDirectory, "compatible", "Library");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await DotnetCli.RunAsync(TestPaths.RepoRoot, "new", "install", Path.Combine(TestPaths.RepoRoot, "plugin-sdk", "templates", "happycommunity-plugin"), "--debug:custom-hive", hive);
        await DotnetCli.RunAsync(TestPaths.RepoRoot, "new", "happycommunity-plugin", "-n", "Library", "-o", output, "--sdkVersion", SdkVersion, "--debug:custom-hive", hive);
        File.Delete(Path.Combine(output, "NuGet.config")); // the packages under test come from the NuGet.config one folder up
        TemplateTestOutput = await DotnetCli.RunAsync(output, "test", "Library.Tests", "-nodeReuse:false");
        TemplateToGreen = clock.Elapsed;
    }

    public Task DisposeAsync()
    {
        Host?.Dispose();
        try { Directory.Delete(WorkDirectory, true); } catch (IOException) { }
        return Task.CompletedTask;
    }
}

/// <summary>The round trip runs dotnet builds: alone, after the other tests, so it never starves them of the two cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PackedSdkCollection
{
    public const string Name = "packed sdk round trip";
}

[Collection(PackedSdkCollection.Name)]
public sealed class PackedSdkRoundTripTests(PackedSample sample) : IClassFixture<PackedSample>
{
    [Fact]
    public void The_samples_own_tests_pass_with_the_packed_test_kit()
    {
        Assert.Contains("Passed!", sample.SampleTestOutput);
        Assert.Contains("Failed:     0", sample.SampleTestOutput);
        Assert.Matches(@"Passed:\s+2\b", sample.SampleTestOutput);
    }

    [Fact]
    public void The_plugin_folder_holds_the_plugin_and_not_the_sdk_or_the_hosts_libraries()
    {
        var files = Directory.EnumerateFiles(sample.PluginDirectory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(sample.PluginDirectory, f)).ToList();
        Assert.Contains("HappyCommunity.Samples.Housekeeping.dll", files);
        Assert.Contains("plugin.json", files);
        Assert.Contains(Path.Combine("wwwroot", "styles.css"), files);
        Assert.DoesNotContain(files, f => f.Contains("HappyCommunity.PluginSdk") || f.Contains("EntityFrameworkCore") || f.Contains("MediatR") || f.Contains("SQLite"));
        Assert.DoesNotContain("NuGet.config", files);
        var size = Directory.EnumerateFiles(sample.PluginDirectory, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        Assert.True(size < 1_000_000, $"the plugin folder is {size} bytes");
        Assert.True(File.Exists(Path.Combine(sample.PluginDirectory, "..", "housekeeping-1.0.0.zip")));

        var manifest = File.ReadAllText(Path.Combine(sample.PluginDirectory, "plugin.json"));
        Assert.Contains("\"assembly\": \"HappyCommunity.Samples.Housekeeping.dll\"", manifest);
        Assert.Contains("\"sdk\": \"[1.0.0-rt.", manifest);
    }

    [Fact]
    public void The_template_makes_a_plugin_whose_test_passes()
    {
        Assert.Contains("Passed!", TemplateOutput);
        Assert.Matches(@"Failed:\s+0,\s+Passed:\s+1\b", TemplateOutput);
        var plugin = Path.Combine(sample.WorkDirectory, "compatible", "Library", "Library", "bin", "plugin", "library");
        Assert.True(File.Exists(Path.Combine(plugin, "Library.dll")));
        Assert.Contains("\"id\": \"library\"", File.ReadAllText(Path.Combine(plugin, "plugin.json")));
        Assert.Contains("20261203174728_Initial", string.Join(",", Directory.EnumerateFiles(Path.Combine(sample.WorkDirectory, "compatible", "Library", "Library", "Data", "Migrations"))));
    }

    private string TemplateOutput => sample.TemplateTestOutput;

    [Fact]
    public async Task The_build_refuses_a_manifest_without_a_chinese_name()
    {
        var project = Path.Combine(sample.WorkDirectory, "compatible", "Broken");
        TestPaths.CopyDirectory(Path.Combine(TestPaths.RepoRoot, "samples", "Housekeeping"), project);
        foreach (var generated in new[] { "bin", "obj" })
            if (Directory.Exists(Path.Combine(project, generated))) Directory.Delete(Path.Combine(project, generated), true);
        var manifest = Path.Combine(project, "plugin.json");
        await File.WriteAllTextAsync(manifest, (await File.ReadAllTextAsync(manifest)).Replace("\"zh-CN\": \"家政服务\"", "\"zh\": \"家政服务\""));

        var (exitCode, output) = await DotnetCli.RunRawAsync(project, "build", $"-p:HappyCommunitySdkPackageVersion={sample.SdkVersion}", "-nodeReuse:false");
        Assert.NotEqual(0, exitCode);
        Assert.Contains("HCP004", output);
        Assert.Contains("plugin.json needs a \"name\" with a \"zh-CN\" text", output);
    }

    [Fact]
    public async Task A_plugin_built_for_an_incompatible_sdk_is_refused_with_what_to_do()
    {
        var admin = await sample.Host.AdminAsync();
        var plugins = await HttpAssert.JsonAsync(await admin.GetAsync("/api/plugins"), HttpStatusCode.OK);
        var next = plugins.EnumerateArray().Single(p => p.GetProperty("id").GetString() == "housekeeping-next");
        Assert.Equal("Incompatible", next.GetProperty("status").GetString());
        var reason = next.GetProperty("reason").GetString()!;
        Assert.Contains("needs SDK [2.0.0-rt.", reason);
        Assert.Contains("this host has SDK 1.2.0", reason);
        Assert.Contains("Rebuild it against HappyCommunity.PluginSdk 1.x, no newer than 1.2.0", reason);
    }

    [Fact]
    public async Task The_catalogue_shows_the_samples_manifest_status_and_centres()
    {
        await sample.Host.SetModuleAsync("xintangpu", "housekeeping", true);
        var admin = await sample.Host.AdminAsync();
        var plugins = await HttpAssert.JsonAsync(await admin.GetAsync("/api/plugins"), HttpStatusCode.OK);
        var housekeeping = plugins.EnumerateArray().Single(p => p.GetProperty("id").GetString() == "housekeeping");
        Assert.Equal("Running", housekeeping.GetProperty("status").GetString());
        Assert.Equal("家政服务", housekeeping.GetProperty("name").GetString());
        Assert.Equal("1.0.0", housekeeping.GetProperty("version").GetString());
        Assert.StartsWith("Qingpu Home Services", housekeeping.GetProperty("author").GetString());
        Assert.Equal(["housekeeping.book", "housekeeping.manage"], housekeeping.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
        Assert.Contains("xintangpu", housekeeping.GetProperty("centres").EnumerateArray().Select(c => c.GetString()));

        var page = await admin.GetStringAsync("/admin/plugins");
        Assert.Contains("家政服务", page);
        Assert.Contains("housekeeping.manage", page);
        Assert.Contains("Qingpu Home Services", page);
    }

    [Fact]
    public async Task A_resident_books_a_visit_the_provider_confirms_and_the_resident_rates_it()
    {
        var host = sample.Host;
        await host.SetModuleAsync("qinghu", "housekeeping", true);
        var (_, _, staff) = await host.UserAsync("qinghu", "staff");
        var (_, _, resident) = await host.UserAsync("qinghu", "resident");

        var provider = await HttpAssert.JsonAsync(await staff.PostAsJsonAsync("/api/c/qinghu/housekeeping/providers",
            new { name = "青浦好帮手家政", phone = "021-59700000", kind = "Cleaning" }), HttpStatusCode.Created);
        var bad = await HttpAssert.ProblemAsync(await resident.PostAsJsonAsync("/api/c/qinghu/housekeeping/bookings",
            new { providerId = provider.GetProperty("id").GetInt32(), visitAt = DateTimeOffset.UtcNow.AddDays(1), address = "" }), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("address", out _));

        var booking = await HttpAssert.JsonAsync(await resident.PostAsJsonAsync("/api/c/qinghu/housekeeping/bookings",
            new { providerId = provider.GetProperty("id").GetInt32(), visitAt = DateTimeOffset.UtcNow.AddDays(1), address = "12号楼1单元301室" }), HttpStatusCode.Created);
        var id = booking.GetProperty("id").GetInt32();
        Assert.Equal("Requested", booking.GetProperty("status").GetString());

        await HttpAssert.ProblemAsync(await resident.PostAsync($"/api/c/qinghu/housekeeping/bookings/{id}/confirm", null), HttpStatusCode.Forbidden);
        await HttpAssert.ProblemAsync(await resident.PostAsJsonAsync($"/api/c/qinghu/housekeeping/bookings/{id}/rate", new { stars = 5 }), HttpStatusCode.Conflict);
        await HttpAssert.JsonAsync(await staff.PostAsync($"/api/c/qinghu/housekeeping/bookings/{id}/confirm", null), HttpStatusCode.OK);
        await HttpAssert.ProblemAsync(await staff.PostAsync($"/api/c/qinghu/housekeeping/bookings/{id}/confirm", null), HttpStatusCode.Conflict);

        var inbox = await HttpAssert.JsonAsync(await resident.GetAsync("/api/me/notifications"), HttpStatusCode.OK);
        Assert.Contains(inbox.EnumerateArray(), n => n.GetProperty("title").GetString() == "家政预约已确认");

        await HttpAssert.JsonAsync(await staff.PostAsync($"/api/c/qinghu/housekeeping/bookings/{id}/complete", null), HttpStatusCode.OK);
        var rated = await HttpAssert.JsonAsync(await resident.PostAsJsonAsync($"/api/c/qinghu/housekeeping/bookings/{id}/rate",
            new { stars = 5, comment = "阿姨很细心" }), HttpStatusCode.OK);
        Assert.Equal(5, rated.GetProperty("rating").GetInt32());
        await HttpAssert.ProblemAsync(await resident.PostAsJsonAsync($"/api/c/qinghu/housekeeping/bookings/{id}/rate", new { stars = 1 }), HttpStatusCode.Conflict);

        var dashboard = await HttpAssert.JsonAsync(await staff.GetAsync("/api/c/qinghu/dashboard"), HttpStatusCode.OK);
        var figures = dashboard.EnumerateArray().Single(m => m.GetProperty("module").GetString() == "housekeeping").GetProperty("figures");
        Assert.Equal(1m, figures[0].GetProperty("value").GetDecimal());
        Assert.Equal(5m, figures[1].GetProperty("value").GetDecimal());

        var page = await resident.GetStringAsync("/c/qinghu/housekeeping");
        Assert.Contains("青浦好帮手家政", page);
        Assert.Contains("12号楼1单元301室", page);
        Assert.Equal(HttpStatusCode.OK, (await resident.GetAsync("/_content/housekeeping/styles.css")).StatusCode);
    }

    [Fact]
    public async Task Another_centres_user_cannot_see_or_touch_the_bookings()
    {
        var host = sample.Host;
        await host.SetModuleAsync("chengbei", "housekeeping", true);
        var (_, _, outsider) = await host.UserAsync("tawan", "staff");
        await HttpAssert.ProblemAsync(await outsider.GetAsync("/api/c/chengbei/housekeeping/bookings"), HttpStatusCode.Forbidden);
        await HttpAssert.ProblemAsync(await outsider.PostAsync("/api/c/chengbei/housekeeping/bookings/1/confirm", null), HttpStatusCode.Forbidden);
    }
}
