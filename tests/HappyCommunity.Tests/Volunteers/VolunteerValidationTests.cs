using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HappyCommunity.Tests.Infrastructure;

namespace HappyCommunity.Tests.Volunteers;

/// <summary>Bad input is a 400 problem that names the field (never a 500), and nothing of it is stored.</summary>
[Collection(VolunteersHostCollection.Name)]
public sealed class VolunteerValidationTests(VolunteersHost host)
{
    private static async Task AssertNamesAsync(HttpResponseMessage response, string field)
    {
        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out var messages) && messages.GetArrayLength() > 0,
            $"expected errors.{field}: {problem}");
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    [Fact]
    public async Task A_bad_activity_is_refused_naming_the_field_and_none_is_created()
    {
        var world = await VolunteerWorld.CreateAsync(host, "dongfang");
        var url = $"{world.Api}/activities";
        var start = DateTimeOffset.UtcNow.AddDays(2);
        object Activity(object? capacity = null, object? startAt = null, object? endAt = null, string? title = "义剪", int? repeatWeeks = null) =>
            new { title, place = "活动室", startAt = startAt ?? start, endAt = endAt ?? start.AddHours(2), capacity = capacity ?? 5, repeatWeeks };

        var cases = new (object Body, string Field)[]
        {
            (Activity(capacity: 0), "capacity"),
            (Activity(capacity: 1001), "capacity"),
            (Activity(endAt: start.AddHours(-1)), "endAt"),
            (Activity(endAt: start), "endAt"),
            (Activity(endAt: start.AddHours(13)), "endAt"),
            (Activity(startAt: DateTimeOffset.UtcNow.AddDays(-3), endAt: DateTimeOffset.UtcNow.AddDays(-3).AddHours(1)), "startAt"),
            (Activity(title: null), "title"),
            (Activity(title: new string('长', 101)), "title"),
            (Activity(repeatWeeks: 0), "repeatWeeks"),
            (Activity(repeatWeeks: 13), "repeatWeeks"),
            (new { title = "义剪", place = "活动室", endAt = start.AddHours(2), capacity = 5 }, "startAt"),
            (new { title = "义剪", startAt = start, endAt = start.AddHours(2), capacity = 5 }, "place"),
            (new { title = "义剪", place = "活动室", startAt = start, endAt = start.AddHours(2), capacity = 5, skills = new[] { "flying" } }, "skills"),
        };
        foreach (var (body, field) in cases)
            await AssertNamesAsync(await world.Staff.Client.PostAsJsonAsync(url, body), field);

        // Values of the wrong type name their field too.
        await AssertNamesAsync(await world.Staff.Client.PostAsync(url, Json($$"""{"title":"义剪","place":"活动室","startAt":"{{start:O}}","endAt":"{{start.AddHours(2):O}}","capacity":"ten"}""")), "capacity");
        await AssertNamesAsync(await world.Staff.Client.PostAsync(url, Json($$"""{"title":"义剪","place":"活动室","startAt":"tomorrow","endAt":"{{start.AddHours(2):O}}","capacity":5}""")), "startAt");
        await AssertNamesAsync(await world.Staff.Client.PostAsync(url, Json($$"""{"title":"义剪","place":"活动室","startAt":"{{start:O}}","endAt":"{{start.AddHours(2):O}}","capacity":99999999999}""")), "capacity");
        // Not JSON at all: a 400; JSON of another type: 415.
        await HttpAssert.ProblemAsync(await world.Staff.Client.PostAsync(url, Json("""{"title":"义剪","place":""")), HttpStatusCode.BadRequest);
        await HttpAssert.ProblemAsync(await world.Staff.Client.PostAsync(url, Json("null")), HttpStatusCode.BadRequest);
        await HttpAssert.ProblemAsync(await world.Staff.Client.PostAsync(url, Json("[1,2]")), HttpStatusCode.BadRequest);
        await HttpAssert.ProblemAsync(await world.Staff.Client.PostAsync(url, new StringContent("""{"title":"义剪"}""", Encoding.UTF8, "text/plain")), HttpStatusCode.UnsupportedMediaType);
        await HttpAssert.ProblemAsync(await world.Staff.Client.PostAsync(url, null), HttpStatusCode.UnsupportedMediaType);

        Assert.Equal(0, (await HttpAssert.JsonAsync(await world.Staff.Client.GetAsync(url), HttpStatusCode.OK)).GetArrayLength());
        Assert.Equal(0, (await HttpAssert.JsonAsync(await world.Staff.Client.GetAsync($"{url}?past=true"), HttpStatusCode.OK)).GetArrayLength());
        // The same body, made right, is taken: the refusals were about the fields named.
        await HttpAssert.JsonAsync(await world.Staff.Client.PostAsJsonAsync(url, Activity()), HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_bad_application_is_refused_naming_the_field_and_leaves_no_application()
    {
        var world = await VolunteerWorld.CreateAsync(host, "shenxiang");
        var user = await world.UserAsync("resident");
        var url = $"{world.Api}/applications";
        var cases = new (object Body, string Field)[]
        {
            (new { phone = "abc", skills = new[] { "meals" } }, "phone"),
            (new { phone = "123", skills = new[] { "meals" } }, "phone"),
            (new { skills = new[] { "meals" } }, "phone"),
            (new { phone = "13900000000", skills = new[] { "flying" } }, "skills"),
            (new { phone = "13900000000", availability = new string('闲', 201) }, "availability"),
        };
        foreach (var (body, field) in cases)
            await AssertNamesAsync(await user.Client.PostAsJsonAsync(url, body), field);
        await AssertNamesAsync(await user.Client.PostAsync(url, Json("""{"phone":"13900000000","skills":"meals"}""")), "skills");
        await HttpAssert.ProblemAsync(await user.Client.PostAsync(url, Json("{phone:")), HttpStatusCode.BadRequest);
        await HttpAssert.ProblemAsync(await user.Client.PostAsync(url, new StringContent("phone=13900000000", Encoding.UTF8, "text/plain")), HttpStatusCode.UnsupportedMediaType);

        var card = await HttpAssert.JsonAsync(await user.Client.GetAsync($"{world.Api}/me"), HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, card.GetProperty("volunteer").ValueKind);
        var applications = await HttpAssert.JsonAsync(await world.Staff.Client.GetAsync(url), HttpStatusCode.OK);
        Assert.DoesNotContain(applications.EnumerateArray(), a => a.GetProperty("userId").GetString() == user.UserId);
        await AssertNamesAsync(await world.Staff.Client.GetAsync($"{url}?status=maybe"), "status");
    }

    [Fact]
    public async Task A_bad_adjustment_or_reward_is_refused_naming_the_field_and_changes_nothing()
    {
        var world = await VolunteerWorld.CreateAsync(host, "zhangma");
        var volunteer = await world.VolunteerAsync();
        await world.GivePointsAsync(volunteer, 40);
        var before = (await world.HoursAsync(volunteer)).GetRawText();
        var url = $"{world.Api}/volunteers/{volunteer.VolunteerId}/adjustments";
        var cases = new (object Body, string Field)[]
        {
            (new { hours = 1 }, "reason"),
            (new { hours = 1, reason = "x" }, "reason"),
            (new { hours = 1, reason = new string('因', 301) }, "reason"),
            (new { reason = "什么都没写" }, "hours"),
            (new { hours = 101, reason = "太多了" }, "hours"),
            (new { points = 100_001, reason = "太多了" }, "points"),
            (new { reason = "冲销不存在的", reverseEntryId = 987654321L }, "reverseEntryId"),
        };
        foreach (var (body, field) in cases)
            await AssertNamesAsync(await world.Staff.Client.PostAsJsonAsync(url, body), field);
        await AssertNamesAsync(await world.Staff.Client.PostAsync(url, Json("""{"hours":"two","reason":"两小时"}""")), "hours");
        await HttpAssert.ProblemAsync(await world.Staff.Client.PostAsync(url, Json("""{"hours":2,""")), HttpStatusCode.BadRequest);
        await HttpAssert.ProblemAsync(await world.Staff.Client.PostAsync(url, new StringContent("hours=2", Encoding.UTF8, "text/csv")), HttpStatusCode.UnsupportedMediaType);
        await HttpAssert.ProblemAsync(await world.Staff.Client.PostAsJsonAsync($"{world.Api}/volunteers/987654/adjustments", new { hours = 1, reason = "没有这个人" }), HttpStatusCode.NotFound);
        Assert.Equal(before, (await world.HoursAsync(volunteer)).GetRawText());

        var rewards = $"{world.Api}/rewards";
        var rewardCases = new (object Body, string Field)[]
        {
            (new { name = "", pointCost = 10, stock = 1 }, "name"),
            (new { pointCost = 10, stock = 1 }, "name"),
            (new { name = new string('品', 61), pointCost = 10, stock = 1 }, "name"),
            (new { name = "毛巾", pointCost = 0, stock = 1 }, "pointCost"),
            (new { name = "毛巾", stock = 1 }, "pointCost"),
            (new { name = "毛巾", pointCost = 10, stock = -1 }, "stock"),
            (new { name = "毛巾", pointCost = 10, stock = 100_001 }, "stock"),
        };
        foreach (var (body, field) in rewardCases)
            await AssertNamesAsync(await world.Staff.Client.PostAsJsonAsync(rewards, body), field);
        await AssertNamesAsync(await world.Staff.Client.PostAsync(rewards, Json("""{"name":"毛巾","pointCost":1.5,"stock":1}""")), "pointCost");
        await HttpAssert.ProblemAsync(await world.Staff.Client.PostAsync(rewards, Json("""{"name":""")), HttpStatusCode.BadRequest);
        await HttpAssert.ProblemAsync(await world.Staff.Client.PostAsync(rewards, new StringContent("<reward/>", Encoding.UTF8, "application/xml")), HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(0, (await HttpAssert.JsonAsync(await world.Staff.Client.GetAsync(rewards), HttpStatusCode.OK)).GetArrayLength());

        // A bad change to a real reward leaves it as it was.
        var reward = await world.RewardAsync("毛巾", pointCost: 20, stock: 3);
        var saved = (await world.RewardDetailAsync(reward)).GetRawText();
        await AssertNamesAsync(await world.Staff.Client.PutAsJsonAsync($"{rewards}/{reward}", new { stock = -5 }), "stock");
        await AssertNamesAsync(await world.Staff.Client.PutAsJsonAsync($"{rewards}/{reward}", new { pointCost = -5 }), "pointCost");
        Assert.Equal(saved, (await world.RewardDetailAsync(reward)).GetRawText());
    }
}
