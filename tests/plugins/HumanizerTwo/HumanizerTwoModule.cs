using HappyCommunity.PluginSdk;
using Humanizer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HappyCommunity.TestPlugins.HumanizerTwo;

/// <summary>Answers with the Humanizer version it loaded: each plugin must get its own private copy.</summary>
public sealed class HumanizerTwoModule : IModule
{
    public void ConfigureServices(IServiceCollection services, ModuleContext context)
    {
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        // Reads the resident register through the SDK, as every module must.
        api.MapGet("/residents", async (IResidentDirectory residents, CancellationToken ct) =>
                (await residents.SearchAsync(null, 100, ct)).Select(r => new { r.Name, r.CentreId, elderly = r.HasTag(ResidentTags.Elderly) }))
            .RequirePermission("humanizer-two.read");
        api.MapGet("/", () => new
            {
                humanizer = typeof(InflectorExtensions).Assembly.GetName().Version!.ToString(),
                text = "PluginLoadContext".Humanize(),
            })
            .RequirePermission("humanizer-two.read");
    }

    public IReadOnlyList<PermissionDefinition> Permissions { get; } =
        [new("humanizer-two.read", new("读取", "Read"), Roles.CentreRoles)];

    public IReadOnlyList<NavigationItem> Navigation { get; } =
        [new(new("测试页 Two", "Test page Two"), "humanizer-two", "humanizer-two.read", 90, "🔤")];
}
