using HappyCommunity.Tests.Infrastructure;
using Microsoft.Playwright;

namespace HappyCommunity.Tests.Browser;

/// <summary>Browser tests run alone, after the parallel ones: a real browser on two shared cores needs them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection
{
    public const string Name = "browser";
}

[Collection(BrowserCollection.Name)]
public sealed class AdminBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    /// <summary>Waits for the form's redirect back, and fails with the page's own error message if it reports one.</summary>
    private static Task ExpectSuccessAsync(IPage page) => BrowserFixture.ExpectRedirectBackAsync(page, "msg");

    [Fact]
    public async Task Admin_switches_a_module_off_and_it_leaves_the_centres_navigation()
    {
        var page = await fixture.SignedInPageAsync("admin", TestHost.AdminPassword);

        await page.GotoAsync("/c/xintangpu");
        Assert.Equal(1, await page.Locator("nav.modules a[href='/c/xintangpu/notices']").CountAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "centre-home.png"), FullPage = true });

        await page.GotoAsync("/admin/centres");
        var toggle = page.Locator("tr[data-centre='xintangpu'] button[data-module='notices']");
        Assert.Contains("已开通", await toggle.InnerTextAsync());
        await toggle.ClickAsync();
        await ExpectSuccessAsync(page);
        Assert.Contains("未开通", await page.Locator("tr[data-centre='xintangpu'] button[data-module='notices']").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "admin-centres.png") });

        await page.GotoAsync("/c/xintangpu");
        Assert.Equal(0, await page.Locator("a[href='/c/xintangpu/notices']").CountAsync());

        var response = await page.GotoAsync("/c/xintangpu/notices");
        Assert.Equal(404, response!.Status);
        Assert.Contains("还没有开通“社区公告”服务", await page.Locator("main").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "module-off-404.png") });

        // Other centres are untouched.
        await page.GotoAsync("/c/qinghu");
        var qinghuHasNotices = await fixture.Host.AdminAsync();
        var modules = await qinghuHasNotices.GetStringAsync("/api/centres/qinghu/modules");
        Assert.Equal(modules.Contains("\"enabled\":true"), await page.Locator("a[href='/c/qinghu/notices']").CountAsync() > 0);

        // And back on, at once.
        await page.GotoAsync("/admin/centres");
        await page.Locator("tr[data-centre='xintangpu'] button[data-module='notices']").ClickAsync();
        await ExpectSuccessAsync(page);
        var back = await page.GotoAsync("/c/xintangpu/notices");
        Assert.Equal(200, back!.Status);

        var district = await page.GotoAsync("/district?town=xiayang");
        Assert.Equal(200, district!.Status);
        Assert.Contains("新塘浦社区中心", await page.Locator("main").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "district.png"), FullPage = true });
    }

    [Fact]
    public async Task Staff_publish_a_notice_from_the_page_in_english_and_large_type()
    {
        var page = await fixture.SignedInPageAsync("admin", TestHost.AdminPassword);
        await page.GotoAsync("/c/xianghua/notices");
        if ((await page.GotoAsync("/c/xianghua/notices"))!.Status == 404)
        {
            var admin = await fixture.Host.AdminAsync();
            await admin.PutAsync("/api/centres/xianghua/modules/notices", System.Net.Http.Json.JsonContent.Create(new { enabled = true }));
            await page.GotoAsync("/c/xianghua/notices");
        }

        await page.ClickAsync("text=English");
        await page.ClickAsync("text=Large text");
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        Assert.Contains("large", await page.GetAttributeAsync("html", "class") ?? "");
        Assert.Equal("24px", await page.EvaluateAsync<string>("getComputedStyle(document.documentElement).fontSize"));

        await page.FillAsync("input[name='Input.Title']", "Lift check on Friday");
        await page.FillAsync("textarea[name='Input.Body']", "The lifts of building 3 are checked on Friday morning.");
        await page.ClickAsync("button:has-text('Publish')");
        await page.WaitForSelectorAsync("text=The notice is published.");
        Assert.Contains("Lift check on Friday", await page.Locator("ul.cards").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "notices-en-large.png"), FullPage = true });

        // An empty title is refused on the page with a clear message; nothing is stored.
        await page.ClickAsync("button:has-text('Publish')");
        await page.WaitForSelectorAsync(".validation-message");
        Assert.Contains("Title is required", await page.Locator(".validation-message").First.InnerTextAsync());

        await page.ClickAsync("text=中文");
        await page.ClickAsync("text=标准字号");
        Assert.Equal("zh-CN", await page.GetAttributeAsync("html", "lang"));
    }

    [Fact]
    public async Task Admin_opens_an_account_for_a_staff_member_and_adds_a_role_from_the_pages()
    {
        var page = await fixture.SignedInPageAsync("admin", TestHost.AdminPassword);
        await page.GotoAsync("/admin/users?centre=qinghu");
        await page.FillAsync("form#create-user input[name=userName]", "qinghu-li");
        await page.FillAsync("input[name=displayName]", "李阿姨");
        await page.FillAsync("input[name=password]", "Qinghu-2026");
        await page.SelectOptionAsync("form#create-user select[name=role]", "staff");
        await page.ClickAsync("form#create-user button[type=submit]");
        await ExpectSuccessAsync(page);
        var row = page.Locator("tr[data-user='qinghu-li']");
        Assert.Contains("社工", await row.InnerTextAsync());

        await row.Locator("select[name=role]").SelectOptionAsync("volunteer");
        await row.Locator("button:has-text('添加')").ClickAsync();
        await ExpectSuccessAsync(page);
        Assert.Contains("志愿者", await page.Locator("tr[data-user='qinghu-li']").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "admin-users.png"), FullPage = true });

        var staff = await fixture.Host.LoginAsync("qinghu-li", "Qinghu-2026");
        var me = await staff.GetStringAsync("/api/me");
        Assert.Contains("volunteer", me);
        Assert.Contains("staff", me);
    }

    [Fact]
    public async Task Staff_register_an_elderly_resident_at_the_counter_from_the_page()
    {
        var (staffName, _, staffApi) = await fixture.Host.UserAsync("tawan", "staff");
        var page = await fixture.SignedInPageAsync(staffName, "Passw0rd-1");
        await page.GotoAsync("/c/tawan");
        await page.ClickAsync("nav.modules a[href='/c/tawan/residents']");
        await page.FillAsync("input[name='Input.Name']", "钱阿婆");
        await page.FillAsync("input[name='Input.Phone']", "13700001111");
        await page.FillAsync("input[name='Input.Building']", "7");
        await page.FillAsync("input[name='Input.Room']", "402");
        await page.CheckAsync("input[name='Input.Elderly']");
        await page.CheckAsync("input[name='Input.LivesAlone']");
        await page.SelectOptionAsync("select[name='Input.Channel']", "HomeVisit");
        await page.ClickAsync("button:has-text('登记')");
        await page.WaitForSelectorAsync("text=已登记：钱阿婆");
        Assert.Contains("老人、独居", await page.Locator("tr[data-resident='钱阿婆']").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "residents.png"), FullPage = true });

        var residents = await staffApi.GetStringAsync("/api/c/tawan/residents?q=钱阿婆");
        Assert.Contains("\"createdVia\":\"HomeVisit\"", residents);
        Assert.Contains("lives-alone", residents);

        // A name is required; nothing is stored without it.
        await page.ClickAsync("button:has-text('登记')");
        await page.WaitForSelectorAsync(".validation-message");
        Assert.Contains("请填写姓名", await page.Locator(".validation-message").First.InnerTextAsync());
    }

    [Fact]
    public async Task Wrong_password_shows_a_plain_message()
    {
        var context = await fixture.Browser.NewContextAsync(new() { BaseURL = fixture.BaseUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.FillAsync("input[name=userName]", "admin");
        await page.FillAsync("input[name=password]", "wrong-password");
        await page.ClickAsync("form[action='/account/login'] button[type=submit]");
        await page.WaitForSelectorAsync("[role=alert]");
        Assert.Contains("用户名或密码错误", await page.Locator("[role=alert]").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "login-error.png") });
    }
}
