using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HappyCommunity.PluginSdk;

/// <summary>What the host tells a module while it registers its services.</summary>
public abstract class ModuleContext
{
    /// <summary>The module's manifest.</summary>
    public abstract PluginManifest Manifest { get; }

    /// <summary>The host's configuration; a module reads its own section, <c>Modules:{id}</c>.</summary>
    public abstract IConfiguration Configuration { get; }

    /// <summary>The folder the plugin was loaded from (for its static files and resources).</summary>
    public abstract string PluginDirectory { get; }

    /// <summary>A folder where the module may keep its own files, under the host's data folder.</summary>
    public abstract string DataDirectory { get; }

    /// <summary>
    /// Registers the module's store: its own <see cref="DbContext"/> in its own database (a SQLite file under the
    /// host's data folder). The host runs its migrations at startup, before the module serves.
    /// </summary>
    /// <typeparam name="TContext">The module's context, usually derived from <see cref="CentreDbContext"/>.</typeparam>
    /// <param name="services">The host's service collection.</param>
    public abstract void AddStore<TContext>(IServiceCollection services) where TContext : DbContext;
}
