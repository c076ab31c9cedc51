using HappyCommunity.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace HappyCommunity.Tests.Browser;

/// <summary>The real host on Kestrel, and Debian's Chromium driven by Playwright (no browser download).</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public BrowserFixture() => Host = new(new PluginFolder().AddModule("notices").AddModule("repair").AddModule("volunteers"), kestrel: true,
        services: s => s.AddSingleton<TimeProvider>(Clock));

    public TestHost Host { get; }

    /// <summary>The host's clock: real time, which a test may move on (a shift's hours without waiting for them).</summary>
    public ShiftedClock Clock { get; } = new();
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    /// <summary>Where screenshots go, for people to look at (not committed).</summary>
    public static string ScreenshotDir { get; } = Directory.CreateDirectory(Path.Combine(TestPaths.RepoRoot, "artifacts", "screenshots")).FullName;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"Chromium is not installed at {ChromiumPath}: run `apt-get install -y chromium` (.ci/run does).");
        BaseUrl = Host.RootUri;
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
    }

    public async Task<IPage> SignedInPageAsync(string userName, string password)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, ViewportSize = new() { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(60_000); // a loaded two-core machine can be slow; a real failure still fails
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.FillAsync("input[name=userName]", userName);
        await page.FillAsync("input[name=password]", password);
        await page.ClickAsync("form[action='/account/login'] button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/login") || url.Contains("error="));
        if (page.Url.Contains("error="))
            throw new InvalidOperationException($"Signing in {userName} failed: {page.Url}");
        return page;
    }

    /// <summary>
    /// Waits for a form's redirect back (the page's URL gains <paramref name="successKey"/>= or error=), and fails with
    /// the page's own error message if it reports one.
    /// </summary>
    public static async Task ExpectRedirectBackAsync(IPage page, string successKey)
    {
        await page.WaitForURLAsync(url => url.Contains(successKey + "=") || url.Contains("error="));
        if (page.Url.Contains("error="))
            Assert.Fail("The page reported: " + await page.Locator("[role=alert]").InnerTextAsync());
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        Playwright?.Dispose();
        Host.Dispose();
    }
}
