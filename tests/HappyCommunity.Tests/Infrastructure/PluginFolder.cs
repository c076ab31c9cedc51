using System.Text.Json.Nodes;

namespace HappyCommunity.Tests.Infrastructure;

/// <summary>Builds a plugins folder for one test host from real, built plugin folders (and edited copies of them).</summary>
public sealed class PluginFolder
{
    public PluginFolder() => Path = TestPaths.NewTempDirectory("plugins");

    public string Path { get; }

    /// <summary>Copies a shipped module (from artifacts/plugins).</summary>
    public PluginFolder AddModule(string id)
    {
        TestPaths.CopyDirectory(System.IO.Path.Combine(TestPaths.Modules, id), System.IO.Path.Combine(Path, id));
        return this;
    }

    /// <summary>Copies a test plugin (from artifacts/test-plugins).</summary>
    public PluginFolder AddTestPlugin(string id)
    {
        TestPaths.CopyDirectory(System.IO.Path.Combine(TestPaths.TestPlugins, id), System.IO.Path.Combine(Path, id));
        return this;
    }

    /// <summary>Copies a built plugin under a new id, and lets the test edit its manifest.</summary>
    public PluginFolder AddVariant(string sourceRoot, string sourceId, string newId, Action<JsonObject> edit)
    {
        var target = System.IO.Path.Combine(Path, newId);
        TestPaths.CopyDirectory(System.IO.Path.Combine(sourceRoot, sourceId), target);
        var manifestPath = System.IO.Path.Combine(target, "plugin.json");
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!.AsObject();
        manifest["id"] = newId;
        edit(manifest);
        File.WriteAllText(manifestPath, manifest.ToJsonString());
        return this;
    }

    /// <summary>A folder whose plugin.json has exactly this text.</summary>
    public PluginFolder AddRaw(string id, string manifestText)
    {
        var dir = System.IO.Path.Combine(Path, id);
        Directory.CreateDirectory(dir);
        File.WriteAllText(System.IO.Path.Combine(dir, "plugin.json"), manifestText);
        return this;
    }
}
