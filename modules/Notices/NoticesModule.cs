using HappyCommunity.Modules.Notices.Data;
using HappyCommunity.Modules.Notices.Features;
using HappyCommunity.PluginSdk;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HappyCommunity.Modules.Notices;

/// <summary>社区公告: the centre's notice board.</summary>
public sealed class NoticesModule : IModule
{
    public void ConfigureServices(IServiceCollection services, ModuleContext context)
    {
        context.AddStore<NoticesDbContext>(services);
        services.AddValidation(); // registers this assembly's generated validators for its endpoints
        services.AddScoped<IDashboardFigureProvider, NoticesFigures>();
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        ListNotices.Map(api);
        PublishNotice.Map(api);
    }

    public IReadOnlyList<PermissionDefinition> Permissions => NoticesPermissions.All;

    public IReadOnlyList<NavigationItem> Navigation { get; } =
        [new(new("社区公告", "Notices"), "notices", NoticesPermissions.Read, Order: 10, Icon: "📢")];

    public IReadOnlyList<ModuleSettingDefinition> Settings { get; } =
        [new("pinnedLimit", new("最多置顶条数", "Most pinned notices"), SettingType.Integer, "3")];
}
