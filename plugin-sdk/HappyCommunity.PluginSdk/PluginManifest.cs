using System.Text.Json.Serialization;

namespace HappyCommunity.PluginSdk;

/// <summary>The content of a plugin's <c>plugin.json</c>.</summary>
public sealed record PluginManifest
{
    /// <summary>The stable, lower-case id: letters, digits and dashes, e.g. <c>repair</c>.</summary>
    [JsonPropertyName("id")] public string Id { get; init; } = "";

    /// <summary>The display name, in Chinese and English.</summary>
    [JsonPropertyName("name")] public LocalizedText? Name { get; init; }

    /// <summary>What the module does, in Chinese and English.</summary>
    [JsonPropertyName("description")] public LocalizedText? Description { get; init; }

    /// <summary>The plugin's SemVer version; it must equal the assembly's informational version.</summary>
    [JsonPropertyName("version")] public string Version { get; init; } = "";

    /// <summary>The SDK versions the plugin works with, as a NuGet version range, e.g. <c>[1.0.0, 2.0.0)</c>.</summary>
    [JsonPropertyName("sdk")] public string Sdk { get; init; } = "";

    /// <summary>The assembly file that holds the module, relative to the plugin folder.</summary>
    [JsonPropertyName("assembly")] public string Assembly { get; init; } = "";

    /// <summary>The module type's full name, when the assembly holds more than one <see cref="IModule"/>.</summary>
    [JsonPropertyName("moduleType")] public string? ModuleType { get; init; }

    /// <summary>The plugins this one needs, by id, each with a version range.</summary>
    [JsonPropertyName("dependsOn")] public IReadOnlyDictionary<string, string> DependsOn { get; init; } = new Dictionary<string, string>();

    /// <summary>Who wrote the plugin.</summary>
    [JsonPropertyName("author")] public string? Author { get; init; }

    /// <summary>The permissions the plugin declares, by name (for the catalogue, before it is loaded).</summary>
    [JsonPropertyName("permissions")] public IReadOnlyList<string> Permissions { get; init; } = [];
}
