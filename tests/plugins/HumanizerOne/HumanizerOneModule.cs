using HappyCommunity.PluginSdk;
using Humanizer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HappyCommunity.TestPlugins.HumanizerOne;

/// <summary>Answers with the Humanizer version it loaded: each plugin must get its own private copy.</summary>
public sealed class HumanizerOneModule : IModule
{
    public void ConfigureServices(IServiceCollection services, ModuleContext context)
    {
    }

    public void MapEndpoints(IEndpointRouteBuilder api) =>
        api.MapGet("/", () => new
            {
                humanizer = typeof(InflectorExtensions).Assembly.GetName().Version!.ToString(),
                text = "PluginLoadContext".Humanize(),
            })
            .RequirePermission("humanizer-one.read");

    public IReadOnlyList<PermissionDefinition> Permissions { get; } =
        [new("humanizer-one.read", new("读取", "Read"), Roles.CentreRoles)];

    public IReadOnlyList<NavigationItem> Navigation { get; } =
        [new(new("测试页 One", "Test page One"), "humanizer-one", "humanizer-one.read", 90, "🔤")];
}
