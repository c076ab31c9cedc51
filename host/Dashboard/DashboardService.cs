using HappyCommunity.Host.Centres;
using HappyCommunity.Host.Plugins;
using HappyCommunity.PluginSdk;

namespace HappyCommunity.Host.Dashboard;

/// <summary>Collects dashboard figures from the modules that are on for the centres asked about.</summary>
public sealed class DashboardService(
    IEnumerable<IDashboardFigureProvider> providers, IServiceScopeFactory scopes, PluginCatalog catalog, CentreDirectory directory, ILogger<DashboardService> logger)
{
    public sealed record ModuleFigures(string Module, string Name, IReadOnlyList<FigureDto> Figures, string? Error);

    public sealed record FigureDto(string Key, string Title, decimal Value, string? Unit);

    /// <summary>Every running module's figures over the centres where it is on. The modules are asked side by side, each
    /// in a scope of its own (so no two share a scoped service such as a store context), and the dashboard takes as long
    /// as the slowest rather than the sum; the order stays the modules'.</summary>
    public async Task<IReadOnlyList<ModuleFigures>> CollectAsync(IReadOnlyCollection<CentreInfo> centres, CancellationToken ct)
    {
        var asked = new List<Task<ModuleFigures>>();
        foreach (var provider in providers)
        {
            var plugin = catalog.FindByAssembly(provider.GetType().Assembly);
            if (plugin is not { IsRunning: true }) continue;
            var ids = centres.Where(c => directory.IsEnabled(c.Id, plugin.Id)).Select(c => c.Id).ToList();
            if (ids.Count == 0) continue;
            asked.Add(AskAsync(provider.GetType(), plugin, ids, ct));
        }
        return await Task.WhenAll(asked);
    }

    private async Task<ModuleFigures> AskAsync(Type providerType, PluginRecord plugin, List<int> ids, CancellationToken ct)
    {
        try
        {
            await Task.Yield(); // the provider's own synchronous start runs beside the others', not before them
            await using var scope = scopes.CreateAsyncScope();
            var provider = scope.ServiceProvider.GetServices<IDashboardFigureProvider>().First(p => p.GetType() == providerType);
            var figures = await provider.GetFiguresAsync(new DashboardScope(ids), ct);
            return new ModuleFigures(plugin.Id, plugin.Manifest!.Name!.Current,
                figures.Select(f => new FigureDto(f.Key, f.Title.Current, f.Value, f.Unit)).ToList(), null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // One module's broken figures never break the dashboard.
            logger.LogError(ex, "Dashboard figures of {PluginId} failed", plugin.Id);
            return new ModuleFigures(plugin.Id, plugin.Manifest!.Name!.Current, [], "暂时无法计算 / Not available right now");
        }
    }
}
