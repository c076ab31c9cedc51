using System.Globalization;
using System.Net;
using HappyCommunity.Tests.Infrastructure;
using Microsoft.Playwright;

namespace HappyCommunity.Tests.Browser;

/// <summary>The volunteers pages in a real browser: apply, approval, sign-up, check-in with the venue's code, hours credited.</summary>
[Collection(BrowserCollection.Name)]
public sealed class VolunteersBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Centre = "lianhu";
    private static readonly TimeZoneInfo China = TimeZoneInfo.CreateCustomTimeZone("China", TimeSpan.FromHours(8), "China", "China");

    private static Task ExpectDoneAsync(IPage page) => BrowserFixture.ExpectRedirectBackAsync(page, "ok");

    /// <summary>A full-page screenshot in normal and in large type, for people to look at.</summary>
    private static async Task ShotsAsync(IPage page, string name)
    {
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, $"volunteers-{name}.png"), FullPage = true });
        var here = new Uri(page.Url).PathAndQuery;
        await page.GotoAsync($"/prefs/large?value=1&returnUrl={Uri.EscapeDataString(here)}");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, $"volunteers-{name}-large.png"), FullPage = true });
        await page.GotoAsync($"/prefs/large?value=0&returnUrl={Uri.EscapeDataString(here)}");
    }

    private static string LocalInput(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, China).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_resident_applies_signs_up_checks_in_with_the_venue_code_and_gets_the_hours()
    {
        await fixture.Host.SetModuleAsync(Centre, "volunteers", true);
        var (staffName, _, staffApi) = await fixture.Host.UserAsync(Centre, "staff");
        var (residentName, _, _) = await fixture.Host.UserAsync(Centre, "resident");
        var staff = await fixture.SignedInPageAsync(staffName, "Passw0rd-1");
        var resident = await fixture.SignedInPageAsync(residentName, "Passw0rd-1");

        // Staff publish an activity that is on now, so check-in is open.
        var now = fixture.Clock.GetUtcNow();
        await staff.GotoAsync($"/c/{Centre}/volunteers/manage");
        var create = staff.Locator("form.vol-create");
        await create.Locator("input[name=title]").FillAsync("社区花园除草");
        await create.Locator("input[name=place]").FillAsync("莲湖村活动室门口");
        await create.Locator("input[name=startAt]").FillAsync(LocalInput(now.AddMinutes(-30)));
        await create.Locator("input[name=endAt]").FillAsync(LocalInput(now.AddMinutes(30)));
        await create.Locator("input[name=capacity]").FillAsync("5");
        await create.Locator("label.vol-skill", new() { HasText = "文艺活动" }).ClickAsync();
        await staff.ClickAsync("button[data-action=create-activity]");
        await ExpectDoneAsync(staff);
        var activity = staff.Locator(".vol-activity", new() { HasText = "社区花园除草" });
        var id = int.Parse(await activity.GetAttributeAsync("data-activity") ?? "0", CultureInfo.InvariantCulture);
        Assert.Contains("还剩 5 个名额", await activity.InnerTextAsync());

        // The resident applies with big checkboxes, then waits for review.
        await resident.GotoAsync($"/c/{Centre}/volunteers");
        await ShotsAsync(resident, "apply");
        await resident.FillAsync("input[name=phone]", "13900000002");
        await resident.Locator("label.vol-skill", new() { HasText = "陪伴聊天" }).ClickAsync();
        await resident.FillAsync("input[name=availability]", "周二上午");
        await resident.ClickAsync("form.vol-apply button[type=submit]");
        await ExpectDoneAsync(resident);
        Assert.Contains("工作人员审核后", await resident.Locator("main").InnerTextAsync());

        // Staff approve it from the management page.
        await staff.GotoAsync($"/c/{Centre}/volunteers/manage");
        await ShotsAsync(staff, "manage");
        await staff.Locator(".vol-application", new() { HasText = "13900000002" }).Locator("button[data-action=approve]").ClickAsync();
        await ExpectDoneAsync(staff);
        Assert.Equal(0, await staff.Locator(".vol-application").CountAsync());

        // The volunteer signs up from the home page.
        await resident.GotoAsync($"/c/{Centre}/volunteers");
        await resident.ClickAsync($"button[data-signup='{id}']");
        await ExpectDoneAsync(resident);
        Assert.Contains("报名成功", await resident.Locator("[role=status]").InnerTextAsync());
        await ShotsAsync(resident, "home");

        // Staff show the code at the venue; the volunteer types it.
        await staff.GotoAsync($"/c/{Centre}/volunteers/activities/{id}");
        var code = (await staff.Locator("[data-code]").InnerTextAsync()).Trim();
        Assert.Matches("^[0-9]{6}$", code);
        Assert.Contains("已报名", await staff.Locator("table.grid").InnerTextAsync());
        await ShotsAsync(staff, "activity-staff");

        await resident.GotoAsync($"/c/{Centre}/volunteers/activities/{id}");
        Assert.Equal(0, await resident.Locator("[data-code]").CountAsync());
        await resident.FillAsync("input[name=code]", code);
        await resident.ClickAsync("button[data-action=check-in]");
        await ExpectDoneAsync(resident);
        Assert.Contains("签到成功", await resident.Locator("[role=status]").InnerTextAsync());
        await ShotsAsync(resident, "activity-checked-in");

        // Twenty minutes at the venue later (the host's clock moves on), the volunteer checks out.
        fixture.Clock.Advance(TimeSpan.FromMinutes(20));
        await resident.FillAsync("input[name=code]", code);
        await resident.ClickAsync("button[data-action=check-out]");
        await ExpectDoneAsync(resident);
        Assert.Contains("签退成功", await resident.Locator("[role=status]").InnerTextAsync());
        Assert.Contains("已签退", await resident.Locator(".vol-mine").InnerTextAsync());

        await resident.GotoAsync($"/c/{Centre}/volunteers/hours");
        var hours = double.Parse(await resident.Locator("[data-figure=hours]").InnerTextAsync(), CultureInfo.InvariantCulture);
        Assert.True(hours > 0, $"no hours credited ({hours})");
        Assert.Contains("活动：社区花园除草", await resident.Locator("table.vol-ledger").InnerTextAsync());
        await ShotsAsync(resident, "hours");

        // The other pages render for the volunteer and for staff.
        await staff.GotoAsync($"/c/{Centre}/volunteers/rewards");
        await staff.FillAsync("input[name=name]", "环保购物袋");
        await staff.FillAsync("input[name=pointCost]", "50");
        await staff.FillAsync("input[name=stock]", "20");
        await staff.Locator("form:has(input[name=pointCost]) button[type=submit]").ClickAsync();
        await ExpectDoneAsync(staff);
        await resident.GotoAsync($"/c/{Centre}/volunteers/rewards");
        Assert.Contains("环保购物袋", await resident.Locator(".vol-rewards").InnerTextAsync());
        await ShotsAsync(resident, "rewards");
        await resident.GotoAsync($"/c/{Centre}/volunteers/help");
        await ShotsAsync(resident, "help");

        await staff.GotoAsync($"/c/{Centre}/volunteers/manage");
        await staff.ClickAsync("tr[data-volunteer] a");
        await staff.WaitForURLAsync(url => url.EndsWith("/hours", StringComparison.Ordinal));
        Assert.Contains("社区花园除草", await staff.Locator("table.vol-ledger").InnerTextAsync());
        await ShotsAsync(staff, "volunteer-hours-staff");

        var card = await HttpAssert.JsonAsync(await staffApi.GetAsync($"/api/c/{Centre}/volunteers/activities/{id}"), HttpStatusCode.OK);
        var line = card.GetProperty("roster").EnumerateArray().Single();
        Assert.Equal(20 / 60.0, line.GetProperty("creditedHours").GetDouble(), 6);
    }
}
