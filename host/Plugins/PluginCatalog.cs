using System.Collections.Concurrent;
using System.Reflection;
using HappyCommunity.PluginSdk;

namespace HappyCommunity.Host.Plugins;

/// <summary>Every plugin found at startup, in dependency order, with its status.</summary>
public sealed class PluginCatalog(IReadOnlyList<PluginRecord> plugins, string pluginsPath)
{
    private readonly ConcurrentDictionary<Assembly, PluginRecord?> _byAssembly = new();

    public string PluginsPath { get; } = pluginsPath;

    /// <summary>All plugins found, dependencies before dependents.</summary>
    public IReadOnlyList<PluginRecord> All { get; } = plugins;

    public IEnumerable<PluginRecord> Running => All.Where(p => p.IsRunning);

    public PluginRecord? Find(string id) => All.FirstOrDefault(p => p.Id == id);

    public PluginRecord? FindRunning(string id) => All.FirstOrDefault(p => p.Id == id && p.IsRunning);

    /// <summary>The plugin an assembly belongs to (its main assembly), or null for the host's own.</summary>
    public PluginRecord? FindByAssembly(Assembly assembly) =>
        _byAssembly.GetOrAdd(assembly, a => All.FirstOrDefault(p => p.Assembly == a));

    /// <summary>The running plugins' stylesheets (<c>wwwroot/styles.css</c>), linked from every page; the set is fixed once loaded.</summary>
    public IReadOnlyList<string> StyleSheets => _styleSheets ??= Running
        .Where(p => File.Exists(Path.Combine(p.Directory, "wwwroot", "styles.css")))
        .Select(p => $"/_content/{p.Id}/styles.css")
        .ToList();

    private IReadOnlyList<string>? _styleSheets;

    /// <summary>Every permission of the running plugins.</summary>
    public IEnumerable<(string ModuleId, PermissionDefinition Permission)> Permissions =>
        Running.SelectMany(p => p.Module!.Permissions.Select(perm => (p.Id, perm)));
}
