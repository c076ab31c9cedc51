using HappyCommunity.PluginSdk;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PluginName.Data;
using PluginName.Features;

namespace PluginName;

/// <summary>The module: its store, its endpoints, its permission and its navigation entry.</summary>
public sealed class PluginNameModule : IModule
{
    public const string UsePermission = "pluginname.use";

    public void ConfigureServices(IServiceCollection services, ModuleContext context)
    {
        context.AddStore<PluginNameDbContext>(services);
        services.AddValidation();
    }

    public void MapEndpoints(IEndpointRouteBuilder api) => Items.Map(api);

    public IReadOnlyList<PermissionDefinition> Permissions { get; } =
        [new(UsePermission, new("使用 PluginName", "Use PluginName"), Roles.CentreRoles)];

    public IReadOnlyList<NavigationItem> Navigation { get; } =
        [new(new("PluginName", "PluginName"), "pluginname", UsePermission, Order: 50, Icon: "⭐")];
}
