using HappyCommunity.Host.Api;
using HappyCommunity.Host.Audit;
using HappyCommunity.Host.Centres;
using HappyCommunity.Host.Identity;

namespace HappyCommunity.Host.Settings;

public static class SettingsEndpoints
{
    public sealed record SetSettingRequest(string? Value);

    public static void MapSettingsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/c/{centre}/settings").RequireAuthorization().WithTags("Admin");

        group.MapGet("/", async (CentreContext here, CurrentUser user, CentreDirectory directory, ModuleSettings settings, CancellationToken ct) =>
                user.Access?.CanAdminister(here.Centre!, directory) == true
                    ? Results.Ok(await settings.ListAsync(here.Centre!, directory, ct))
                    : Problems.Forbidden("Only the centre's admins may read its settings."))
            .WithSummary("The settings of the centre's enabled modules (its admins)");

        group.MapPut("/{module}/{key}", async (string module, string key, SetSettingRequest request, CentreContext here, CurrentUser user,
                CentreDirectory directory, ModuleSettings settings, AuditLog audit, CancellationToken ct) =>
            {
                if (user.Access?.CanAdminister(here.Centre!, directory) != true)
                    return Problems.Forbidden("Only the centre's admins may change its settings.");
                if (!directory.IsEnabled(here.Centre!.Id, module))
                    return Problems.NotFound($"The module '{module}' is not switched on here.");
                return (await settings.SetAsync(here.Centre, module, key, request.Value, audit, ct)).ToResult();
            })
            .WithSummary("Change a module setting for the centre (its admins)");
    }
}
