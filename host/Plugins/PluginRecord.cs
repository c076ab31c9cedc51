using System.Reflection;
using HappyCommunity.PluginSdk;
using McMaster.NETCore.Plugins;
using NuGet.Versioning;

namespace HappyCommunity.Host.Plugins;

/// <summary>One plugin folder the host found, and what became of it.</summary>
public sealed class PluginRecord(string id, string directory)
{
    public string Id { get; } = id;
    public string Directory { get; } = directory;
    public PluginManifest? Manifest { get; set; }
    public NuGetVersion? Version { get; set; }
    public PluginStatus Status { get; private set; } = PluginStatus.Running;
    public string? Reason { get; private set; }
    public PluginLoader? Loader { get; set; }
    public Assembly? Assembly { get; set; }
    public IModule? Module { get; set; }
    public List<Type> StoreTypes { get; } = [];

    /// <summary>The module's integration event handlers: the event type each handles, and the handler class.</summary>
    public List<(Type EventType, Type HandlerType)> EventHandlers { get; } = [];

    public bool IsRunning => Status == PluginStatus.Running;

    public void Fail(PluginStatus status, string reason)
    {
        if (!IsRunning) return; // keep the first reason: it is the cause
        Status = status;
        Reason = reason;
    }
}
