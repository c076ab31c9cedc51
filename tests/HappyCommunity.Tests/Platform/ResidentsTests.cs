using System.Net;
using System.Net.Http.Json;
using HappyCommunity.Tests.Infrastructure;

namespace HappyCommunity.Tests.Platform;

[Collection(StandardHostCollection.Name)]
public sealed class ResidentsTests(StandardHost host)
{
    [Fact]
    public async Task Staff_register_a_resident_at_the_counter_and_the_channel_is_recorded()
    {
        var (staffName, staffId, staff) = await host.UserAsync("dongfang", "staff");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/c/dongfang/residents")
        {
            Content = JsonContent.Create(new { name = "赵阿姨", phone = "13900000000", building = "3", unit = "2", room = "101", tags = new[] { "elderly", "lives-alone" } }),
        };
        request.Headers.Add("X-Service-Channel", "counter");
        var created = await HttpAssert.JsonAsync(await staff.SendAsync(request), HttpStatusCode.Created);
        Assert.Equal("Counter", created.GetProperty("createdVia").GetString());
        Assert.Equal(staffId, created.GetProperty("createdBy").GetString());
        var id = created.GetProperty("id").GetString();

        var fetched = await HttpAssert.JsonAsync(await staff.GetAsync($"/api/c/dongfang/residents/{id}"), HttpStatusCode.OK);
        Assert.Equal(["elderly", "lives-alone"], fetched.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));

        var admin = await host.AdminAsync();
        var audit = await HttpAssert.JsonAsync(await admin.GetAsync("/api/audit?centre=dongfang"), HttpStatusCode.OK);
        var entry = audit.EnumerateArray().First(a => a.GetProperty("action").GetString() == "resident.create");
        Assert.Equal("Counter", entry.GetProperty("channel").GetString());
        Assert.Equal(staffName, entry.GetProperty("actor").GetString());
    }

    [Fact]
    public async Task A_resident_cannot_claim_a_staff_channel()
    {
        var admin = await host.AdminAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/c/dongfang/residents") { Content = JsonContent.Create(new { name = "自助登记" }) };
        request.Headers.Add("X-Service-Channel", "home-visit");
        var created = await HttpAssert.JsonAsync(await admin.SendAsync(request), HttpStatusCode.Created);
        Assert.Equal("HomeVisit", created.GetProperty("createdVia").GetString()); // an admin may

        var (_, _, resident) = await host.UserAsync("dongfang", "resident");
        await HttpAssert.ProblemAsync(await resident.PostAsJsonAsync("/api/c/dongfang/residents", new { name = "x" }), HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("""{"name":"","phone":"123456"}""", "name")]
    [InlineData("""{"name":"钱先生","phone":"not a phone"}""", "phone")]
    [InlineData("""{"name":"钱先生","tags":["Elderly People"]}""", "tags")]
    [InlineData("""{"name":"钱先生","userId":"no-such-user"}""", "userId")]
    [InlineData("""{"name":"钱先生","tags":"elderly"}""", "tags")]
    public async Task Bad_resident_input_is_a_400_naming_the_field(string json, string field)
    {
        var admin = await host.AdminAsync();
        var problem = await HttpAssert.ProblemAsync(await admin.PostAsync("/api/c/dongfang/residents",
            new StringContent(json, System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task An_update_that_fails_validation_keeps_the_stored_record()
    {
        var admin = await host.AdminAsync();
        var created = await HttpAssert.JsonAsync(await admin.PostAsJsonAsync("/api/c/dongfang/residents", new { name = "孙大爷", phone = "13811112222" }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString();
        await HttpAssert.ProblemAsync(await admin.PutAsJsonAsync($"/api/c/dongfang/residents/{id}", new { name = "孙大爷", phone = "bad" }), HttpStatusCode.BadRequest);
        var fetched = await HttpAssert.JsonAsync(await admin.GetAsync($"/api/c/dongfang/residents/{id}"), HttpStatusCode.OK);
        Assert.Equal("13811112222", fetched.GetProperty("phone").GetString());
    }

    [Fact]
    public async Task A_resident_reads_their_own_record_only()
    {
        var admin = await host.AdminAsync();
        var (_, residentId, resident) = await host.UserAsync("dongfang", "resident");
        var mine = await HttpAssert.JsonAsync(await admin.PostAsJsonAsync("/api/c/dongfang/residents", new { name = "我自己", userId = residentId }), HttpStatusCode.Created);
        var other = await HttpAssert.JsonAsync(await admin.PostAsJsonAsync("/api/c/dongfang/residents", new { name = "别人" }), HttpStatusCode.Created);

        await HttpAssert.JsonAsync(await resident.GetAsync($"/api/c/dongfang/residents/{mine.GetProperty("id").GetString()}"), HttpStatusCode.OK);
        await HttpAssert.ProblemAsync(await resident.GetAsync($"/api/c/dongfang/residents/{other.GetProperty("id").GetString()}"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_resident_of_one_centre_is_not_found_through_another()
    {
        var admin = await host.AdminAsync();
        var created = await HttpAssert.JsonAsync(await admin.PostAsJsonAsync("/api/c/dongfang/residents", new { name = "周奶奶" }), HttpStatusCode.Created);
        await HttpAssert.ProblemAsync(await admin.GetAsync($"/api/c/tianyi/residents/{created.GetProperty("id").GetString()}"), HttpStatusCode.NotFound);
    }
}
