using HappyCommunity.Host.Api;
using HappyCommunity.Host.Centres;
using HappyCommunity.Host.Identity;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HappyCommunity.Host.Plugins;

public static class PluginEndpoints
{
    public sealed record PluginDto(
        string Id, string? Name, string? NameEn, string? Version, string Status, string? Reason,
        string? Description, string? Author, string? Sdk, IReadOnlyDictionary<string, string>? DependsOn,
        IReadOnlyList<string>? Permissions, int CentresUsing, IReadOnlyList<string> Centres);

    public static IEnumerable<PluginDto> Describe(PluginCatalog catalog, CentreDirectory directory) =>
        catalog.All.Select(p => new PluginDto(
            p.Id, p.Manifest?.Name?.Zh, p.Manifest?.Name?.En, p.Manifest?.Version, p.Status.ToString(), p.Reason,
            p.Manifest?.Description?.Current, p.Manifest?.Author, p.Manifest?.Sdk, p.Manifest?.DependsOn,
            p.Manifest?.Permissions, directory.Centres.Count(c => directory.IsEnabled(c.Id, p.Id)),
            directory.Centres.Where(c => directory.IsEnabled(c.Id, p.Id)).OrderBy(c => c.Id).Select(c => c.Slug).ToList()));

    public static void MapPluginEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/plugins", (PluginCatalog catalog, CentreDirectory directory, CurrentUser user) =>
                user.Access?.IsAnyAdmin == true
                    ? Results.Ok(Describe(catalog, directory))
                    : Problems.Forbidden("Only admins see the plugin list."))
            .RequireAuthorization()
            .WithTags("Admin")
            .WithSummary("Every plugin found, with its status and the reason when it is not running");
}

/// <summary>Degraded while any plugin found is not running; the data names each and why.</summary>
public sealed class PluginsHealthCheck(PluginCatalog catalog) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var failed = catalog.All.Where(p => !p.IsRunning).ToList();
        var data = catalog.All.ToDictionary(p => p.Id, p => (object)(p.IsRunning ? "Running" : $"{p.Status}: {p.Reason}"));
        return Task.FromResult(failed.Count == 0
            ? HealthCheckResult.Healthy($"{catalog.All.Count} plugin(s) running.", data)
            : HealthCheckResult.Degraded($"{failed.Count} of {catalog.All.Count} plugin(s) not running: {string.Join(", ", failed.Select(p => p.Id))}.", data: data));
    }
}

/// <summary>Checks that every running module's store answers.</summary>
public sealed class ModuleStoresHealthCheck(PluginCatalog catalog, IServiceScopeFactory scopes) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var broken = new List<string>();
        await using var scope = scopes.CreateAsyncScope();
        foreach (var plugin in catalog.Running)
            foreach (var store in plugin.StoreTypes)
            {
                var db = (Microsoft.EntityFrameworkCore.DbContext)scope.ServiceProvider.GetRequiredService(store);
                if (!await db.Database.CanConnectAsync(cancellationToken))
                    broken.Add($"{plugin.Id}/{store.Name}");
            }
        return broken.Count == 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy($"Stores not answering: {string.Join(", ", broken)}");
    }
}
