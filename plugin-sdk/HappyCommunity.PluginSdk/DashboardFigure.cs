namespace HappyCommunity.PluginSdk;

/// <summary>One figure a module shows on a centre or district dashboard.</summary>
/// <param name="Key">A stable key, prefixed with the module id.</param>
/// <param name="Title">The figure's label.</param>
/// <param name="Value">The value.</param>
/// <param name="Unit">The unit, if any (e.g. <c>%</c>, <c>h</c>).</param>
public sealed record DashboardFigure(string Key, LocalizedText Title, decimal Value, string? Unit = null);

/// <summary>What a dashboard asks figures for: one centre, or the whole district.</summary>
/// <param name="CentreIds">The centres to aggregate over; one for a centre dashboard, every centre with the module on for the district.</param>
public sealed record DashboardScope(IReadOnlyList<int> CentreIds);

/// <summary>Computes a module's dashboard figures. Register implementations in <see cref="IModule.ConfigureServices"/>.</summary>
public interface IDashboardFigureProvider
{
    /// <summary>Computes the figures for the scope. Only centres with the module switched on are in it.</summary>
    /// <param name="scope">The centres to compute over.</param>
    /// <param name="cancellationToken">Cancels the computation.</param>
    Task<IReadOnlyList<DashboardFigure>> GetFiguresAsync(DashboardScope scope, CancellationToken cancellationToken);
}
