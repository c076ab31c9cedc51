using HappyCommunity.PluginSdk;

namespace HappyCommunity.Host.Centres;

/// <summary>The centre of the current request or job scope; set by the gate middleware or by <see cref="CentreScopeFactory"/>.</summary>
public sealed class CentreContext : ICentreContext
{
    public CentreInfo? Centre { get; set; }
}

public sealed class CentreScopeFactory(IServiceScopeFactory scopes, CentreDirectory directory) : ICentreScopeFactory
{
    public AsyncServiceScope CreateScope(CentreInfo centre)
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CentreContext>().Centre = centre;
        return scope;
    }

    public IReadOnlyList<CentreInfo> CentresWithModule(string moduleId) =>
        directory.Centres.Where(c => directory.IsEnabled(c.Id, moduleId)).ToList();
}
