using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.Json;
using System.Text.RegularExpressions;
using HappyCommunity.PluginSdk;
using NuGet.Versioning;

namespace HappyCommunity.Host.Plugins;

/// <summary>
/// Finds <c>plugins/&lt;id&gt;/plugin.json</c>, validates each manifest, checks SDK and dependency ranges, and orders
/// the plugins so that dependencies come first. Nothing is loaded here: a plugin that fails a check never runs code.
/// </summary>
public static partial class PluginDiscovery
{
    public const string ManifestFileName = "plugin.json";

    /// <summary>Ids the platform uses for its own routes under a centre and for its own permissions.</summary>
    public static readonly IReadOnlySet<string> ReservedIds = new HashSet<string>
    {
        "platform", "residents", "dashboard", "settings", "admin", "api", "account", "prefs", "error", "inbox", "permissions", "modules",
    };

    [GeneratedRegex("^[a-z][a-z0-9-]{1,39}$")]
    private static partial Regex IdPattern();

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>The SDK version this host implements.</summary>
    public static NuGetVersion HostSdkVersion { get; } = NuGetVersion.Parse(
        typeof(IModule).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().First().InformationalVersion.Split('+')[0]);

    public static IReadOnlyList<PluginRecord> Discover(string pluginsPath, NuGetVersion hostSdk)
    {
        if (!Directory.Exists(pluginsPath))
            return [];

        var found = new List<PluginRecord>();
        foreach (var dir in Directory.EnumerateDirectories(pluginsPath).Order(StringComparer.Ordinal))
            found.Add(ReadManifest(dir));

        // Ids are unique: each must equal its folder's name (checked in ReadManifest).
        foreach (var plugin in found.Where(p => p.IsRunning))
            CheckSdk(plugin, hostSdk);

        CheckDependencies(found);
        return Order(found);
    }

    private static PluginRecord ReadManifest(string dir)
    {
        var folder = Path.GetFileName(dir);
        var record = new PluginRecord(folder, dir);
        var path = Path.Combine(dir, ManifestFileName);
        if (!File.Exists(path))
        {
            record.Fail(PluginStatus.Invalid, $"The folder has no {ManifestFileName}.");
            return record;
        }

        PluginManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<PluginManifest>(File.ReadAllText(path), JsonOptions);
        }
        catch (JsonException ex)
        {
            record.Fail(PluginStatus.Invalid, $"{ManifestFileName} is not valid JSON: {ex.Message}");
            return record;
        }

        if (manifest is null)
        {
            record.Fail(PluginStatus.Invalid, $"{ManifestFileName} is empty.");
            return record;
        }

        // JSON nulls where the model has defaults: treat as absent, so the checks below name them.
        manifest = manifest with
        {
            Id = manifest.Id ?? "",
            Version = manifest.Version ?? "",
            Sdk = manifest.Sdk ?? "",
            Assembly = manifest.Assembly ?? "",
            DependsOn = manifest.DependsOn ?? new Dictionary<string, string>(),
            Permissions = manifest.Permissions ?? [],
        };

        record.Manifest = manifest;
        var problems = new List<string>();
        if (!IdPattern().IsMatch(manifest.Id))
            problems.Add("'id' must be 2-40 lower-case letters, digits or dashes, starting with a letter");
        else if (ReservedIds.Contains(manifest.Id))
            problems.Add($"'id' '{manifest.Id}' is reserved by the platform (its routes and permissions use it); choose another");
        else if (manifest.Id != folder)
            problems.Add($"'id' is '{manifest.Id}' but the folder is '{folder}': they must be the same");
        if (string.IsNullOrWhiteSpace(manifest.Name?.Zh))
            problems.Add("'name' needs a 'zh-CN' text");
        if (!NuGetVersion.TryParse(manifest.Version, out var version))
            problems.Add($"'version' '{manifest.Version}' is not a SemVer version");
        if (!VersionRange.TryParse(manifest.Sdk, out _))
            problems.Add($"'sdk' '{manifest.Sdk}' is not a version range (e.g. \"[1.0.0, 2.0.0)\")");
        if (string.IsNullOrWhiteSpace(manifest.Assembly))
            problems.Add("'assembly' is required");
        else if (manifest.Assembly.Contains("..") || Path.IsPathRooted(manifest.Assembly))
            problems.Add("'assembly' must be a file inside the plugin folder");
        else if (!File.Exists(Path.Combine(dir, manifest.Assembly)))
            problems.Add($"'assembly' names {manifest.Assembly}, which is not in the plugin folder");
        foreach (var (dependency, range) in manifest.DependsOn)
            if (!VersionRange.TryParse(range, out _))
                problems.Add($"'dependsOn.{dependency}' '{range}' is not a version range");

