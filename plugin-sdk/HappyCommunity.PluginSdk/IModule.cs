using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HappyCommunity.PluginSdk;

/// <summary>
/// The entry point of a module. The host creates one instance per loaded plugin, calls
/// <see cref="ConfigureServices"/> once at startup and <see cref="MapEndpoints"/> once when it maps routes.
/// Everything the module adds is gated per centre by the host: when the module is off for a centre,
/// its endpoints and pages answer 404 there and its navigation entries are hidden.
/// </summary>
public interface IModule
{
    /// <summary>Registers the module's services in the host's container.</summary>
    /// <param name="services">The host's service collection.</param>
    /// <param name="context">What the host tells the module about itself.</param>
    void ConfigureServices(IServiceCollection services, ModuleContext context);

    /// <summary>
    /// Maps the module's API endpoints. <paramref name="api"/> is already the group
    /// <c>/api/c/{centre}/{moduleId}</c>, gated, and open only to members of that centre.
    /// </summary>
    /// <param name="api">The module's route group.</param>
    void MapEndpoints(IEndpointRouteBuilder api);

    /// <summary>
    /// Maps endpoints that live outside <c>/api/c/{centre}/{moduleId}</c>, for clients that speak a standard protocol
    /// (e.g. Open311 at <c>/open311/v2/{centre}/...</c>). Each route must have a <c>{centre}</c> parameter: the host
    /// resolves the centre and answers 404 where the module is off, but does not require a signed-in member. The module
    /// authenticates such callers itself (an API key, say). Available since SDK 1.1.
    /// </summary>
    /// <param name="app">The host's route builder, at the root.</param>
    void MapPublicEndpoints(IEndpointRouteBuilder app)
    {
    }

    /// <summary>The permissions the module declares, with the roles that hold them by default.</summary>
    IReadOnlyList<PermissionDefinition> Permissions => [];

    /// <summary>The entries the module adds to a centre's navigation.</summary>
    IReadOnlyList<NavigationItem> Navigation => [];

    /// <summary>The per-centre settings the module declares.</summary>
    IReadOnlyList<ModuleSettingDefinition> Settings => [];
}
