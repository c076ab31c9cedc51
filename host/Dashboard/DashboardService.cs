using HappyCommunity.Host.Centres;
using HappyCommunity.Host.Plugins;
using HappyCommunity.PluginSdk;

namespace HappyCommunity.Host.Dashboard;

/// <summary>Collects dashboard figures from the modules that are on for the centres asked about.</summary>
public sealed class DashboardService(IEnumerable<IDashboardFigureProvider> providers, PluginCatalog catalog, CentreDirectory directory, ILogger<DashboardService> logger)
{
    public sealed record ModuleFigures(string Module, string Name, IReadOnlyList<FigureDto> Figures, string? Error);

    public sealed record FigureDto(string Key, string Title, decimal Value, string? Unit);

    public async Task<IReadOnlyList<ModuleFigures>> CollectAsync(IReadOnlyCollection<CentreInfo> centres, CancellationToken ct)
    {
        var result = new List<ModuleFigures>();
        foreach (var provider in providers)
        {
            var plugin = catalog.FindByAssembly(provider.GetType().Assembly);
            if (plugin is not { IsRunning: true }) continue;
            var ids = centres.Where(c => directory.IsEnabled(c.Id, plugin.Id)).Select(c => c.Id).ToList();
            if (ids.Count == 0) continue;
            try
            {
                var figures = await provider.GetFiguresAsync(new DashboardScope(ids), ct);
                result.Add(new ModuleFigures(plugin.Id, plugin.Manifest!.Name!.Current,
                    figures.Select(f => new FigureDto(f.Key, f.Title.Current, f.Value, f.Unit)).ToList(), null));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One module's broken figures never break the dashboard.
                logger.LogError(ex, "Dashboard figures of {PluginId} failed", plugin.Id);
                result.Add(new ModuleFigures(plugin.Id, plugin.Manifest!.Name!.Current, [], "暂时无法计算 / Not available right now"));
            }
        }
        return result;
    }
}
