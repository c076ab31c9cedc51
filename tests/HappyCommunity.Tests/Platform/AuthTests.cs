using System.Net;
using System.Net.Http.Json;
using HappyCommunity.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HappyCommunity.Tests.Platform;

[Collection(StandardHostCollection.Name)]
public sealed class AuthTests(StandardHost host)
{
    [Fact]
    public async Task Login_returns_a_bearer_token_that_opens_the_api()
    {
        var client = host.CreateClient();
        var token = await HttpAssert.JsonAsync(
            await client.PostAsJsonAsync("/api/auth/login", new { userName = "admin", password = TestHost.AdminPassword }), HttpStatusCode.OK);
        Assert.Equal("Bearer", token.GetProperty("tokenType").GetString());
        Assert.True(token.GetProperty("expiresIn").GetInt64() > 0);
        Assert.False(string.IsNullOrEmpty(token.GetProperty("refreshToken").GetString()));

        await HttpAssert.ProblemAsync(await client.GetAsync("/api/me"), HttpStatusCode.Unauthorized);
        client.DefaultRequestHeaders.Authorization = new("Bearer", token.GetProperty("accessToken").GetString());
        var me = await HttpAssert.JsonAsync(await client.GetAsync("/api/me"), HttpStatusCode.OK);
        Assert.Equal("admin", me.GetProperty("userName").GetString());
        Assert.Contains("district-admin", me.GetProperty("globalRoles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task A_refresh_token_gets_a_new_access_token()
    {
        var client = host.CreateClient();
        var token = await HttpAssert.JsonAsync(
            await client.PostAsJsonAsync("/api/auth/login", new { userName = "admin", password = TestHost.AdminPassword }), HttpStatusCode.OK);
        var refreshed = await HttpAssert.JsonAsync(
            await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = token.GetProperty("refreshToken").GetString() }), HttpStatusCode.OK);
        Assert.False(string.IsNullOrEmpty(refreshed.GetProperty("accessToken").GetString()));
        await HttpAssert.ProblemAsync(await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = "garbage" }), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Wrong_password_is_a_401_problem()
    {
        var client = host.CreateClient();
        var problem = await HttpAssert.ProblemAsync(
            await client.PostAsJsonAsync("/api/auth/login", new { userName = "admin", password = "wrong" }), HttpStatusCode.Unauthorized);
        Assert.Equal("invalid_credentials", problem.GetProperty("code").GetString());
        await HttpAssert.ProblemAsync(
            await client.PostAsJsonAsync("/api/auth/login", new { userName = "nobody-here", password = "wrong" }), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Missing_credentials_are_a_400_naming_the_field()
    {
        var client = host.CreateClient();
        var problem = await HttpAssert.ProblemAsync(await client.PostAsJsonAsync("/api/auth/login", new { userName = "admin" }), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("password", out _));
    }

    [Fact]
    public async Task Repeated_failures_lock_the_account_even_for_the_right_password()
    {
        var (userName, _, _) = await host.UserAsync("qinghu", "resident");
        var client = host.CreateClient();
        for (var i = 0; i < 5; i++)
            await client.PostAsJsonAsync("/api/auth/login", new { userName, password = "not-it-" + i });

        var locked = await HttpAssert.ProblemAsync(
            await client.PostAsJsonAsync("/api/auth/login", new { userName, password = "Passw0rd-1" }), HttpStatusCode.Unauthorized);
        Assert.Equal("locked_out", locked.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Roles_decide_what_a_centre_member_may_do()
    {
        await host.SetModuleAsync("sanyuanhe", "notices", true);
        var (_, _, resident) = await host.UserAsync("sanyuanhe", "resident");
        var (_, _, staff) = await host.UserAsync("sanyuanhe", "staff");

        await HttpAssert.ProblemAsync(await resident.PostAsJsonAsync("/api/c/sanyuanhe/notices", new { title = "通知", body = "居民不能发" }), HttpStatusCode.Forbidden);
        await HttpAssert.JsonAsync(await staff.PostAsJsonAsync("/api/c/sanyuanhe/notices", new { title = "通知", body = "工作人员可以发" }), HttpStatusCode.Created);
        var list = await HttpAssert.JsonAsync(await resident.GetAsync("/api/c/sanyuanhe/notices"), HttpStatusCode.OK);
        Assert.Contains(list.EnumerateArray(), n => n.GetProperty("body").GetString() == "工作人员可以发");

        await HttpAssert.ProblemAsync(await resident.GetAsync("/api/c/sanyuanhe/residents"), HttpStatusCode.Forbidden);
        await HttpAssert.ProblemAsync(await staff.GetAsync("/api/plugins"), HttpStatusCode.Forbidden);
        await HttpAssert.ProblemAsync(await staff.PutAsJsonAsync("/api/centres/sanyuanhe/modules/notices", new { enabled = false }), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_centre_admin_runs_their_centre_and_no_other()
    {
        var (_, _, centreAdmin) = await host.UserAsync("xianghua", "centre-admin");
        await HttpAssert.JsonAsync(await centreAdmin.PutAsJsonAsync("/api/centres/xianghua/modules/notices", new { enabled = true }), HttpStatusCode.OK);
        await HttpAssert.ProblemAsync(await centreAdmin.PutAsJsonAsync("/api/centres/tianyi/modules/notices", new { enabled = true }), HttpStatusCode.Forbidden);

        var created = await HttpAssert.JsonAsync(await centreAdmin.PostAsJsonAsync("/api/users",
            new { userName = "xianghua-staff-1", password = "Passw0rd-9", displayName = "小王", centre = "xianghua", role = "staff" }), HttpStatusCode.Created);
        Assert.Equal("staff", created.GetProperty("roles")[0].GetProperty("role").GetString());
        await HttpAssert.ProblemAsync(await centreAdmin.PostAsJsonAsync("/api/users",
            new { userName = "tianyi-staff-1", password = "Passw0rd-9", displayName = "小李", centre = "tianyi", role = "staff" }), HttpStatusCode.Forbidden);
        await HttpAssert.ProblemAsync(await centreAdmin.PostAsJsonAsync("/api/users",
            new { userName = "sneaky", password = "Passw0rd-9", displayName = "x", role = "district-admin" }), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Creating_users_rejects_bad_input_clearly()
    {
        var admin = await host.AdminAsync();
        var weak = await HttpAssert.ProblemAsync(await admin.PostAsJsonAsync("/api/users",
            new { userName = "weak-password-user", password = "abcdefgh", displayName = "x", centre = "xianghua", role = "staff" }), HttpStatusCode.BadRequest);
        Assert.True(weak.GetProperty("errors").TryGetProperty("password", out _));

        var role = await HttpAssert.ProblemAsync(await admin.PostAsJsonAsync("/api/users",
            new { userName = "bad-role-user", password = "Passw0rd-9", displayName = "x", centre = "xianghua", role = "king" }), HttpStatusCode.BadRequest);
        Assert.True(role.GetProperty("errors").TryGetProperty("role", out _));

        var centre = await HttpAssert.ProblemAsync(await admin.PostAsJsonAsync("/api/users",
            new { userName = "bad-centre-user", password = "Passw0rd-9", displayName = "x", centre = "atlantis", role = "staff" }), HttpStatusCode.BadRequest);
        Assert.True(centre.GetProperty("errors").TryGetProperty("centre", out _));

        await HttpAssert.JsonAsync(await admin.PostAsJsonAsync("/api/users",
            new { userName = "twice", password = "Passw0rd-9", displayName = "x", centre = "xianghua", role = "staff" }), HttpStatusCode.Created);
        await HttpAssert.ProblemAsync(await admin.PostAsJsonAsync("/api/users",
            new { userName = "twice", password = "Passw0rd-9", displayName = "x", centre = "xianghua", role = "staff" }), HttpStatusCode.Conflict);
    }
}

/// <summary>A host with a tight sign-in rate limit, no plugins and no demo data.</summary>
public sealed class RateLimitedHost() : TestHost(new PluginFolder(), new Dictionary<string, string?> { ["Auth:RateLimitPerMinute"] = "3", ["Seed:Demo"] = "false" });

public sealed class RateLimitTests(RateLimitedHost host) : IClassFixture<RateLimitedHost>
{
    [Fact]
    public async Task Without_the_demo_the_district_still_gets_its_admin_and_is_healthy()
    {
        var client = host.CreateClient();
        Assert.Equal(0, (await HttpAssert.JsonAsync(await client.GetAsync("/api/centres"), HttpStatusCode.OK)).GetArrayLength());
        var health = await HttpAssert.JsonAsync(await client.GetAsync("/health"), HttpStatusCode.OK);
        Assert.Equal("Healthy", health.GetProperty("status").GetString());
        Assert.True(File.Exists(Path.Combine(host.DataPath, "host.db")));
    }

    [Fact]
    public async Task Sign_in_attempts_beyond_the_limit_get_429()
    {
        var client = host.CreateClient();
        for (var i = 0; i < 3; i++)
            await HttpAssert.ProblemAsync(await client.PostAsJsonAsync("/api/auth/login", new { userName = "admin", password = "nope" }), HttpStatusCode.Unauthorized);
        await HttpAssert.ProblemAsync(await client.PostAsJsonAsync("/api/auth/login", new { userName = "admin", password = TestHost.AdminPassword }), HttpStatusCode.TooManyRequests);
        // The admin exists all the same: the seeded account is there in the store.
        using var scope = host.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<HappyCommunity.Host.Data.AppUser>>();
        Assert.NotNull(await users.FindByNameAsync("admin"));
    }
}