        if (problems.Count > 0)
            record.Fail(PluginStatus.Invalid, $"{ManifestFileName} is invalid: {string.Join("; ", problems)}.");
        else
            record.Version = version;
        return record;
    }

    private static void CheckSdk(PluginRecord plugin, NuGetVersion hostSdk)
    {
        var manifest = plugin.Manifest!;
        var range = VersionRange.Parse(manifest.Sdk);
        if (!range.Satisfies(hostSdk))
        {
            plugin.Fail(PluginStatus.Incompatible,
                $"The plugin needs SDK {manifest.Sdk}, but this host has SDK {hostSdk}. " +
                $"Rebuild it against HappyCommunity.PluginSdk {hostSdk.Major}.x, no newer than {hostSdk}, or install a host whose SDK fits.");
            return;
        }

        var compiledAgainst = ReadReferencedSdkVersion(Path.Combine(plugin.Directory, manifest.Assembly));
        if (compiledAgainst is null)
        {
            plugin.Fail(PluginStatus.Invalid, $"{manifest.Assembly} is not a .NET assembly that references HappyCommunity.PluginSdk.");
            return;
        }

        // Assembly versions carry no prerelease label, so compare on major.minor.patch.
        var compiled = new NuGetVersion(compiledAgainst.Major, compiledAgainst.Minor, Math.Max(compiledAgainst.Build, 0));
        var hostRelease = new NuGetVersion(hostSdk.Major, hostSdk.Minor, hostSdk.Patch);
        if (compiled.Major != hostSdk.Major || compiled > hostRelease)
            plugin.Fail(PluginStatus.Incompatible,
                $"The plugin was compiled against SDK {compiled}, which this host (SDK {hostSdk}) cannot run. Rebuild it against SDK {hostSdk.Major}.x, no newer than {hostRelease}.");
        else if (!range.Satisfies(compiled))
            plugin.Fail(PluginStatus.Invalid,
                $"{ManifestFileName} says 'sdk' {manifest.Sdk} but the assembly was compiled against SDK {compiled}: the manifest has drifted from the build.");
    }

    private static Version? ReadReferencedSdkVersion(string assemblyPath)
    {
        try
        {
            using var stream = File.OpenRead(assemblyPath);
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata) return null;
            var reader = pe.GetMetadataReader();
            foreach (var handle in reader.AssemblyReferences)
            {
                var reference = reader.GetAssemblyReference(handle);
                if (reader.GetString(reference.Name) == typeof(IModule).Assembly.GetName().Name)
                    return reference.Version;
            }
            return null;
        }
        catch (BadImageFormatException)
        {
            return null;
        }
    }

    private static void CheckDependencies(List<PluginRecord> plugins)
    {
        var byId = plugins.Where(p => p.Manifest is not null && p.Status != PluginStatus.Invalid)
            .GroupBy(p => p.Id).ToDictionary(g => g.Key, g => g.First());
        foreach (var plugin in plugins.Where(p => p.IsRunning))
        {
            foreach (var (dependency, rangeText) in plugin.Manifest!.DependsOn)
            {
                var range = VersionRange.Parse(rangeText);
                if (!byId.TryGetValue(dependency, out var found))
                    plugin.Fail(PluginStatus.MissingDependency, $"It needs the plugin '{dependency}' {rangeText}, which is not installed.");
                else if (found.Version is null || !range.Satisfies(found.Version))
                    plugin.Fail(PluginStatus.MissingDependency, $"It needs the plugin '{dependency}' {rangeText}, but version {found.Manifest?.Version} is installed.");
            }
        }

        // Cycles: every plugin on a cycle is marked, with the cycle spelled out.
        var state = new Dictionary<string, int>();
        var stack = new List<string>();
        foreach (var plugin in plugins.Where(p => p.Manifest is not null && byId.ContainsKey(p.Id)))
            Visit(plugin.Id);

        void Visit(string id)
        {
            if (state.GetValueOrDefault(id) == 2) return;
            if (state.GetValueOrDefault(id) == 1)
            {
                var cycle = stack.Skip(stack.IndexOf(id)).Append(id).ToList();
                foreach (var member in cycle.Distinct())
                    byId[member].Fail(PluginStatus.DependencyCycle, $"Its dependencies form a cycle: {string.Join(" → ", cycle)}.");
                return;
            }
            state[id] = 1;
            stack.Add(id);
            foreach (var dependency in byId[id].Manifest!.DependsOn.Keys.Where(byId.ContainsKey))
                Visit(dependency);
            stack.RemoveAt(stack.Count - 1);
            state[id] = 2;
        }

        PropagateFailures(plugins);
    }

    /// <summary>Marks every running plugin whose dependency is not running as <see cref="PluginStatus.DependencyFailed"/>.</summary>
    public static void PropagateFailures(IEnumerable<PluginRecord> plugins)
    {
        var list = plugins.ToList();
        bool changed;
        do
        {
            changed = false;
            foreach (var plugin in list.Where(p => p.IsRunning && p.Manifest is not null))
            {
                foreach (var dependency in plugin.Manifest!.DependsOn.Keys)
                {
                    var found = list.FirstOrDefault(p => p.Id == dependency);
                    if (found is { IsRunning: false })
                    {
                        plugin.Fail(PluginStatus.DependencyFailed, $"It needs the plugin '{dependency}', which could not start ({found.Status}).");
                        changed = true;
                        break;
                    }
                }
            }
        } while (changed);
    }

    private static List<PluginRecord> Order(List<PluginRecord> plugins)
    {
        var byId = plugins.GroupBy(p => p.Id).ToDictionary(g => g.Key, g => g.First());
        var ordered = new List<PluginRecord>();
        var seen = new HashSet<PluginRecord>();
        foreach (var plugin in plugins)
            Add(plugin, 0);
        return ordered;

        void Add(PluginRecord plugin, int depth)
        {
            if (depth > plugins.Count || !seen.Add(plugin)) return;
            if (plugin.Manifest is not null && plugin.Status != PluginStatus.DependencyCycle)
                foreach (var dependency in plugin.Manifest.DependsOn.Keys)
                    if (byId.TryGetValue(dependency, out var found))
                        Add(found, depth + 1);
            ordered.Add(plugin);
        }
    }
}
