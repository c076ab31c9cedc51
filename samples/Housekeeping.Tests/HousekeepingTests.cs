using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HappyCommunity.PluginSdk;
using HappyCommunity.PluginSdk.Testing;
using Xunit;

namespace Housekeeping.Tests;

public sealed class HousekeepingTests : IAsyncLifetime
{
    private static readonly string PluginFolder = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../Housekeeping/bin/plugin/housekeeping"));
    private PluginTestHost _host = null!;

    public async Task InitializeAsync() => _host = await PluginTestHost.StartAsync(PluginFolder);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_resident_books_and_staff_confirm_for_the_provider()
    {
        var staff = await _host.ClientAsync(Roles.Staff);
        var resident = await _host.ClientAsync(Roles.Resident);
        var api = $"/api/c/{_host.Centre}/housekeeping";

        var provider = await (await staff.PostAsJsonAsync($"{api}/providers", new { name = "好帮手家政", phone = "021-59700000", kind = "ElderCareAide" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var booked = await resident.PostAsJsonAsync($"{api}/bookings",
            new { providerId = provider.GetProperty("id").GetInt32(), visitAt = DateTimeOffset.UtcNow.AddDays(2), address = "5号楼3单元1202室" });
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var id = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        Assert.Equal(HttpStatusCode.Forbidden, (await resident.PostAsync($"{api}/bookings/{id}/confirm", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"{api}/bookings/{id}/confirm", null)).StatusCode);

        var mine = await resident.GetFromJsonAsync<JsonElement>($"{api}/bookings");
        Assert.Equal("Confirmed", mine[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Booking_needs_an_address()
    {
        var resident = await _host.ClientAsync(Roles.Resident);
        var response = await resident.PostAsJsonAsync($"/api/c/{_host.Centre}/housekeeping/bookings", new { providerId = 1, visitAt = DateTimeOffset.UtcNow.AddDays(1) });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("address", await response.Content.ReadAsStringAsync());
    }
}
