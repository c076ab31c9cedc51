using System.Text.RegularExpressions;
using HappyCommunity.Tests.Infrastructure;
using HappyCommunity.Tests.Repair;
using Microsoft.Playwright;

namespace HappyCommunity.Tests.Browser;

/// <summary>The repair pages in a real browser: a resident reports with a photo, staff accept and fix it, the resident rates.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class RepairBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [GeneratedRegex(@"/repair/requests/(\d+)\?new=1")]
    private static partial Regex NewRequestUrl();

    private static string Shot(string name) => Path.Combine(BrowserFixture.ScreenshotDir, name);

    private static Task ExpectDoneAsync(IPage page) => BrowserFixture.ExpectRedirectBackAsync(page, "ok");

    [Fact]
    public async Task A_resident_reports_with_a_photo_staff_accept_and_fix_it_and_the_resident_rates()
    {
        var world = await RepairWorld.CreateAsync(fixture.Host, "xicen", workers: 1);
        var photo = Path.Combine(TestPaths.NewTempDirectory("photo"), "leak.jpg");
        await File.WriteAllBytesAsync(photo, TestImages.PhoneJpeg(1200, 900));

        // The resident: three steps on one page, the home address already filled in.
        var resident = await fixture.SignedInPageAsync(world.Resident.UserName, "Passw0rd-1");
        await resident.GotoAsync("/c/xicen/repair");
        await resident.ClickAsync("a[href='/c/xicen/repair/report']");
        Assert.Equal("5", await resident.InputValueAsync("input[name='location.building']"));
        await resident.Locator("label.repair-category", new() { HasText = "水管漏水" }).ClickAsync();
        await resident.FillAsync("textarea[name=description]", "厨房水槽下面的水管在滴水");
        await resident.SetInputFilesAsync("input[name=photos]", photo);
        await resident.ScreenshotAsync(new() { Path = Shot("repair-report.png"), FullPage = true });
        await resident.ClickAsync("button[type=submit].big");
        await resident.WaitForURLAsync(NewRequestUrl());
        var id = int.Parse(NewRequestUrl().Match(resident.Url).Groups[1].Value);
        Assert.Contains("报修已提交", await resident.Locator("[role=status]").InnerTextAsync());
        Assert.Contains("已派单", await resident.Locator(".repair-status").First.InnerTextAsync());
        Assert.Equal(1, await resident.Locator(".repair-photos img").CountAsync());
        await resident.ScreenshotAsync(new() { Path = Shot("repair-submitted.png"), FullPage = true });

        // The property staff member: accept from "my jobs", start, and resolve with a photo of the fix.
        var worker = await fixture.SignedInPageAsync(world.Workers[0].UserName, "Passw0rd-1");
        await worker.GotoAsync("/c/xicen/repair/jobs");
        await worker.ScreenshotAsync(new() { Path = Shot("repair-jobs.png"), FullPage = true });
        await worker.ClickAsync($"button[data-action=accept][data-request='{id}']");
        await ExpectDoneAsync(worker);
        await worker.GotoAsync($"/c/xicen/repair/requests/{id}");
        await worker.ClickAsync("button[data-action=start]");
        await ExpectDoneAsync(worker);
        await worker.FillAsync("input[name=note]", "更换了水管接头");
        await worker.SetInputFilesAsync("form:has(button[data-action=resolve]) input[type=file]", photo);
        await worker.ClickAsync("button[data-action=resolve]");
        await ExpectDoneAsync(worker);
        Assert.Contains("已修好", await worker.Locator(".repair-status").First.InnerTextAsync());
        await worker.ScreenshotAsync(new() { Path = Shot("repair-resolved-staff.png"), FullPage = true });

        // The resident confirms and rates, in large type.
        await resident.GotoAsync($"/prefs/large?value=1&returnUrl=/c/xicen/repair/requests/{id}");
        await resident.Locator("label", new() { HasText = "★★★★★" }).ClickAsync();
        await resident.FillAsync("input[name=comment]", "师傅很细心");
        await resident.ScreenshotAsync(new() { Path = Shot("repair-rate-large.png"), FullPage = true });
        await resident.ClickAsync("button[data-action=rate]");
        await ExpectDoneAsync(resident);
        Assert.Contains("已完成", await resident.Locator(".repair-status").First.InnerTextAsync());
        Assert.Contains("★★★★★", await resident.Locator(".repair-facts").InnerTextAsync());
        Assert.Equal(2, await resident.Locator(".repair-photos img").CountAsync());
        await resident.ScreenshotAsync(new() { Path = Shot("repair-closed.png"), FullPage = true });
    }

    [Fact]
    public async Task The_dispatcher_assigns_from_the_triage_queue_and_the_admin_sets_the_roster()
    {
        var world = await RepairWorld.CreateAsync(fixture.Host, "zhaoxiangcun", workers: 2);
        var api = world.Resident.Client;
        var waiting = await world.SubmitAsync(api, new { description = "不知道是什么响，半夜一直嗡嗡叫" });
        var id = waiting.GetProperty("id").GetInt32();

        var dispatcher = await fixture.SignedInPageAsync(world.Dispatcher.UserName, "Passw0rd-1");
        await dispatcher.GotoAsync("/c/zhaoxiangcun/repair/board");
        await dispatcher.ScreenshotAsync(new() { Path = Shot("repair-board.png"), FullPage = true });
        var row = dispatcher.Locator("tr", new() { Has = dispatcher.Locator($"button[data-request='{id}']") });
        await row.Locator("select[name=assigneeId]").SelectOptionAsync(world.Workers[1].Id);
        await row.Locator("button").ClickAsync();
        await ExpectDoneAsync(dispatcher);
        await dispatcher.GotoAsync($"/c/zhaoxiangcun/repair/requests/{id}");
        Assert.Contains("改派", await dispatcher.Locator(".reason").InnerTextAsync());

        var admin = await fixture.SignedInPageAsync(world.CentreAdmin.UserName, "Passw0rd-1");
        await admin.GotoAsync("/c/zhaoxiangcun/repair/settings");
        var firstRow = admin.Locator("form:has(button:text('保存值班表')) tbody tr").First;
        await firstRow.Locator("input[type=checkbox]").Nth(6).UncheckAsync(); // no Sundays
        await firstRow.Locator("input[type=time]").First.FillAsync("07:30");
        await admin.ClickAsync("button:text('保存值班表')");
        await admin.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await admin.ScreenshotAsync(new() { Path = Shot("repair-settings.png"), FullPage = true });
        Assert.Equal(0, await admin.Locator("[role=alert]").CountAsync());
        Assert.Contains("值班表已保存", await admin.Locator("[role=status]").InnerTextAsync());
        var staff = await HttpAssert.JsonAsync(await world.CentreAdmin.Client.GetAsync("/api/c/zhaoxiangcun/repair/staff"), System.Net.HttpStatusCode.OK);
        var changed = staff.EnumerateArray().Single(s => s.GetProperty("slots").EnumerateArray().Any(x => x.GetProperty("start").GetString() == "07:30"));
        Assert.DoesNotContain(changed.GetProperty("slots").EnumerateArray(), x => x.GetProperty("day").GetString() == "sunday");
        // The row nobody touched keeps both of its daily slots (the grid shows one per day).
        var untouched = staff.EnumerateArray().Single(s => s.GetProperty("userId").GetString() != changed.GetProperty("userId").GetString());
        Assert.Equal(14, untouched.GetProperty("slots").GetArrayLength());
    }
}
