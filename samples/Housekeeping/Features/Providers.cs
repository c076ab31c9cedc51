using System.ComponentModel.DataAnnotations;
using Housekeeping.Data;
using HappyCommunity.PluginSdk;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Housekeeping.Features;

/// <summary>The centre's partner providers: staff list them, residents choose among the active ones.</summary>
public static class Providers
{
    public sealed record ProviderDto(int Id, string Name, string Phone, string Kind, bool Active);

    public sealed record CreateProvider(
        [property: Required(ErrorMessage = "请填写机构名称 / Name is required"), StringLength(100, MinimumLength = 2)] string Name,
        [property: Required, RegularExpression(@"^[0-9+\- ]{5,20}$", ErrorMessage = "电话号码格式不对 / Not a phone number")] string Phone,
        [property: Required] ServiceKind? Kind);

    public static async Task<List<ProviderDto>> ListAsync(HousekeepingDbContext db, bool activeOnly, CancellationToken ct) =>
        (await db.Providers.AsNoTracking().Where(p => !activeOnly || p.Active).OrderBy(p => p.Name).ToListAsync(ct))
            .Select(ToDto).ToList();

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/providers", async (HousekeepingDbContext db, CancellationToken ct) => TypedResults.Ok(await ListAsync(db, true, ct)))
            .WithSummary("Active partner providers")
            .RequirePermission(HousekeepingPermissions.Book);

        api.MapPost("/providers", async (CreateProvider request, HousekeepingDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var provider = new Provider { Name = request.Name.Trim(), Phone = request.Phone.Trim(), Kind = request.Kind!.Value };
                db.Providers.Add(provider);
                await db.SaveChangesAsync(ct);
                return TypedResults.Created($"{http.Request.Path}/{provider.Id}", ToDto(provider));
            })
            .WithSummary("Add a partner provider (staff)")
            .RequirePermission(HousekeepingPermissions.Manage);
    }

    private static ProviderDto ToDto(Provider p) => new(p.Id, p.Name, p.Phone, p.Kind.ToString(), p.Active);
}
