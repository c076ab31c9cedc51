using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HappyCommunity.Tests.Infrastructure;

namespace HappyCommunity.Tests.Volunteers;

/// <summary>A signed-in user of one centre; <see cref="VolunteerId"/> is set once they applied.</summary>
public sealed record Member(string UserName, string UserId, HttpClient Client, int VolunteerId = 0);

/// <summary>
/// One centre set up for volunteering through the public API only: Volunteers switched on and a staff member; approved
/// volunteers (or mere applicants) made on demand, many at a time.
/// </summary>
public sealed class VolunteerWorld
{
    public const string Password = "Passw0rd-1";
    private const int CreationsAtOnce = 8; // each one hashes passwords: bounded, not one at a time

    public required TestHost Host { get; init; }
    public required string Centre { get; init; }
    public required HttpClient Admin { get; init; }
    public required Member Staff { get; init; }

    public string Api => $"/api/c/{Centre}/volunteers";

    public static async Task<VolunteerWorld> CreateAsync(TestHost host, string centre)
    {
        await host.SetModuleAsync(centre, "volunteers", true);
        var admin = await host.AdminAsync();
        var staff = await NewUserAsync(host, admin, centre, "staff");
        return new VolunteerWorld { Host = host, Centre = centre, Admin = admin, Staff = staff };
    }

    /// <summary>Creates a user with one role here (through the API, as the district admin) and signs them in.</summary>
    public static async Task<Member> NewUserAsync(TestHost host, HttpClient admin, string centre, string role)
    {
        var userName = $"{role}-{centre}-{Guid.NewGuid().ToString("N")[..10]}";
        var response = await admin.PostAsJsonAsync("/api/users", new { userName, password = Password, displayName = userName, centre, role });
        var body = await HttpAssert.JsonAsync(response, HttpStatusCode.Created);
        return new Member(userName, body.GetProperty("id").GetString()!, await host.LoginAsync(userName, Password));
    }

    public Task<Member> UserAsync(string role) => NewUserAsync(Host, Admin, Centre, role);

    /// <summary>A user who applied and was approved by staff.</summary>
    public async Task<Member> VolunteerAsync(string role = "volunteer") => (await VolunteersAsync(1, role))[0];

    /// <summary>Many approved volunteers, made a few at a time.</summary>
    public Task<Member[]> VolunteersAsync(int count, string role = "volunteer") => ManyAsync(count, async () =>
    {
        var applicant = await ApplicantAsync(role);
        await HttpAssert.JsonAsync(await Staff.Client.PostAsJsonAsync($"{Api}/applications/{applicant.VolunteerId}/approve", new { }), HttpStatusCode.OK);
        return applicant;
    });

    /// <summary>A user who applied; staff have not decided yet.</summary>
    public async Task<Member> ApplicantAsync(string role = "resident")
    {
        var user = await UserAsync(role);
        var applied = await HttpAssert.JsonAsync(await user.Client.PostAsJsonAsync($"{Api}/applications",
            new { phone = "13900000000", skills = new[] { "companionship" }, availability = "周末上午", displayName = user.UserName }), HttpStatusCode.Created);
        Assert.Equal("pending", applied.GetProperty("status").GetString());
        return user with { VolunteerId = applied.GetProperty("id").GetInt32() };
    }

    private static async Task<Member[]> ManyAsync(int count, Func<Task<Member>> make)
    {
        using var gate = new SemaphoreSlim(CreationsAtOnce);
        return await Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
        {
            await gate.WaitAsync();
            try
            {
                return await make();
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    /// <summary>A fresh sign-in: moving the clock past an hour expires tokens, as it would.</summary>
    public async Task<Member> SignInAgainAsync(Member member) => member with { Client = await Host.LoginAsync(member.UserName, Password) };

    public async Task<JsonElement> CreateActivityAsync(DateTimeOffset start, TimeSpan length, int capacity, int? repeatWeeks = null, string title = "敬老院陪伴")
    {
        var created = await HttpAssert.JsonAsync(await Staff.Client.PostAsJsonAsync($"{Api}/activities",
            new { title, description = "陪老人聊天、读报", place = "活动室 A", startAt = start, endAt = start + length, capacity, repeatWeeks }), HttpStatusCode.Created);
        return created;
    }

    /// <summary>Creates one activity and returns its id.</summary>
    public async Task<int> ActivityAsync(DateTimeOffset start, TimeSpan length, int capacity) =>
        (await CreateActivityAsync(start, length, capacity)).GetProperty("id").GetInt32();

    /// <summary>The activity as staff see it: <c>activity</c> (with the check-in code) and <c>roster</c>.</summary>
    public async Task<JsonElement> DetailAsync(int activityId, HttpClient? client = null) =>
        await HttpAssert.JsonAsync(await (client ?? Staff.Client).GetAsync($"{Api}/activities/{activityId}"), HttpStatusCode.OK);

    public async Task<string> CodeAsync(int activityId) => (await DetailAsync(activityId)).GetProperty("activity").GetProperty("checkInCode").GetString()!;

    public async Task<JsonElement> SignUpAsync(Member volunteer, int activityId, HttpStatusCode expected = HttpStatusCode.Created) =>
        await HttpAssert.JsonAsync(await volunteer.Client.PostAsync($"{Api}/activities/{activityId}/signups", null), expected);

    public async Task<JsonElement> HoursAsync(Member volunteer) =>
        await HttpAssert.JsonAsync(await volunteer.Client.GetAsync($"{Api}/hours/me"), HttpStatusCode.OK);

    public async Task<JsonElement> AdjustAsync(int volunteerId, object body, HttpStatusCode expected = HttpStatusCode.Created) =>
        await HttpAssert.JsonAsync(await Staff.Client.PostAsJsonAsync($"{Api}/volunteers/{volunteerId}/adjustments", body), expected);

    /// <summary>Gives a volunteer points (and no hours) through an adjustment.</summary>
    public Task<JsonElement> GivePointsAsync(Member volunteer, int points) =>
        AdjustAsync(volunteer.VolunteerId, new { points, reason = "测试：发放积分" });

    public async Task<int> RewardAsync(string name, int pointCost, int stock) =>
        (await HttpAssert.JsonAsync(await Staff.Client.PostAsJsonAsync($"{Api}/rewards", new { name, pointCost, stock }), HttpStatusCode.Created)).GetProperty("id").GetInt32();

    /// <summary>The reward as staff see it (inactive ones too).</summary>
    public async Task<JsonElement> RewardDetailAsync(int rewardId)
    {
        var rewards = await HttpAssert.JsonAsync(await Staff.Client.GetAsync($"{Api}/rewards"), HttpStatusCode.OK);
        return rewards.EnumerateArray().Single(r => r.GetProperty("id").GetInt32() == rewardId);
    }

    public async Task<IReadOnlyList<JsonElement>> InboxAsync(HttpClient client)
    {
        var inbox = await HttpAssert.JsonAsync(await client.GetAsync("/api/me/notifications"), HttpStatusCode.OK);
        return (inbox.ValueKind == JsonValueKind.Array ? inbox : inbox.GetProperty("items")).EnumerateArray().ToList();
    }

    /// <summary>Sets one of the module's settings for this centre (as the district admin).</summary>
    public async Task SetAsync(string key, string value) =>
        await HttpAssert.JsonAsync(await Admin.PutAsJsonAsync($"/api/c/{Centre}/settings/volunteers/{key}", new { value }), HttpStatusCode.OK);
}
