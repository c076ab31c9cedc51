namespace HappyCommunity.Host.Plugins;

/// <summary>Where a plugin stands after startup. Anything but <see cref="Running"/> is left out, with a reason.</summary>
public enum PluginStatus
{
    /// <summary>Loaded, configured, migrated and serving.</summary>
    Running,
    /// <summary>Its <c>plugin.json</c> is missing, unreadable or invalid.</summary>
    Invalid,
    /// <summary>Built for an SDK version this host does not have.</summary>
    Incompatible,
    /// <summary>A plugin it depends on is not installed, or not in the version range it needs.</summary>
    MissingDependency,
    /// <summary>It depends on itself through other plugins.</summary>
    DependencyCycle,
    /// <summary>A plugin it depends on is installed but could not start.</summary>
    DependencyFailed,
    /// <summary>Loading, configuring, migrating or mapping it threw.</summary>
    Faulted,
}
