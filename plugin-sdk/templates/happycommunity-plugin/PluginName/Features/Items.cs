using System.ComponentModel.DataAnnotations;
using HappyCommunity.PluginSdk;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using PluginName.Data;

namespace PluginName.Features;

/// <summary>GET and POST /api/c/{centre}/pluginname/items.</summary>
public static class Items
{
    public sealed record ItemDto(int Id, string Title, DateTimeOffset CreatedAt);

    public sealed record AddItem([property: Required, StringLength(100, MinimumLength = 2)] string Title);

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/items", async (PluginNameDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await db.Items.AsNoTracking().OrderByDescending(i => i.Id).Take(100)
                    .Select(i => new ItemDto(i.Id, i.Title, i.CreatedAt)).ToListAsync(ct)))
            .RequirePermission(PluginNameModule.UsePermission);

        api.MapPost("/items", async (AddItem request, PluginNameDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var item = new Item { Title = request.Title.Trim() };
                db.Items.Add(item);
                await db.SaveChangesAsync(ct);
                return TypedResults.Created($"{http.Request.Path}/{item.Id}", new ItemDto(item.Id, item.Title, item.CreatedAt));
            })
            .RequirePermission(PluginNameModule.UsePermission);
    }
}
