using HappyCommunity.Modules.Repair.Data;
using HappyCommunity.Modules.Repair.Features;
using HappyCommunity.Modules.Repair.Open311;
using HappyCommunity.PluginSdk;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HappyCommunity.Modules.Repair;

/// <summary>幸福云物业报修: report with a photo or a sentence, dispatched at once, tracked to its deadlines.</summary>
public sealed class RepairModule : IModule
{
    public void ConfigureServices(IServiceCollection services, ModuleContext context)
    {
        context.AddStore<RepairDbContext>(services);
        services.AddSingleton(_ => new CategoryCatalog());
        services.AddScoped<RepairService>();
        services.AddScoped<RepairSetup>();
        services.AddScoped<RepairSettings>();
        services.AddScoped<IDashboardFigureProvider, RepairFigures>();
        services.AddSingleton<DeadlineWatch>();
        services.AddHostedService(sp => sp.GetRequiredService<DeadlineWatch>());
    }

    public void MapEndpoints(IEndpointRouteBuilder api) => RepairEndpoints.Map(api);

    public void MapPublicEndpoints(IEndpointRouteBuilder app) => Open311Endpoints.Map(app);

    public IReadOnlyList<PermissionDefinition> Permissions => RepairPermissions.All;

    public IReadOnlyList<NavigationItem> Navigation { get; } =
    [
        new(new("物业报修", "Repairs"), "repair", RepairPermissions.Report, Order: 20, Icon: "🔧"),
        new(new("我的工单", "My jobs"), "repair/jobs", RepairPermissions.Work, Order: 21, Icon: "🧰"),
        new(new("派单台", "Dispatch board"), "repair/board", RepairPermissions.Dispatch, Order: 22, Icon: "📋"),
        new(new("报修设置", "Repair settings"), "repair/settings", RepairPermissions.Manage, Order: 23, Icon: "⚙️"),
    ];

    public IReadOnlyList<ModuleSettingDefinition> Settings => RepairSettings.Definitions;
}
