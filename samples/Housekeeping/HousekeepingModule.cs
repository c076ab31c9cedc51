using Housekeeping.Data;
using Housekeeping.Features;
using HappyCommunity.PluginSdk;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Housekeeping;

/// <summary>家政服务: residents book home services from the centre's partner providers.</summary>
public sealed class HousekeepingModule : IModule
{
    public void ConfigureServices(IServiceCollection services, ModuleContext context)
    {
        context.AddStore<HousekeepingDbContext>(services);
        services.AddValidation();
        services.AddScoped<IDashboardFigureProvider, HousekeepingFigures>();
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        Providers.Map(api);
        Bookings.Map(api);
    }

    public IReadOnlyList<PermissionDefinition> Permissions => HousekeepingPermissions.All;

    public IReadOnlyList<NavigationItem> Navigation { get; } =
        [new(new("家政服务", "Home services"), "housekeeping", HousekeepingPermissions.Book, Order: 30, Icon: "🧹")];
}
