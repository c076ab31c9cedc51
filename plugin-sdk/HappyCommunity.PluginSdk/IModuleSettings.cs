namespace HappyCommunity.PluginSdk;

/// <summary>Reads a module's per-centre settings for the current centre.</summary>
public interface IModuleSettings
{
    /// <summary>The setting's value in the current centre, or its declared default when the centre has not set it.</summary>
    /// <param name="moduleId">The module's id.</param>
    /// <param name="key">The setting's key, as declared in <see cref="IModule.Settings"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<string> GetAsync(string moduleId, string key, CancellationToken cancellationToken);
}
