using HappyCommunity.Host.Api;
using HappyCommunity.Host.Centres;
using HappyCommunity.Host.Identity;
using HappyCommunity.PluginSdk;

namespace HappyCommunity.Host.Dashboard;

public static class DashboardEndpoints
{
    public static void MapDashboardEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/c/{centre}/dashboard", async (CentreContext here, DashboardService dashboard, CancellationToken ct) =>
                Results.Ok(await dashboard.CollectAsync([here.Centre!], ct)))
            .RequireAuthorization()
            .RequirePermission(DashboardPermissions.View)
            .WithTags("Dashboard")
            .WithSummary("The centre's figures from its enabled modules (staff)");

        app.MapGet("/api/district/dashboard", async (string? town, CurrentUser user, CentreDirectory directory, DashboardService dashboard, CancellationToken ct) =>
            {
                if (user.Access is not { IsAnyAdmin: true } access)
                    return Problems.Forbidden("Only town and district admins see the district dashboard.");
                var centres = directory.Centres
                    .Where(c => (town is null || c.TownSlug == town)
                        && (access.IsDistrictAdmin || access.RolesIn(c, directory).Contains(Roles.TownAdmin)))
                    .ToList();
                if (centres.Count == 0)
                    return Problems.Forbidden("You administer no town or district here.");
                return Results.Ok(new { centres = centres.Count, modules = await dashboard.CollectAsync(centres, ct) });
            })
            .RequireAuthorization()
            .WithTags("Dashboard")
            .WithSummary("Figures over every centre a town or district admin oversees");
    }
}
