using HappyCommunity.Modules.Volunteers.Data;
using HappyCommunity.Modules.Volunteers.Features;
using HappyCommunity.PluginSdk;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HappyCommunity.Modules.Volunteers;

/// <summary>幸福志愿: volunteers, activities with shifts and waitlists, check-in, an hours and points ledger, rewards, and help tasks from other modules.</summary>
public sealed class VolunteersModule : IModule
{
    public void ConfigureServices(IServiceCollection services, ModuleContext context)
    {
        context.AddStore<VolunteersDbContext>(services);
        services.AddScoped<VolunteerService>();
        services.AddScoped<VolunteerSettings>();
        services.AddScoped<IDashboardFigureProvider, VolunteerFigures>();
        services.AddSingleton<VolunteerWatch>();
        services.AddHostedService(sp => sp.GetRequiredService<VolunteerWatch>());
    }

    public void MapEndpoints(IEndpointRouteBuilder api) => VolunteersEndpoints.Map(api);

    public IReadOnlyList<PermissionDefinition> Permissions => VolunteersPermissions.All;

    public IReadOnlyList<NavigationItem> Navigation { get; } =
    [
        new(new("志愿服务", "Volunteering"), "volunteers", VolunteersPermissions.Join, Order: 30, Icon: "🤝"),
        new(new("需要帮忙", "Help needed"), "volunteers/help", VolunteersPermissions.Join, Order: 31, Icon: "🙋"),
        new(new("志愿管理", "Manage volunteering"), "volunteers/manage", VolunteersPermissions.Manage, Order: 32, Icon: "📋"),
    ];

    public IReadOnlyList<ModuleSettingDefinition> Settings => VolunteerSettings.Definitions;
}
