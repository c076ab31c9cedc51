using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HappyCommunity.Tests.Infrastructure;

namespace HappyCommunity.Tests.Repair;

/// <summary>A host with the Repair module (and Notices) loaded from disk.</summary>
public sealed class RepairHost() : TestHost(new PluginFolder().AddModule("notices").AddModule("repair"));

[CollectionDefinition(Name)]
public sealed class RepairHostCollection : ICollectionFixture<RepairHost>
{
    public const string Name = "repair host";
}

public sealed record Person(string Id, HttpClient Client, string UserName);

/// <summary>
/// One centre set up for repairs through the public API only: Repairs switched on, a dispatcher, property staff in the
/// default team on duty around the clock, a centre admin, and a resident with an account and a home (5-2-301).
/// </summary>
public sealed class RepairWorld
{
    public required TestHost Host { get; init; }
    public required string Centre { get; init; }
    public required Person Dispatcher { get; init; }
    public required Person CentreAdmin { get; init; }
    public required Person Resident { get; init; }
    public required Guid ResidentId { get; init; }
    public required IReadOnlyList<Person> Workers { get; init; }
    public required int TeamId { get; init; }
    public required IReadOnlyList<JsonElement> Categories { get; init; }

    public string Api => $"/api/c/{Centre}/repair";

    public int CategoryId(string code) => Categories.First(c => c.GetProperty("code").GetString() == code).GetProperty("id").GetInt32();

    public static async Task<RepairWorld> CreateAsync(TestHost host, string centre, int workers = 2, bool onDuty = true, IReadOnlyList<string>? residentTags = null)
    {
        await host.SetModuleAsync(centre, "repair", true);
        var (dispatcherName, dispatcherId, dispatcher) = await host.UserAsync(centre, "staff");
        var (adminName, adminId, centreAdmin) = await host.UserAsync(centre, "centre-admin");
        var (residentName, residentUserId, resident) = await host.UserAsync(centre, "resident");
        var staff = new List<Person>();
        for (var i = 0; i < workers; i++)
        {
            var (name, id, client) = await host.UserAsync(centre, "property-staff");
            staff.Add(new Person(id, client, name));
        }

        var record = await HttpAssert.JsonAsync(await dispatcher.PostAsJsonAsync($"/api/c/{centre}/residents",
            new { name = "王阿姨", phone = "13800000001", building = "5", unit = "2", room = "301", tags = residentTags ?? [], userId = residentUserId }), HttpStatusCode.Created);

        var teams = await HttpAssert.JsonAsync(await centreAdmin.GetAsync($"/api/c/{centre}/repair/teams"), HttpStatusCode.OK);
        var teamId = teams[0].GetProperty("id").GetInt32();
        await HttpAssert.JsonAsync(await centreAdmin.PutAsJsonAsync($"/api/c/{centre}/repair/teams/{teamId}",
            new { name = "维修一组", memberIds = staff.Select(s => s.Id).ToArray() }), HttpStatusCode.OK);
        foreach (var w in staff)
            await SetRosterAsync(centreAdmin, centre, w.Id, onDuty);

        var categories = await HttpAssert.JsonAsync(await resident.GetAsync($"/api/c/{centre}/repair/categories"), HttpStatusCode.OK);
        return new RepairWorld
        {
            Host = host, Centre = centre, Dispatcher = new(dispatcherId, dispatcher, dispatcherName), CentreAdmin = new(adminId, centreAdmin, adminName),
            Resident = new(residentUserId, resident, residentName), ResidentId = record.GetProperty("id").GetGuid(), Workers = staff, TeamId = teamId,
            Categories = categories.EnumerateArray().ToList(),
        };
    }

    /// <summary>On duty every minute of every day (two slots a day, the second running to midnight), or never.</summary>
    public static async Task SetRosterAsync(HttpClient centreAdmin, string centre, string userId, bool onDuty)
    {
        var slots = onDuty
            ? Enum.GetNames<DayOfWeek>().SelectMany(d => new[] { new { day = d, start = "00:00", end = "12:00" }, new { day = d, start = "12:00", end = "00:00" } }).ToArray()
            : [];
        await HttpAssert.JsonAsync(await centreAdmin.PutAsJsonAsync($"/api/c/{centre}/repair/staff/{userId}/roster", new { slots }), HttpStatusCode.OK);
    }

    public async Task<JsonElement> SubmitAsync(HttpClient client, object body, HttpStatusCode expected = HttpStatusCode.Created) =>
        await HttpAssert.JsonAsync(await client.PostAsJsonAsync($"{Api}/requests", body), expected);

    public async Task<JsonElement> ActAsync(HttpClient client, int id, string action, object? body = null, HttpStatusCode expected = HttpStatusCode.OK) =>
        await HttpAssert.JsonAsync(await client.PostAsJsonAsync($"{Api}/requests/{id}/{action}", body ?? new { }), expected);

    public Person WorkerById(string id) => Workers.First(w => w.Id == id);

    public async Task<IReadOnlyList<JsonElement>> InboxAsync(HttpClient client)
    {
        var inbox = await HttpAssert.JsonAsync(await client.GetAsync("/api/me/notifications"), HttpStatusCode.OK);
        return (inbox.ValueKind == JsonValueKind.Array ? inbox : inbox.GetProperty("items")).EnumerateArray().ToList();
    }
}
