using System.ComponentModel.DataAnnotations;

namespace HappyCommunity.Host.Centres;

public static class CentresEndpoints
{
    public sealed record CreateCentreRequest(
        [property: Required, StringLength(40, MinimumLength = 2)] string Slug,
        [property: Required, StringLength(50, MinimumLength = 2)] string Name,
        [property: Required] string Town,
        [property: StringLength(100)] string? NameEn = null);

    public sealed record SetModuleRequest([property: Required] bool? Enabled);

    public sealed record TownDto(string Slug, string Name, string? NameEn);

    public static void MapCentresEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/towns", (CentreDirectory directory) =>
                directory.Towns.OrderBy(t => t.Id).Select(t => new TownDto(t.Slug, t.Name.Zh, t.Name.En)))
            .WithTags("Centres").WithSummary("The district's towns");

        var centres = app.MapGroup("/api/centres").WithTags("Centres");

        centres.MapGet("/", (string? town, CentreDirectory directory) =>
                directory.Centres
                    .Where(c => town is null || c.TownSlug == town)
                    .OrderBy(c => c.Id)
                    .Select(c => new CentreAdmin.CentreDto(c.Slug, c.Name.Zh, c.Name.En, c.TownSlug)))
            .WithSummary("The district's community centres (public directory)");

        centres.MapPost("/", async (CreateCentreRequest request, CentreAdmin admin, CancellationToken ct) =>
                (await admin.CreateAsync(request.Slug, request.Name, request.NameEn, request.Town, ct)).ToResult())
            .RequireAuthorization()
            .WithSummary("Create a centre (district admin, or the town's admin)");

        centres.MapGet("/{slug}/modules", (string slug, CentreAdmin admin) => admin.ListModules(slug).ToResult())
            .RequireAuthorization()
            .WithSummary("The modules this host runs, and whether each is on for the centre (its admins)");

        centres.MapPut("/{slug}/modules/{id}", async (string slug, string id, SetModuleRequest request, CentreAdmin admin, CancellationToken ct) =>
                (await admin.SetModuleAsync(slug, id, request.Enabled!.Value, ct)).ToResult())
            .RequireAuthorization()
            .WithSummary("Switch a module on or off for the centre, at once (its admins)");
    }
}
