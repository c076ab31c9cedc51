using System.Net;
using System.Net.Http.Json;
using HappyCommunity.Tests.Infrastructure;

namespace HappyCommunity.Tests.Platform;

[Collection(StandardHostCollection.Name)]
public sealed class PermissionTests(StandardHost host)
{
    [Fact]
    public async Task A_centre_admin_grants_a_role_a_permission_at_their_centre_only()
    {
        await host.SetModuleAsync("xicen", "notices", true);
        await host.SetModuleAsync("shangta", "notices", true);
        var (_, _, centreAdmin) = await host.UserAsync("xicen", "centre-admin");
        var (_, _, volunteer) = await host.UserAsync("xicen", "volunteer");
        var (_, _, otherVolunteer) = await host.UserAsync("shangta", "volunteer");

        await HttpAssert.ProblemAsync(await volunteer.PostAsJsonAsync("/api/c/xicen/notices", new { title = "志愿活动", body = "周日清扫" }), HttpStatusCode.Forbidden);

        var granted = await HttpAssert.JsonAsync(await centreAdmin.PutAsJsonAsync("/api/centres/xicen/permissions/notices.publish/roles/volunteer", new { granted = true }), HttpStatusCode.OK);
        Assert.False(granted.GetProperty("isDefault").GetBoolean());
        await HttpAssert.JsonAsync(await volunteer.PostAsJsonAsync("/api/c/xicen/notices", new { title = "志愿活动", body = "周日清扫" }), HttpStatusCode.Created);
        await HttpAssert.ProblemAsync(await otherVolunteer.PostAsJsonAsync("/api/c/shangta/notices", new { title = "志愿活动", body = "周日清扫" }), HttpStatusCode.Forbidden);

        var matrix = await HttpAssert.JsonAsync(await centreAdmin.GetAsync("/api/centres/xicen/permissions"), HttpStatusCode.OK);
        var publish = matrix.EnumerateArray().Single(p => p.GetProperty("permission").GetString() == "notices.publish");
        var volunteerState = publish.GetProperty("roles").EnumerateArray().Single(r => r.GetProperty("role").GetString() == "volunteer");
        Assert.True(volunteerState.GetProperty("granted").GetBoolean());
        Assert.False(volunteerState.GetProperty("default").GetBoolean());

        await HttpAssert.JsonAsync(await centreAdmin.PutAsJsonAsync("/api/centres/xicen/permissions/notices.publish/roles/volunteer", new { granted = false }), HttpStatusCode.OK);
        await HttpAssert.ProblemAsync(await volunteer.PostAsJsonAsync("/api/c/xicen/notices", new { title = "志愿活动", body = "周日清扫" }), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_default_can_be_withdrawn_and_the_change_is_audited()
    {
        await host.SetModuleAsync("lianhu", "notices", true);
        var (_, _, resident) = await host.UserAsync("lianhu", "resident");
        await HttpAssert.JsonAsync(await resident.GetAsync("/api/c/lianhu/notices"), HttpStatusCode.OK);

        var admin = await host.AdminAsync();
        await HttpAssert.JsonAsync(await admin.PutAsJsonAsync("/api/centres/lianhu/permissions/notices.read/roles/resident", new { granted = false }), HttpStatusCode.OK);
        await HttpAssert.ProblemAsync(await resident.GetAsync("/api/c/lianhu/notices"), HttpStatusCode.Forbidden);

        var audit = await HttpAssert.JsonAsync(await admin.GetAsync("/api/audit?centre=lianhu"), HttpStatusCode.OK);
        Assert.Contains(audit.EnumerateArray(), a => a.GetProperty("action").GetString() == "permission.withdraw"
            && a.GetProperty("target").GetString() == "permission:notices.read@resident");

        await HttpAssert.JsonAsync(await admin.PutAsJsonAsync("/api/centres/lianhu/permissions/notices.read/roles/resident", new { granted = true }), HttpStatusCode.OK);
        await HttpAssert.JsonAsync(await resident.GetAsync("/api/c/lianhu/notices"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Permission_changes_are_checked()
    {
        var (_, _, staff) = await host.UserAsync("lianhu", "staff");
        await HttpAssert.ProblemAsync(await staff.PutAsJsonAsync("/api/centres/lianhu/permissions/notices.publish/roles/resident", new { granted = true }), HttpStatusCode.Forbidden);
        var admin = await host.AdminAsync();
        await HttpAssert.ProblemAsync(await admin.PutAsJsonAsync("/api/centres/lianhu/permissions/nothing.here/roles/resident", new { granted = true }), HttpStatusCode.NotFound);
        var role = await HttpAssert.ProblemAsync(await admin.PutAsJsonAsync("/api/centres/lianhu/permissions/notices.publish/roles/centre-admin", new { granted = false }), HttpStatusCode.BadRequest);
        Assert.True(role.GetProperty("errors").TryGetProperty("role", out _));
        var missing = await HttpAssert.ProblemAsync(await admin.PutAsJsonAsync("/api/centres/lianhu/permissions/notices.publish/roles/resident", new { }), HttpStatusCode.BadRequest);
        Assert.True(missing.GetProperty("errors").TryGetProperty("granted", out _));
    }
}
